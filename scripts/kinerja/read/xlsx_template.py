"""The workbook template (``kinerja template --format xlsx``) read back into a submission.

Sheets: ``Identitas`` (key column A, label B, value C), ``Realisasi`` and ``Dokumen`` (a header
row of Indonesian labels, one row per item), the hidden ``Daftar`` (staff names and ids). The
sender picks a *name* from a drop-down; the file does not hold a formula for the id, the reader
maps the name to the id through ``Daftar``. Positions name the sheet, cell and column label, so
that a finding says ``Realisasi!E7 (kolom 'Realisasi')``.
"""

from __future__ import annotations

from typing import Any

from kinerja.findings import FindingList, Position
from kinerja.read import workbook_layout as layout
from kinerja.read.cells import date_text, period_text
from kinerja.read.document import Document
from kinerja.read.table import parse_number
from kinerja.read.xlsx_book import Book, Sheet
from kinerja.read.xlsx_table import cell_value, structure_findings

_IDENTITY_KEYS = dict(layout.IDENTITY_FIELDS)
_SCAN_ROWS = 12


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _sheet(book: Book, name: str) -> Sheet | None:
    return next((s for s in book.sheets if s.name.lower() == name.lower()), None)


def _staff(book: Book) -> dict[str, str]:
    """Name (as the drop-down shows it) -> person id, from the hidden ``Daftar`` sheet."""
    sheet = _sheet(book, layout.LISTS)
    out: dict[str, str] = {}
    if sheet is None:
        return out
    for (row, col), cell in sheet.cells.items():
        if col == 1 and row >= layout.LISTS_FIRST_ROW and cell.formula is None:
            ident = sheet.cells.get((row, 2))
            if ident is not None and ident.value is not None:
                out[_text(cell.value)] = _text(ident.value)
    return out


def read_template(book: Book, doc: Document, findings: FindingList, *, max_rows: int) -> None:
    names = ", ".join(n for n, _ in book.names)
    identity = _sheet(book, layout.IDENTITY)
    realisation = _sheet(book, layout.REALISATION)
    if identity is None or realisation is None:
        for name, sheet in ((layout.IDENTITY, identity), (layout.REALISATION, realisation)):
            if sheet is None:
                findings.add(
                    "xlsx-template-sheet-missing", Position(1, 1), sheet=name, sheets=names
                )
        return
    data: dict[str, Any] = {}
    _read_identity(identity, _staff(book), data, doc, findings)
    items = _read_table(realisation, layout.REALISATION_COLUMNS, findings, max_rows)
    if items is None:
        return
    data["realisasi"] = []
    for row, values, cols in items:
        item: dict[str, Any] = {"indikator": _text(values.get("indikator"))}
        nilai = values.get("nilai")
        note = _text(values.get("catatan"))
        if nilai in (None, "") and not note:
            continue  # an input left empty: not reported (the validator says which are missing)
        index = len(data["realisasi"])
        base = ("realisasi", index)
        doc.positions[base] = cols["indikator"](row)
        doc.positions[(*base, "indikator")] = cols["indikator"](row)
        doc.positions[(*base, "nilai")] = cols["nilai"](row)
        if isinstance(nilai, str):
            nilai = parse_number(nilai, indonesian=True)
        if nilai not in (None, ""):
            item["nilai"] = nilai
        if note:
            item["catatan"] = note
            doc.positions[(*base, "catatan")] = cols["catatan"](row)
        data["realisasi"].append(item)
    doc.positions[("realisasi",)] = Position(layout.HEADER_ROW, 1, realisation.name)
    documents = _sheet(book, layout.DOCUMENTS)
    if documents is not None:
        rows = _read_table(documents, layout.DOCUMENT_COLUMNS, findings, max_rows)
        if rows is None:
            return
        entries: list[dict[str, Any]] = []
        nihil: list[dict[str, Any]] = []
        for row, values, cols in rows:
            filled = {k: v for k, v in values.items() if k != "klasifikasi" and _text(v) != ""}
            if not filled:
                continue  # an empty template row (its klasifikasi has a default)
            reason = _text(values.pop(layout.NIHIL_REASON, None))
            if reason:
                # "None of this type this period": a dokumen_nihil entry. A row that also
                # describes a document stays a document too, so the rules can say both.
                base_n = ("dokumen_nihil", len(nihil))
                item_n = {"jenis": _text(values.get("jenis")), "alasan": reason}
                doc.positions[base_n] = cols["jenis"](row)
                doc.positions[(*base_n, "jenis")] = cols["jenis"](row)
                doc.positions[(*base_n, "alasan")] = cols[layout.NIHIL_REASON](row)
                nihil.append(item_n)
                if set(filled) <= {"jenis", layout.NIHIL_REASON}:
                    continue
            base = ("dokumen", len(entries))
            doc.positions[base] = cols["jenis"](row)
            entry: dict[str, Any] = {}
            for key, value in values.items():
                text = (date_text(value) or _text(value)) if key == "tanggal" else _text(value)
                if text == "":
                    continue
                entry[key] = text
                doc.positions[(*base, key)] = cols[key](row)
            entries.append(entry)
        if entries:
            data["dokumen"] = entries
            doc.positions[("dokumen",)] = Position(layout.HEADER_ROW, 1, documents.name)
        if nihil:
            data["dokumen_nihil"] = nihil
            doc.positions[("dokumen_nihil",)] = Position(layout.HEADER_ROW, 1, documents.name)
    if not data["realisasi"]:
        del data["realisasi"]
    doc.positions[()] = Position(1, 1, identity.name)
    doc.data = data


