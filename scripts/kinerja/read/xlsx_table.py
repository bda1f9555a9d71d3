"""XLSX: the workbook template (sheets ``Identitas``, ``Realisasi``, ``Dokumen``) or the older
one-sheet table (sheet ``kinerja``, the CSV layout), read by :mod:`kinerja.read.xlsx_book`.

The size of a workbook is judged before its cells are read (parts, sheets, each sheet's
dimension), so a hostile file is refused in milliseconds. Formulas are refused rather than
evaluated: the file's cached result may be stale or absent, and a value the unit cannot see is
not a value the unit handed in. Hidden rows are read and reported; merged cells over data are
errors (the merged cell's value sits in its first cell only).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from kinerja.findings import FindingList, Position
from kinerja.read import workbook_layout as layout
from kinerja.read.cells import percent_of
from kinerja.read.document import Document
from kinerja.read.table import table_to_submission
from kinerja.read.xlsx_book import (
    Book,
    BookError,
    BookLimits,
    Cell,
    Sheet,
    TooBig,
    cell_ref,
    read_book,
)

SHEET = "kinerja"
#: An XLSX is a ZIP; its parts may not inflate beyond this many times the file size limit.
INFLATE_FACTOR = 20


def _wanted(name: str, names: list[tuple[str, str]]) -> bool:
    lowered = {n.lower() for n, _ in names}
    key = name.lower()
    if layout.REALISATION.lower() in lowered:
        return key in {s.lower() for s in layout.READ_SHEETS}
    if SHEET in lowered:
        return key == SHEET
    return len(names) == 1


def parse_xlsx(raw: bytes, path: str, *, max_rows: int, max_bytes: int = 2048 * 1024) -> Document:
    doc = Document(path=path, kind="xlsx")
    findings = FindingList(path)
    try:
        _parse(raw, doc, findings, max_rows, max_bytes)
    except TooBig as exc:
        findings.add("xlsx-too-big", Position(1, 1), problem=exc.problem)
        doc.data = None
    except BookError as exc:
        findings.add("xlsx-invalid", Position(1, 1), problem=exc.problem)
        doc.data = None
    doc.findings.extend(findings.items)
    return doc


def _parse(raw: bytes, doc: Document, findings: FindingList, max_rows: int, max_bytes: int) -> None:
    if not raw:
        findings.add("file-empty", Position(1, 1))
        return
    if not raw.startswith(b"PK"):
        raise BookError("bukan buku kerja Excel (.xlsx)")
    limits = BookLimits(max_rows=max_rows + 20)
    book = read_book(raw, wanted=_wanted, limits=limits, inflate_limit=max_bytes * INFLATE_FACTOR)
    names = [name for name, _ in book.names]
    if any(n.lower() == layout.REALISATION.lower() for n in names):
        from kinerja.read.xlsx_template import read_template

        _extra_sheets(book, layout.KNOWN_SHEETS, findings)
        read_template(book, doc, findings, max_rows=max_rows)
        return
    if not book.sheets:
        findings.add("xlsx-no-sheet", Position(1, 1), sheet=SHEET, sheets=", ".join(names))
        return
    sheet = book.sheets[0]
    _extra_sheets(book, (sheet.name,), findings)
    structure_findings(sheet, findings, first_data_row=1)
    table_to_submission(
        _rows(sheet, findings),
        doc,
        findings,
        indonesian_numbers=True,
        max_rows=max_rows,
        sheet=sheet.name,
    )


def _extra_sheets(book: Book, known: Sequence[str], findings: FindingList) -> None:
    lowered = {k.lower() for k in known}
    shown = [n for n in known if any(n.lower() == m.lower() for m, _ in book.names)]
    for name, state in book.names:
        if name.lower() in lowered:
            continue
        findings.add(
            "xlsx-extra-sheet",
            Position(1, 1, name),
            sheet=name + (" (tersembunyi)" if state != "visible" else ""),
            known=", ".join(f"'{n}'" for n in shown if n != layout.LISTS) or "-",
        )


def structure_findings(sheet: Sheet, findings: FindingList, *, first_data_row: int) -> None:
    """Hidden rows that hold values, and merged ranges over the data, on one sheet."""
    filled_rows = {r for (r, _c) in sheet.cells}
    for row in sorted(sheet.hidden_rows & filled_rows):
        if row >= first_data_row:
            findings.add("xlsx-hidden-row", Position(row, 1, sheet.name), row=row, sheet=sheet.name)
    for r1, c1, r2, c2 in sheet.merged:
        if r2 < first_data_row or (r1 == r2 and c1 == c2):
            continue
        span = cell_ref(r1, c1) + ("" if (r1, c1) == (r2, c2) else ":" + cell_ref(r2, c2))
        findings.add(
            "xlsx-merged-cells", Position(r1, c1, sheet.name), cells=span, sheet=sheet.name
        )


def cell_value(
    cell: Cell | None, row: int, col: int, sheet: str, findings: FindingList, label: str | None
) -> Any:
    """A cell as the value the person meant: percent cells as percentages, formulas refused."""
    if cell is None:
        return None
    if cell.formula is not None:
        findings.add(
            "xlsx-formula", Position(row, col, sheet, label), formula=str(cell.formula)[:60]
        )
        return None
    value = cell.value
    if cell.kind == "percent" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return percent_of(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return value


def _rows(sheet: Sheet, findings: FindingList) -> Iterator[tuple[int, Sequence[Any]]]:
    header: list[str] = []
    for row, cells in sheet.rows():
        values = [
            cell_value(
                c, row, col, sheet.name, findings, header[col - 1] if col <= len(header) else None
            )
            for col, c in enumerate(cells, start=1)
        ]
        if not header and any(v not in (None, "") for v in values):
            header = [str(v or "").strip().lower() for v in values]
        yield row, values
