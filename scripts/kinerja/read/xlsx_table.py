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
#: An XLSX is a ZIP; its parts may not inflate beyond this many times the file size limit.
INFLATE_FACTOR = 20


def _problem(exc: BaseException) -> str:
    """Why openpyxl/defusedxml refused the file, in words an office worker can pass on."""
    name = type(exc).__name__
    text = str(exc)
    if (
        "Forbidden" in name
        or "Entities" in name
        or "DTD" in name
        or "entit" in text.lower()
        or "DTD" in text
    ):
        return "berisi XML yang tidak diizinkan (deklarasi entitas atau DTD)"
    if name == "BadZipFile":
        return "arsip ZIP di dalamnya rusak atau terpotong"
    if name == "KeyError":
        return "bagian penting buku kerja tidak ada"
    if name == "InvalidFileException":
        return "bukan buku kerja Excel (.xlsx)"
    return "susunan buku kerja tidak dikenali"


def _check_zip(raw: bytes, limit: int) -> str | None:
    """Refuse what no spreadsheet program writes: unsafe member names, ZIP bombs."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            total = 0
            for info in archive.infolist():
                name = info.filename
                if (
                    name.startswith(("/", "\\"))
                    or "\\" in name
                    or ".." in name.split("/")
                    or ":" in name
                ):
                    return "berisi bagian dengan nama yang tidak sah"
                total += info.file_size
            if total > limit:
                return (
                    f"isinya mengembang menjadi {total // (1024 * 1024)} MB, melebihi batas "
                    f"{limit // (1024 * 1024)} MB"
                )
    except (zipfile.BadZipFile, ValueError, OSError):
        return "arsip ZIP di dalamnya rusak atau terpotong"
    return None


def parse_xlsx(raw: bytes, path: str, *, max_rows: int, max_bytes: int = 2048 * 1024) -> Document:
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    doc = Document(path=path, kind="xlsx")
    findings = FindingList(path)
    if not raw:
        findings.add("file-empty", Position(1, 1))
        doc.findings.extend(findings.items)
        return doc
    if not raw.startswith(b"PK"):
        findings.add("xlsx-invalid", Position(1, 1), problem="bukan buku kerja Excel (.xlsx)")
        doc.findings.extend(findings.items)
        return doc
    unsafe = _check_zip(raw, max_bytes * INFLATE_FACTOR)
    if unsafe is not None:
        findings.add("xlsx-invalid", Position(1, 1), problem=unsafe)
        doc.findings.extend(findings.items)
        return doc
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        findings.add("xlsx-invalid", Position(1, 1), problem=_problem(exc))
        doc.findings.extend(findings.items)
        return doc
    except Exception as exc:  # noqa: BLE001 - any parser failure on hostile input is a finding
        findings.add("xlsx-invalid", Position(1, 1), problem=_problem(exc))
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
            findings.add("xlsx-invalid", Position(1, 1), problem=_problem(exc))
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
