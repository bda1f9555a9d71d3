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


def _rows(text: str, delimiter: str) -> Iterator[tuple[int, Sequence[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    for cells in reader:
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
            except csv.Error as exc:
                findings.add("csv-syntax", Position(_line_of(exc), None), problem=str(exc))
                doc.data = None
    doc.findings.extend(findings.items)
    return doc


def _line_of(exc: csv.Error) -> int | None:
    text = str(exc)
    marker = "line "
    if marker in text:
        digits = "".join(ch for ch in text.split(marker, 1)[1] if ch.isdigit())
        return int(digits) if digits else None
    return None
