"""CSV and XLSX: the same submission as the YAML form, from what Excel writes."""

from __future__ import annotations

import io

import openpyxl
import pytest

from kinerja.read import Limits, read_bytes
from kinerja.read.table import parse_number

HEADER = "bagian;kunci;nilai;catatan;nomor;tanggal;judul;objek;tautan;berkas;klasifikasi"


def csv(*rows: str, header: str = HEADER, bom: bool = True) -> bytes:
    text = "\r\n".join([header, *rows]) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode()


def read(raw: bytes, name: str = "irban-1.csv") -> tuple[object, list[tuple[str, int | None]]]:
    doc = read_bytes(raw, f"submissions/2026-q4/{name}", Limits())
    return doc.data, [(f.code, f.line) for f in doc.findings]


@pytest.mark.parametrize(
    ("text", "indonesian", "expected"),
    [
        ("85", True, 85),
        ("85,5", True, 85.5),
        ("1.234,5", True, 1234.5),
        ("1.234.567", True, 1234567),
        ("85.5", True, 85.5),
        ("-3", True, -3),
        ("85%", True, 85),  # a percent cell saved to CSV: the percentage itself
        ("69,71%", True, 69.71),
        ("85%%", True, "85%%"),
        ("1,234.5", False, 1234.5),
        ("85.5", False, 85.5),
        ("85,5", False, "85,5"),
        ("\u00a012 ", True, 12),
        ("abc", True, "abc"),
    ],
)
def test_numbers_in_office_locales(text: str, indonesian: bool, expected: object) -> None:
    assert parse_number(text, indonesian=indonesian) == expected


def test_semicolon_csv_with_bom_reads_like_yaml() -> None:
    data, findings = read(
        csv(
            "info;unit;irban-1",
            "info;periode;2026-q4",
            "realisasi;jumlah-lhp;1.234,5;catatan A",
            'dokumen;LHP;;;700/1/LHP;2026-10-02;"Audit; dengan titik koma";Dinas;https://x.id;;terbuka',
        )
    )
    assert findings == []
    assert data == {
        "unit": "irban-1",
        "periode": "2026-q4",
        "realisasi": [{"indikator": "jumlah-lhp", "nilai": 1234.5, "catatan": "catatan A"}],
        "dokumen": [
            {
                "jenis": "LHP",
                "nomor": "700/1/LHP",
                "tanggal": "2026-10-02",
                "judul": "Audit; dengan titik koma",
                "objek": "Dinas",
                "tautan": "https://x.id",
                "klasifikasi": "terbuka",
            }
        ],
    }


def test_comma_and_tab_are_sniffed() -> None:
    comma = csv("info,unit,irban-1", "realisasi,x,85.5", header=HEADER.replace(";", ","))
    data, findings = read(comma)
    assert findings == []
    assert data["realisasi"][0]["nilai"] == 85.5  # type: ignore[index]
    tab = csv("info\tunit\tirban-1", "realisasi\tx\t85,5", header=HEADER.replace(";", "\t"))
    data, findings = read(tab)
    assert data["realisasi"][0]["nilai"] == 85.5  # type: ignore[index]


@pytest.mark.parametrize(
    ("raw", "code", "line"),
    [
        (csv("info;unit;irban-1;;;;;;;;;extra"), "table-ragged-row", 2),
        (csv("bagianx;unit;irban-1"), "table-unknown-section", 2),
        (csv("info;unit;a", "info;unit;b"), "table-duplicate-info", 3),
        (csv("info;unit;a", header="bagian;kunci;nilai;nilia"), "table-unknown-column", 1),
        (csv("info;unit;a", header="bagian;kunci"), "table-missing-column", 1),
        (csv("info;unit;a", header="bagian;kunci;nilai;nilai"), "table-duplicate-column", 1),
        (csv("realisasi;x;3;;700/1"), "table-unused-cell", 2),
        (csv('info;unit;"open'), "csv-syntax", None),
        ("bagian;kunci;nilai\ninfo;unit;café\n".encode("cp1252"), "encoding-not-utf8", 2),
        (b"", "file-empty", 1),
    ],
)
def test_bad_tables(raw: bytes, code: str, line: int | None) -> None:
    _, findings = read(raw)
    assert code in [c for c, _ in findings]
    if line is not None:
        assert (code, line) in findings


def test_blank_rows_are_skipped_not_lost() -> None:
    data, findings = read(csv("", "info;unit;irban-1", ";;;", "realisasi;x;1"))
    assert findings == []
    assert data == {"unit": "irban-1", "realisasi": [{"indikator": "x", "nilai": 1}]}


def xlsx(rows: list[list[object]], sheet: str = "kinerja") -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_xlsx_reads_like_csv_with_typed_cells() -> None:
    import datetime as dt

    head = HEADER.split(";")
    raw = xlsx(
        [
            head,
            ["info", "unit", "irban-1"],
            ["realisasi", "x", 85.5, "ok"],
            ["realisasi", "y", "85,5"],
            ["dokumen", "LHP", None, None, "700/1", dt.datetime(2026, 10, 2)],
        ]
    )
    data, findings = read(raw, "irban-1.xlsx")
    assert findings == []
    assert data == {
        "unit": "irban-1",
        "realisasi": [
            {"indikator": "x", "nilai": 85.5, "catatan": "ok"},
            {"indikator": "y", "nilai": 85.5},
        ],
        "dokumen": [{"jenis": "LHP", "nomor": "700/1", "tanggal": "2026-10-02"}],
    }


def test_xlsx_formula_is_refused_and_sheet_is_named() -> None:
    head = HEADER.split(";")
    _, findings = read(xlsx([head, ["realisasi", "x", "=1+2"]]), "irban-1.xlsx")
    assert ("xlsx-formula", 2) in findings
    two = openpyxl.Workbook()
    two.create_sheet("lain")
    buf = io.BytesIO()
    two.save(buf)
    _, findings = read(buf.getvalue(), "irban-1.xlsx")
    assert findings[0][0] == "xlsx-no-sheet"
    _, findings = read(b"PK\x03\x04garbage", "irban-1.xlsx")
    assert findings[0][0] == "xlsx-invalid"
    _, findings = read(b"not a zip", "irban-1.xlsx")
    assert findings[0][0] == "xlsx-invalid"
