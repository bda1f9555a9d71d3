"""Spreadsheets that people really make, built by code instead of committed as opaque binaries.

Each case is a function that returns the file's bytes and a :class:`Case` entry saying where it
goes and what it must give: the finding codes with the cell they name (``Realisasi!E6``, or for a
CSV ``baris 6``), codes that must *not* appear, and values the reader must produce. The test
``tests/test_spreadsheets.py`` walks :data:`CASES`; ``python tests/spreadsheets/make_spreadsheets.py
DIR`` writes every file to DIR to open them in Excel or LibreOffice by hand.

Template cases start from the real workbook template of irban-1 for 2026-q4 (as the tracker of
``tests/tracker.py`` asks it: ``jumlah-lhp`` on Realisasi row 5, ``persentase-tindak-lanjut``,
target 85, on row 6) and change it with openpyxl the way a person's typing is stored.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Case:
    name: str
    target: str
    build: Callable[[], bytes]
    why: str
    #: (code, place prefix): the finding must be there and name that cell (None: any place).
    expect: tuple[tuple[str, str | None], ...] = ()
    #: Codes that must not be reported for this file.
    absent: tuple[str, ...] = ()
    #: Values the reader must produce: a path into the data -> value.
    values: dict[tuple[str | int, ...], Any] = field(default_factory=dict)
    #: The verdict must come within this many seconds (reading only).
    seconds: float | None = None


CASES: list[Case] = []
TARGET = "submissions/2026-q4/irban-1.xlsx"


Builder = Callable[[], bytes]


def case(target: str = TARGET, **kwargs: Any) -> Callable[[Builder], Builder]:
    def register(build: Callable[[], bytes]) -> Callable[[], bytes]:
        CASES.append(Case(build.__name__.replace("_", "-"), target, build, **kwargs))
        return build

    return register


# --- the workbook template, filled ---------------------------------------------------------


def template_bytes() -> bytes:
    sys.path.insert(0, str(REPO / "tests"))
    import yaml

    from kinerja.model import Config
    from kinerja.write import template_workbook
    from tracker import REQUEST

    org = yaml.safe_load((REPO / "submissions/organisasi.yml").read_text(encoding="utf-8"))
    ind = yaml.safe_load((REPO / "submissions/indikator.yml").read_text(encoding="utf-8"))
    request = yaml.safe_load(REQUEST.format(requester="rizki-ananda"))
    return template_workbook(Config.from_data(org, ind), "irban-1", "2026-q4", request)


def filled(tweak: Callable[[openpyxl.Workbook], None] | None = None) -> bytes:
    """The template as a person fills it: a name chosen from the list, a date cell, ``3`` LHP,
    ``69,71%`` typed in the percent cell (stored 0.6971), one LHP document."""
    book = openpyxl.load_workbook(io.BytesIO(template_bytes()))
    ident: Worksheet = book["Identitas"]
    ident["C6"] = "Mira Andriani, S.E., Ak."
    ident["C7"] = dt.datetime(2026, 10, 6)
    ident["C8"] = "Tidak ada"
    real: Worksheet = book["Realisasi"]
    real["E5"] = 3
    real["E6"] = 0.6971  # the cell's format is 0.00%: what Excel stores for "69,71%"
    docs: Worksheet = book["Dokumen"]
    docs["A5"] = "LHP"
    docs["B5"] = "700/045/LHP/Irban-I/2026"
    docs["C5"] = dt.datetime(2026, 10, 2)
    docs["D5"] = "Audit Kinerja Dinas Pendidikan"
    docs["E5"] = "Dinas Pendidikan"
    docs["A6"] = "TLHP"  # requested, none this period: its type and the reason
    docs["I6"] = "Belum ada tindak lanjut periode ini"
    if tweak is not None:
        tweak(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@case(
    why="69,71% typed into the template's percent cell is stored 0.6971 and read as 69,71",
    absent=("percent-fraction", "number-out-of-range"),
    values={
        ("realisasi", 1, "nilai"): 69.71,
        ("disampaikan_oleh",): "mira-andriani",
        ("tanggal",): "2026-10-06",
        ("dokumen", 0, "tanggal"): "2026-10-02",
    },
)
def template_percent_cell() -> bytes:
    return filled()


@case(
    why="a fraction in the percent column of a cell not formatted as percent (target 85)",
    expect=(("percent-fraction", "Realisasi!E6"),),
)
def template_fraction_unformatted() -> bytes:
    def tweak(book: openpyxl.Workbook) -> None:
        book["Realisasi"]["E6"].number_format = "General"

    return filled(tweak)


@case(
    why="numbers pasted as text, Indonesian separators: '3' and '69,71'",
    absent=("schema-type",),
    values={("realisasi", 0, "nilai"): 3, ("realisasi", 1, "nilai"): 69.71},
)
def template_text_numbers() -> bytes:
    def tweak(book: openpyxl.Workbook) -> None:
        real = book["Realisasi"]
        real["E5"] = "3"
        real["E6"] = "69,71"
        real["E6"].number_format = "@"

    return filled(tweak)


@case(
    why="the hand-in date typed as text DD/MM/YYYY (the cell lost its date format)",
    values={("tanggal",): "2026-10-06"},
    absent=("schema-pattern",),
)
def template_date_text() -> bytes:
    def tweak(book: openpyxl.Workbook) -> None:
        book["Identitas"]["C7"] = "06/10/2026"
        book["Identitas"]["C7"].number_format = "@"

    return filled(tweak)


@case(
    why="a name pasted over the drop-down, without titles: suggest the id",
    expect=(("sender-unknown", "Identitas!C6"),),
)
def template_name_pasted() -> bytes:
    def tweak(book: openpyxl.Workbook) -> None:
        book["Identitas"]["C6"] = "mira andriani"

    return filled(tweak)


@case(
    why="a row hidden (its value still counts)",
    expect=(("xlsx-hidden-row", "Realisasi!A6"),),
)
def template_hidden_row() -> bytes:
    def tweak(book: openpyxl.Workbook) -> None:
        book["Realisasi"].row_dimensions[6].hidden = True

    return filled(tweak)


@case(
    why="two realisasi cells merged: the second row reads empty",
    expect=(("xlsx-merged-cells", "Realisasi!E5"),),
)
def template_merged_cells() -> bytes:
    def tweak(book: openpyxl.Workbook) -> None:
        book["Realisasi"].merge_cells("E5:E6")

    return filled(tweak)


@case(
    why="a sheet of the unit's own working notes added to the workbook",
    expect=(("xlsx-extra-sheet", "Catatan saya!A1"),),
)
def template_extra_sheet() -> bytes:
    def tweak(book: openpyxl.Workbook) -> None:
        book.create_sheet("Catatan saya")["A1"] = "hitungan sementara"

    return filled(tweak)


@case(
    why="a formula where the number belongs",
    expect=(("xlsx-formula", "Realisasi!E5"),),
)
def template_formula() -> bytes:
    def tweak(book: openpyxl.Workbook) -> None:
        book["Realisasi"]["E5"] = "=1+2"

    return filled(tweak)


@case(
    why="nothing filled in: the sender is required, at the cell to fill",
    expect=(("schema-required", "Identitas!C6"),),
)
def template_unfilled() -> bytes:
    return template_bytes()


# --- the one-sheet layout (sheet `kinerja`) and CSV -------------------------------------------

HEADER = ["bagian", "kunci", "nilai", "catatan", "nomor", "tanggal", "judul", "objek"]


def plain(rows: list[list[Any]], tweak: Callable[[Worksheet], None] | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "kinerja"
    for row in [HEADER, *rows]:
        sheet.append(row)
    if tweak is not None:
        tweak(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def plain_rows(period: Any = "2026-q4", percent: Any = 85.5) -> list[list[Any]]:
    return [
        ["info", "unit", "irban-1"],
        ["info", "periode", period],
        ["info", "disampaikan_oleh", "mira-andriani"],
        ["realisasi", "jumlah-lhp", 3],
        ["realisasi", "persentase-tindak-lanjut", percent],
        ["dokumen", "LHP", None, None, "700/045/LHP/Irban-I/2026", dt.datetime(2026, 10, 2),
         "Audit Kinerja Dinas Pendidikan", "Dinas Pendidikan"],
        ["nihil", "TLHP", None, "Belum ada tindak lanjut periode ini"],
    ]  # fmt: skip


@case(
    why="one-sheet layout: a percent-formatted cell holding 0.855",
    values={("realisasi", 1, "nilai"): 85.5},
    absent=("percent-fraction", "number-out-of-range"),
)
def plain_percent_cell() -> bytes:
    def tweak(sheet: Worksheet) -> None:
        sheet["C6"].number_format = "0.0%"

    return plain(plain_rows(percent=0.855), tweak)


@case(
    why="one-sheet layout: 0.855 in a General cell for a percent indicator",
    expect=(("percent-fraction", "kinerja!C6"),),
)
def plain_fraction() -> bytes:
    return plain(plain_rows(percent=0.855))


@case(
    target="submissions/2026-11/irban-1.xlsx",
    why="a period 2026-11 that Excel turned into the date cell Nov-26",
    absent=("period-mismatch", "schema-pattern"),
    values={("periode",): "2026-11"},
)
def plain_period_nov_26() -> bytes:
    def tweak(sheet: Worksheet) -> None:
        sheet["C3"].number_format = "mmm-yy"

    return plain(plain_rows(period=dt.datetime(2026, 11, 1)), tweak)


@case(
    why="one-sheet layout: a hidden data row",
    expect=(("xlsx-hidden-row", "kinerja!A5"),),
)
def plain_hidden_row() -> bytes:
    def tweak(sheet: Worksheet) -> None:
        sheet.row_dimensions[5].hidden = True

    return plain(plain_rows(), tweak)


def csv(rows: list[list[str]]) -> bytes:
    lines = [";".join(HEADER), *(";".join(r) for r in rows)]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


CSV_ROWS = [
    ["info", "unit", "irban-1"],
    ["info", "periode", "2026-q4"],
    ["info", "disampaikan_oleh", "mira-andriani"],
    ["realisasi", "jumlah-lhp", "3"],
    ["realisasi", "persentase-tindak-lanjut", "69,71%"],
    ["dokumen", "LHP", "", "", "700/045/LHP/Irban-I/2026", "02/10/2026", "Audit", "Dinas"],
    ["nihil", "TLHP", "", "Belum ada tindak lanjut periode ini"],
]


@case(
    target="submissions/2026-q4/irban-1.csv",
    why="CSV as an Indonesian Excel saves it: 69,71% and 02/10/2026",
    values={("realisasi", 1, "nilai"): 69.71, ("dokumen", 0, "tanggal"): "2026-10-02"},
    absent=("schema-type", "schema-pattern"),
)
def csv_as_excel_saves() -> bytes:
    return csv(CSV_ROWS)


@case(
    target="submissions/2026-q4/irban-1.csv",
    why="CSV: the fraction 0,6971 for a percent indicator",
    expect=(("percent-fraction", "baris 6, kolom 'nilai'"),),
)
def csv_fraction() -> bytes:
    rows = [list(r) for r in CSV_ROWS]
    rows[4][2] = "0,6971"
    return csv(rows)


@case(
    target="submissions/2026-11/irban-1.csv",
    why="CSV: the period saved as Excel displays it, Nov-26",
    absent=("period-mismatch",),
    values={("periode",): "2026-11"},
)
def csv_period_nov_26() -> bytes:
    rows = [list(r) for r in CSV_ROWS]
    rows[1][2] = "Nov-26"
    return csv(rows)


@case(
    target="submissions/2026-q4/irban-1.csv",
    why="CSV: the sender's full name as the site prints it, instead of the id",
    expect=(("sender-unknown", "baris 4, kolom 'nilai'"),),
)
def csv_sender_name() -> bytes:
    rows = [list(r) for r in CSV_ROWS]
    rows[2][2] = "Mira Andriani, S.E., Ak."
    return csv(rows)


# --- too big to read ------------------------------------------------------------------------


def _sheet_list_workbook(sheets: int) -> bytes:
    """About 1 MB: one real sheet part, and a workbook.xml listing ``sheets`` sheets."""
    entries = "".join(f'<sheet name="s{i}" sheetId="{i + 1}" r:id="rId1"/>' for i in range(sheets))
    workbook = (
        '<?xml version="1.0" encoding="UTF-8"?><workbook '
        'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"<sheets>{entries}</sheets></workbook>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="worksheet"/>'
            "</Relationships>",
        )
        archive.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")
    return out.getvalue()


@case(
    why="100,000 sheets listed in workbook.xml: refused before any sheet is read",
    expect=(("xlsx-too-big", None),),
    seconds=1.0,
)
def hundred_thousand_sheets() -> bytes:
    return _sheet_list_workbook(100_000)


@case(
    why="10,000 parts in the ZIP (1.2 MB): refused from the ZIP end record",
    expect=(("xlsx-too-big", None),),
    seconds=1.0,
)
def ten_thousand_parts() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for i in range(10_000):
            archive.writestr(f"xl/worksheets/sheet{i}.xml", b"")
    return out.getvalue()


@case(
    why="a sheet whose dimension claims a million rows",
    expect=(("xlsx-too-big", None),),
    seconds=1.0,
)
def million_row_dimension() -> bytes:
    def tweak(sheet: Worksheet) -> None:
        sheet["A1000000"] = "x"

    return plain(plain_rows(), tweak)


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path("spreadsheets-out")
    for item in CASES:
        path = out / item.name / item.target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(item.build())
        print(f"{path}: {item.why}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
