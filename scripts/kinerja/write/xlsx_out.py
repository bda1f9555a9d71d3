"""A submission as an Excel workbook: sheet ``kinerja``, bold frozen header, real date cells.

The bytes are reproducible: the document properties take the given time and every ZIP entry
the same timestamp, so the same data always gives the same file (and the same Git blob id),
which the demo's deterministic history relies on. openpyxl is imported only when called.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from collections.abc import Mapping
from typing import Any

from kinerja.read.table import COLUMNS
from kinerja.write.table_out import submission_rows

SHEET = "kinerja"
#: Column widths (characters) so that a unit opening the file can read it without resizing.
WIDTHS = {
    "bagian": 11,
    "kunci": 30,
    "nilai": 14,
    "catatan": 40,
    "nomor": 28,
    "tanggal": 12,
    "judul": 56,
    "objek": 36,
    "tautan": 44,
    "berkas": 28,
    "klasifikasi": 12,
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_COLUMNS = frozenset({"tanggal"})
#: Used when no time is given: any fixed instant keeps the bytes reproducible.
DEFAULT_TIME = dt.datetime(2020, 1, 1, 8, 0, 0)


class _FixedTimeZip(zipfile.ZipFile):
    """A ZIP whose entries all carry one timestamp (``ZipFile.writestr`` uses the clock)."""

    stamp: tuple[int, int, int, int, int, int] = (2020, 1, 1, 0, 0, 0)

    def writestr(  # type: ignore[override]
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: str | bytes,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        if isinstance(zinfo_or_arcname, str):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=self.stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(  # type: ignore[override]
        self,
        filename: str | os.PathLike[str],
        arcname: str | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        """openpyxl streams each worksheet through a temporary file: take its content, not its
        modification time."""
        with open(filename, "rb") as handle:
            content = handle.read()
        name = arcname if arcname is not None else os.fspath(filename).lstrip("/")
        self.writestr(name, content, compress_type, compresslevel)


def _as_date(text: Any) -> Any:
    if isinstance(text, str) and _DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text  # not a real date: keep the text, the validator will say why
    return text


def submission_xlsx(
    data: Mapping[str, Any],
    *,
    created: dt.datetime | None = None,
    creator: str = "kinerja",
) -> bytes:
    """The workbook's bytes. ``created`` (naive, local time) stamps properties and ZIP entries."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    when = (created or DEFAULT_TIME).replace(tzinfo=None, microsecond=0)
    book = Workbook(write_only=True)  # streams rows: a third faster than the cell model
    sheet = book.create_sheet(SHEET)
    for col, name in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = WIDTHS.get(name, 14)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    for index, cells in enumerate(submission_rows(data)):
        last = max((i for i, c in enumerate(cells) if c not in (None, "")), default=-1)
        row: list[Any] = []
        for col in range(last + 1):
            value = cells[col]
            if value == "":
                value = None
            elif index and (
                COLUMNS[col] in _DATE_COLUMNS
                or (cells[0] == "info" and cells[1] == "tanggal" and COLUMNS[col] == "nilai")
            ):
                value = _as_date(value)
            if index == 0 or (isinstance(value, str) and value.startswith("=")):
                cell = WriteOnlyCell(sheet, value=value)
                if index == 0:
                    cell.font = bold
                else:
                    cell.data_type = "s"  # text, never a formula
                row.append(cell)
            else:
                row.append(value)
        sheet.append(row)
    book.properties.creator = creator
    book.properties.lastModifiedBy = creator
    book.properties.title = f"Data kinerja {data.get('unit', '')} {data.get('periode', '')}"
    book.properties.created = when
    book.properties.modified = when
    buffer = io.BytesIO()
    archive = _FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    archive.stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    ExcelWriter(book, archive).save()
    return buffer.getvalue()
