"""CSV as Excel writes it in an Indonesian office: ``;``, ``,`` or tab; UTF-8, BOM or not."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

from kinerja.findings import FindingList, Position
from kinerja.read.document import Document
from kinerja.read.table import table_to_submission
from kinerja.read.text import decode_utf8

DELIMITERS = (";", ",", "\t")


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter that splits the first non-empty line into the most cells."""
    for line in text.splitlines():
        if line.strip():
            counts = {d: line.count(d) for d in DELIMITERS}
            best = max(DELIMITERS, key=lambda d: counts[d])
            return best if counts[best] else ";"
    return ";"


class _CsvError(Exception):
    def __init__(self, line: int, problem: str) -> None:
        super().__init__(problem)
        self.line = line
        self.problem = problem


_PROBLEMS = (
    ("unexpected end of data", 'tanda kutip (") dibuka tetapi tidak ditutup'),
    (
        "field larger than field limit",
        "isi sebuah sel terlalu panjang (lebih dari 131.072 karakter)",
    ),
    ("new-line character seen in unquoted field", "baris baru di dalam sel tanpa tanda kutip"),
    ("line contains nul", "berisi karakter NUL"),
)


def _rows(text: str, delimiter: str) -> Iterator[tuple[int, Sequence[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            message = str(exc)
            problem = next(
                (ind for eng, ind in _PROBLEMS if eng in message), "susunan CSV tidak dikenali"
            )
            raise _CsvError(start, problem) from exc
        yield start, cells
        start = reader.line_num + 1


def parse_csv(raw: bytes, path: str, *, max_rows: int) -> Document:
    doc = Document(path=path, kind="csv")
    findings = FindingList(path)
    text = decode_utf8(raw, findings, kind="CSV")
    if text is not None:
        if not text.strip():
            findings.add("file-empty", Position(1, 1))
        else:
            delimiter = sniff_delimiter(text)
            try:
                table_to_submission(
                    _rows(text, delimiter),
                    doc,
                    findings,
                    indonesian_numbers=delimiter != ",",
                    max_rows=max_rows,
                )
            except _CsvError as exc:
                findings.add("csv-syntax", Position(exc.line, None), problem=exc.problem)
                doc.data = None
    doc.findings.extend(findings.items)
    return doc
