"""Exports: CSV dialects, JSON shape, XLSX read back with openpyxl, formula injection guard."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from kinerja.recap import Recap, build_recap, write_csv, write_json, write_xlsx
from kinerja.recap.columns import COLUMNS, SHEETS, VIEWS, header
from kinerja.recap.export import to_csv, to_json
from kinerja.recap.neutralise import neutralise

CATALOGUE = [
    {
        "id": "lhp",
        "nama": "=Jumlah LHP",  # formula-like text in configuration, too
        "satuan": "dokumen",
        "arah": "naik",
        "agregasi": "jumlah",
        "unit": ["irban-1"],
        "presisi": 0,
        "target": [{"tahun": 2026, "nilai": 12, "periode": {"2026-q1": 3}}],
    },
    {
        "id": "saldo",
        "nama": "Selisih kas",
        "satuan": "rupiah",
        "arah": "turun",
        "agregasi": "terakhir",
        "unit": ["irban-1"],
        "presisi": 2,
        "target": [{"tahun": 2026, "nilai": 1000}],
    },
]
HOSTILE = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", "ok; titik koma", 'kutip "dua"']
SUBMISSIONS = [
    (
        "submissions/2026-q1/irban-1.yml",
        {
            "unit": "irban-1",
            "periode": "2026-q1",
            "dokumen": [{"jenis": "LHP"}],
            "realisasi": [
                {"indikator": "lhp", "nilai": 2.5, "catatan": "; ".join(HOSTILE)},
                {"indikator": "saldo", "nilai": -1234.5, "catatan": '=HYPERLINK("x")'},
            ],
        },
    )
]


@pytest.fixture(scope="module")
def recap() -> Recap:
    return build_recap(CATALOGUE, {}, SUBMISSIONS)


@pytest.mark.parametrize("text", HOSTILE[:6])
def test_neutralise_prefixes_formula_starts(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["ok", "", "1+1", " =x", "'=x"])
def test_neutralise_leaves_other_text(text: str) -> None:
    assert neutralise(text) == text


def read_csv(text: str, separator: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter=separator))


def test_csv_excel_id_dialect(recap: Recap) -> None:
    text = to_csv(recap, "indikator")
    assert text.splitlines()[0].split(";") == [header(c) for c in COLUMNS["indikator"]]
    rows = read_csv(text, ";")
    lhp, saldo = rows
    assert lhp["Periode"] == "2026-q1"
    assert lhp["Realisasi"] == "2,5"  # decimal comma
    assert lhp["Target"] == "3"  # 3.0 is written as 3
    assert lhp["Capaian (%)"] == "83,33"  # as the site shows it, no float tail
    assert lhp["Diminta"] == "tidak"
    assert lhp["Nama Indikator"] == "'=Jumlah LHP"
    assert saldo["Realisasi"] == "-1234,5"  # a negative number stays a number
    assert saldo["Catatan"].startswith("'=HYPERLINK")
    assert lhp["Catatan"] == "'" + "; ".join(HOSTILE)  # one prefix, at the start of the cell


def test_csv_cell_that_starts_like_a_formula_is_neutralised(recap: Recap) -> None:
    rows = read_csv(to_csv(recap, "indikator", dialek="standar"), ",")
    assert rows[0]["Catatan"] == "'" + "; ".join(HOSTILE)
    assert rows[0]["Realisasi"] == "2.5"
    assert rows[1]["Realisasi"] == "-1234.5"


def test_unknown_dialect_is_refused(recap: Recap) -> None:
    with pytest.raises(ValueError, match="tidak dikenal"):
        to_csv(recap, "indikator", dialek="tsv")


def test_write_csv_files_and_bom(recap: Recap, tmp_path: Path) -> None:
    paths = write_csv(recap, tmp_path / "out")
    assert [p.name for p in paths] == [f"rekap-{v.replace('_', '-')}.csv" for v in VIEWS]
    assert paths[0].read_bytes().startswith(b"\xef\xbb\xbfPeriode;")
    plain = write_csv(recap, tmp_path / "std", dialek="standar")
    assert plain[0].read_bytes().startswith(b"Periode,")


def test_json_shape_and_values(recap: Recap, tmp_path: Path) -> None:
    path = write_json(recap, tmp_path / "rekap.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["versi"] == 1
    assert list(document["tabel"]) == list(VIEWS)
    table = document["tabel"]["indikator"]
    assert table["judul"] == SHEETS["indikator"]
    assert table["kolom"] == list(COLUMNS["indikator"])
    first = dict(zip(table["kolom"], table["baris"][0], strict=True))
    assert first["realisasi"] == 2.5
    assert first["diminta"] is False
    assert first["target_min"] is None
    assert first["catatan"] == "; ".join(HOSTILE)  # JSON is data, not neutralised
    assert path.read_text(encoding="utf-8") == to_json(recap)


def test_exports_are_byte_identical_for_the_same_input(tmp_path: Path) -> None:
    one = build_recap(CATALOGUE, {}, SUBMISSIONS)
    two = build_recap(CATALOGUE, {}, list(SUBMISSIONS))
    assert one.to_json() == two.to_json()
    assert all(one.to_csv(v) == two.to_csv(v) for v in VIEWS)
    a = write_xlsx(one, tmp_path / "a.xlsx").read_bytes()
    b = write_xlsx(two, tmp_path / "b.xlsx").read_bytes()
    assert a == b


def cells(path: Path, sheet: str) -> list[list[Any]]:
    ws = load_workbook(path)[sheet]
    return [list(row) for row in ws.iter_rows()]


def test_xlsx_round_trip(recap: Recap, tmp_path: Path) -> None:
    path = write_xlsx(recap, tmp_path / "rekap.xlsx")
    workbook = load_workbook(path)
    assert workbook.sheetnames == [SHEETS[v] for v in VIEWS]
    ws = workbook[SHEETS["indikator"]]
    assert ws.freeze_panes == "A2"
    head = [c.value for c in ws[1]]
    assert head == [header(c) for c in COLUMNS["indikator"]]
    assert all(c.font.b for c in ws[1])
    assert ws.column_dimensions["A"].width >= 8

    by_header = {h: i for i, h in enumerate(head)}
    lhp, saldo = list(ws.iter_rows(min_row=2))
    capaian = lhp[by_header["Capaian (%)"]]
    assert isinstance(capaian.value, float)
    assert capaian.data_type == "n"
    assert capaian.number_format == "#,##0.00"
    assert capaian.value == 83.33  # 250 / 3 as the site shows it, not 83.33333333333333
    assert lhp[by_header["Realisasi"]].value == 2.5
    assert lhp[by_header["Realisasi"]].number_format == "#,##0"
    assert saldo[by_header["Realisasi"]].value == -1234.5  # numeric, not neutralised
    assert saldo[by_header["Realisasi"]].number_format == "#,##0.00"
    assert isinstance(lhp[by_header["Tahun"]].value, int)
    assert lhp[by_header["Tahun"]].number_format == "General"  # 2026, not 2.026
    assert lhp[by_header["Banyak Data"]].number_format == "#,##0"
    for cell in (lhp[by_header["Nama Indikator"]], saldo[by_header["Catatan"]]):
        assert cell.data_type == "s"  # text, not a formula
        assert str(cell.value).startswith("'=")
    assert lhp[by_header["Diminta"]].value == "tidak"
    assert lhp[by_header["Target Minimum"]].value is None


def test_xlsx_every_sheet_has_its_columns(recap: Recap, tmp_path: Path) -> None:
    path = write_xlsx(recap, tmp_path / "rekap.xlsx")
    workbook = load_workbook(path, read_only=True)
    for view in VIEWS:
        first = next(workbook[SHEETS[view]].iter_rows(max_row=1, values_only=True))
        assert list(first) == [header(c) for c in COLUMNS[view]]
    workbook.close()