def _read_identity(
    sheet: Sheet, staff: dict[str, str], data: dict[str, Any], doc: Document, findings: FindingList
) -> None:
    structure_findings(sheet, findings, first_data_row=layout.IDENTITY_FIRST_ROW)
    for (row, col), cell in sorted(sheet.cells.items()):
        if col != 1 or cell.formula is not None:
            continue
        key = _text(cell.value)
        if key not in _IDENTITY_KEYS:
            continue
        label = _IDENTITY_KEYS[key]
        pos = Position(row, 3, sheet.name, label)
        doc.positions[(key,)] = pos
        doc.key_positions[(key,)] = Position(row, 2, sheet.name, label)
        value = cell_value(sheet.cells.get((row, 3)), row, 3, sheet.name, findings, label)
        if key == "periode":
            value = period_text(value) or value
        elif key == "tanggal":
            value = date_text(value) or value
        elif key == "disampaikan_oleh":
            value = staff.get(_text(value), value)
        text = _text(value)
        if text != "":
            data[key] = text


Locator = Any  # Callable[[int], Position]


def _read_table(
    sheet: Sheet,
    columns: tuple[tuple[str, str], ...],
    findings: FindingList,
    max_rows: int,
) -> list[tuple[int, dict[str, Any], dict[str, Locator]]] | None:
    """Rows below the header found by its labels: ``(row, {key: value}, {key: position-of})``."""
    labels = {label.lower(): key for key, label in columns}
    header_row, mapping = 0, dict[str, int]()
    for row in range(1, _SCAN_ROWS + 1):
        found = {
            labels[_text(cell.value).lower()]: col
            for (r, col), cell in sheet.cells.items()
            if r == row and _text(cell.value).lower() in labels
        }
        if len(found) > len(mapping):
            header_row, mapping = row, found
    missing = [label for key, label in columns if key not in mapping]
    if not header_row or missing:
        findings.add(
            "xlsx-template-header",
            Position(header_row or 1, 1, sheet.name),
            sheet=sheet.name,
            column=missing[0] if missing else "-",
        )
        return None
    structure_findings(sheet, findings, first_data_row=header_row + 1)
    label_of = dict(columns)

    def locator(key: str) -> Locator:
        col = mapping[key]
        return lambda row: Position(row, col, sheet.name, label_of[key])

    locators = {key: locator(key) for key in mapping}
    out: list[tuple[int, dict[str, Any], dict[str, Locator]]] = []
    rows = sorted({r for (r, _c) in sheet.cells if r > header_row})
    for row in rows:
        values = {
            key: cell_value(
                sheet.cells.get((row, col)), row, col, sheet.name, findings, label_of[key]
            )
            for key, col in mapping.items()
        }
        if all(_text(v) == "" for v in values.values()):
            continue
        if len(out) >= max_rows:
            findings.add("table-too-many-rows", Position(row, 1, sheet.name), limit=max_rows)
            return None
        out.append((row, values, locators))
    return out
