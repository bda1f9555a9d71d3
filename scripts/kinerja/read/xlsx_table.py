"""XLSX: the CSV table, from the sheet named ``kinerja``.

openpyxl reads through defusedxml when it is installed (it is a dependency), which guards against
XML entity bombs. Formulas are refused rather than evaluated: the file's cached result may be stale
or absent, and a value the unit cannot see is not a value the unit handed in.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from typing import Any

from kinerja.findings import FindingList, Position
from kinerja.read.document import Document
from kinerja.read.table import table_to_submission

SHEET = "kinerja"


def parse_xlsx(raw: bytes, path: str, *, max_rows: int) -> Document:
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    doc = Document(path=path, kind="xlsx")
    findings = FindingList(path)
    if not raw.startswith(b"PK"):
        findings.add("xlsx-invalid", Position(1, 1), problem="bukan berkas ZIP/XLSX")
        doc.findings.extend(findings.items)
        return doc
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        findings.add("xlsx-invalid", Position(1, 1), problem=type(exc).__name__)
        doc.findings.extend(findings.items)
        return doc
    except Exception as exc:  # noqa: BLE001 - any parser failure on hostile input is a finding
        findings.add("xlsx-invalid", Position(1, 1), problem=type(exc).__name__)
        doc.findings.extend(findings.items)
        return doc
    try:
        names = {name.lower(): name for name in book.sheetnames}
        if SHEET in names:
            sheet = book[names[SHEET]]
        elif len(book.sheetnames) == 1:
            sheet = book[book.sheetnames[0]]
        else:
            findings.add(
                "xlsx-no-sheet", Position(1, 1), sheet=SHEET, sheets=", ".join(book.sheetnames)
            )
            doc.findings.extend(findings.items)
            return doc
        try:
            table_to_submission(
                _rows(sheet, findings),
                doc,
                findings,
                indonesian_numbers=True,
                max_rows=max_rows,
            )
        except Exception as exc:  # noqa: BLE001 - hostile content inside a valid zip
            findings.add("xlsx-invalid", Position(1, 1), problem=type(exc).__name__)
            doc.data = None
    finally:
        book.close()
    doc.findings.extend(findings.items)
    return doc


def _rows(sheet: Any, findings: FindingList) -> Iterator[tuple[int, Sequence[Any]]]:
    for index, row in enumerate(sheet.iter_rows(), start=1):
        cells: list[Any] = []
        for col, cell in enumerate(row, start=1):
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "f":
                findings.add("xlsx-formula", Position(index, col), formula=str(value)[:60])
                value = None
            cells.append(value)
        yield getattr(row[0], "row", index) if row else index, cells
