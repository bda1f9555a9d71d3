"""Every spreadsheet the demo site publishes, read back as Excel users get it.

The demo is generated and built with ``mkdocs build --strict`` (the same shared build as the
browser tests). Every ``.csv`` and ``.xlsx`` under ``unduh/`` is read back:

* no number carries binary float noise: capaian has at most the two decimals the site shows,
  every other number at most :data:`kinerja.recap.decimals.EXACT_DECIMALS`;
* XLSX numbers are numeric cells (never text that looks like a number), shown with a display
  format that has a thousands separator (``#,##0...``) except the year;
* no cell of either kind can run as a formula (OWASP: text starting ``= + - @`` is quoted).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from browser import build_demo_site, shared_build
from kinerja.recap.decimals import EXACT_DECIMALS

#: Headers of the columns the site shows rounded to two decimals.
CAPAIAN_HEADERS = {"Capaian (%)", "Rata-rata Capaian (%)"}
#: A number as the Excel-Indonesia CSV dialect writes it.
CSV_NUMBER = re.compile(r"^-?[0-9]+(,[0-9]+)?$")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_build(tmp_path_factory, "demo", build_demo_site) / "site"


def _decimals(text: str) -> int:
    return len(text.split(",", 1)[1]) if "," in text else 0


def _float_decimals(value: float) -> int:
    text = repr(value)
    assert "e" not in text, value
    return len(text.split(".", 1)[1].rstrip("0")) if "." in text else 0


def _allowed(header: str) -> int:
    return 2 if header in CAPAIAN_HEADERS else EXACT_DECIMALS


def _csv_rows(path: Path) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_every_published_csv_carries_the_decimals_people_see(site: Path) -> None:
    files = sorted((site / "unduh").rglob("*.csv"))
    assert len(files) >= 8, files  # six recap tables, data, pengiriman (and the templates)
    numbers = capaian = 0
    problems: list[str] = []
    for path in files:
        head, *rows = _csv_rows(path)
        for line, row in enumerate(rows, start=2):
            for header, cell in zip(head, row, strict=False):
                if cell.startswith(FORMULA_START):
                    problems.append(f"{path.name}:{line} {header}: formula {cell!r}")
                if not CSV_NUMBER.match(cell):
                    continue
                numbers += 1
                capaian += header in CAPAIAN_HEADERS
                if _decimals(cell) > _allowed(header):
                    problems.append(f"{path.name}:{line} {header}: {cell}")
    assert not problems, "\n".join(problems[:20])
    assert numbers > 1000 and capaian > 100  # the demo's recap really was read


def test_rekap_indikator_shows_capaian_as_the_site_does(site: Path) -> None:
    head, *rows = _csv_rows(site / "unduh" / "rekap-indikator.csv")
    column = head.index("Capaian (%)")
    shown = [row[column] for row in rows if row[column]]
    assert shown and all(_decimals(c) <= 2 for c in shown)
    assert any(_decimals(c) == 2 for c in shown)


def _sheet_problems(path: Path, *, recap: bool) -> tuple[int, list[str]]:
    workbook = load_workbook(path)
    numbers = 0
    problems: list[str] = []
    for ws in workbook.worksheets:
        rows = list(ws.iter_rows())
        if not rows:
            continue
        head = [str(c.value or "") for c in rows[0]]
        for row in rows[1:]:
            for header, cell in zip(head, row, strict=False):
                where = f"{path.name}!{ws.title}!{cell.coordinate} {header}"
                value: Any = cell.value
                if cell.data_type == "f":
                    problems.append(f"{where}: formula {value!r}")
                if isinstance(value, str):
                    if value.startswith(FORMULA_START):
                        problems.append(f"{where}: formula-like text {value!r}")
                    if recap and re.fullmatch(r"-?[0-9]+([.,][0-9]+)?", value):
                        problems.append(f"{where}: number stored as text {value!r}")
                    continue
                if isinstance(value, bool) or not isinstance(value, int | float):
                    continue
                numbers += 1
                if cell.data_type != "n":
                    problems.append(f"{where}: not a numeric cell ({cell.data_type})")
                if isinstance(value, float) and _float_decimals(value) > _allowed(header):
                    problems.append(f"{where}: {value!r}")
                plain = header in ("Tahun", "Presisi")
                if recap and not plain and not cell.number_format.startswith("#,##0"):
                    problems.append(f"{where}: format {cell.number_format!r}")
                if recap and header in CAPAIAN_HEADERS and cell.number_format != "#,##0.00":
                    problems.append(f"{where}: capaian format {cell.number_format!r}")
    return numbers, problems


def test_every_published_workbook_keeps_numbers_numeric_and_rounded(site: Path) -> None:
    recaps = sorted((site / "unduh").glob("rekap*.xlsx"))
    templates = sorted((site / "unduh" / "templat").rglob("*.xlsx"))
    assert len(recaps) >= 3 and templates
    total = 0
    problems: list[str] = []
    for path in recaps:
        numbers, found = _sheet_problems(path, recap=True)
        total += numbers
        problems += found
    for path in templates:
        problems += _sheet_problems(path, recap=False)[1]
    assert not problems, "\n".join(problems[:20])
    assert total > 1000
