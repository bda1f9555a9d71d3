"""The recap as an Excel workbook: one sheet per table, ready to print or to analyse further.

Bold header row, frozen below the header, column widths from the content. Numbers stay numeric
cells holding the values the site shows (capaian rounded to two decimals, other numbers exact,
:mod:`kinerja.recap.decimals`) with display formats that have a thousands separator: capaian
``#,##0.00``, realisasi and target with the indicator's own ``presisi``, counts ``#,##0``. A number
format names the separators abstractly, so Excel shows ``1.234,56`` to a user with Indonesian
regional settings and ``1,234.56`` elsewhere. The year stays ``General`` (no ``2.026``). Text
cells are neutralised against formula injection, as in the CSV export. Written in openpyxl's
write-only (streaming) mode so a large recap does not hold every cell object in memory.

The file is made reproducible: fixed document timestamps and fixed ZIP entry times, so the same
recap gives the same bytes (useful for caching and for comparing published downloads).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from kinerja.recap.columns import SHEETS, VIEWS, header
from kinerja.recap.export import for_people
from kinerja.recap.result import Recap

__all__ = ["MAX_ROWS", "write_xlsx"]

#: Excel's row limit, header included.
MAX_ROWS = 1_048_576
#: Fixed timestamp written into the workbook (document properties and ZIP entries).
_EPOCH = datetime(2000, 1, 1)
_CAPAIAN = {"capaian", "rata_capaian"}
_BY_PRESISI = {"realisasi", "target", "target_min", "target_max"}
#: Number formats: two decimals, a whole count, and neither (year, presisi itself).
_TWO_DECIMALS = "#,##0.00"
_WHOLE = "#,##0"
_PLAIN = {"tahun", "presisi"}
_WIDTH_MIN, _WIDTH_MAX = 8, 60


def _presisi_format(presisi: Any) -> str:
    """The display format of a realisasi or target: the indicator's ``presisi`` decimals
    (two when it has none, as the site shows it)."""
    digits = 2 if presisi is None or pd.isna(presisi) else max(0, min(int(presisi), 10))
    return _WHOLE if digits == 0 else f"{_WHOLE}.{'0' * digits}"


def _column_format(column: str, series: pd.Series[Any]) -> str | None:
    """The display format of a whole column, or None (text, booleans, the year)."""
    if column in _PLAIN or pd.api.types.is_bool_dtype(series.dtype):
        return None
    if column in _CAPAIAN:
        return _TWO_DECIMALS
    if column in _BY_PRESISI:
        return _presisi_format(None)  # per row below, when the table has ``presisi``
    if pd.api.types.is_integer_dtype(series.dtype) or column == "rencana":
        return _WHOLE
    if pd.api.types.is_float_dtype(series.dtype):
        return _TWO_DECIMALS
    return None


def _widths(frame: pd.DataFrame, headers: list[str]) -> list[float]:
    widths = []
    for column, title in zip(frame.columns, headers, strict=True):
        series = frame[column]
        if pd.api.types.is_float_dtype(series.dtype):
            longest = 12
        else:
            lengths = series.astype("str").str.len()
            longest = int(lengths.max()) if lengths.notna().any() else 0
        widths.append(float(min(max(longest, len(title), _WIDTH_MIN), _WIDTH_MAX) + 2))
    return widths


def _write_sheet(ws: WriteOnlyWorksheet, frame: pd.DataFrame) -> None:
    shown = for_people(frame)
    headers = [header(c) for c in frame.columns]
    for index, width in enumerate(_widths(shown, headers), start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"

    bold = Font(bold=True)
    head = []
    for title in headers:
        cell = WriteOnlyCell(ws, value=title)
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        head.append(cell)
    ws.append(head)

    columns = list(frame.columns)
    formats: dict[int, str] = {}
    for position, column in enumerate(columns):
        fmt = _column_format(str(column), frame[column])
        if fmt is not None:
            formats[position] = fmt
    presisi = (
        [_presisi_format(p) for p in frame["presisi"].tolist()] if "presisi" in frame else None
    )
    by_presisi = {i for i, c in enumerate(columns) if c in _BY_PRESISI}

    values = shown.astype(object).where(shown.notna().to_numpy(), None).to_numpy().tolist()
    for row_index, row in enumerate(values):
        cells: list[Any] = list(row)
        for position, fmt in formats.items():
            value = cells[position]
            if value is None or isinstance(value, str):
                continue
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = (
                presisi[row_index] if presisi is not None and position in by_presisi else fmt
            )
            cells[position] = cell
        ws.append(cells)


def _reproducible(data: bytes) -> bytes:
    """Rewrite the ZIP with fixed entry times (same entry order) and a fixed ``modified`` stamp.

    openpyxl stamps ``dcterms:modified`` with the time of saving and the ZIP entries with the
    current time; both would make two identical recaps differ.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    stamp = _EPOCH.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _replace_modified(content.decode("utf-8"), stamp).encode("utf-8")
            fixed = zipfile.ZipInfo(info.filename, date_time=_EPOCH.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, content)
    return out.getvalue()


def write_xlsx(recap: Recap, path: Path | str) -> Path:
    """Write the recap to ``path`` as .xlsx, one sheet per table (in :data:`VIEWS` order)."""
    for view in VIEWS:
        if len(recap.view(view)) + 1 > MAX_ROWS:
            raise ValueError(
                f"Tabel {SHEETS[view]!r} terlalu besar untuk satu lembar Excel "
                f"({len(recap.view(view))} baris); gunakan ekspor CSV."
            )
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "kinerja"
    workbook.properties.created = _EPOCH
    for view in VIEWS:
        sheet = workbook.create_sheet(title=SHEETS[view])
        _write_sheet(sheet, recap.view(view))
    buffer = io.BytesIO()
    workbook.save(buffer)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(_reproducible(buffer.getvalue()))
    return target


def _replace_modified(xml: str, stamp: str) -> str:
    start = xml.find("<dcterms:modified")
    if start < 0:
        return xml
    open_end = xml.find(">", start) + 1
    close = xml.find("</dcterms:modified>", open_end)
    if open_end <= 0 or close < 0:
        return xml
    return xml[:open_end] + stamp + xml[close:]
