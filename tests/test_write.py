"""Writers: what `kinerja.write` writes, `kinerja.read` reads back as the same data."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.demo.source import load_source
from kinerja.model import Config
from kinerja.read import Limits, read_bytes
from kinerja.read.yaml_strict import parse_yaml
from kinerja.write import (
    TemplateError,
    dump_yaml,
    request_yaml,
    submission_csv,
    submission_xlsx,
    submission_yaml,
    template,
    template_header,
)

SUBMISSION: dict[str, Any] = {
    "unit": "irban-1",
    "periode": "2026-q4",
    "disampaikan_oleh": "mira-andriani",
    "tanggal": "2026-10-06",
    "dokumen": [
        {
            "jenis": "LHP",
            "nomor": "700/045/LHP/Irban-I/2026",
            "tanggal": "2026-10-02",
            "judul": "Audit Kinerja atas Pengelolaan Dana BOS pada Dinas Pendidikan dan "
            "Kebudayaan Kabupaten Pesisir Selatan Tahun Anggaran 2026 (tahap II)",
            "objek": "Dinas Pendidikan dan Kebudayaan",
            "tautan": "https://drive.example.go.id/irban-1/2026/lhp-045.pdf",
            "klasifikasi": "terbatas",
        },
        {
            "jenis": "LHE",
            "nomor": "700/012/LHE/Irban-I/2026",
            "tanggal": "2026-11-03",
            "judul": 'Evaluasi AKIP: "Dinas Kesehatan" # bukan catatan',
            "objek": "Dinas Kesehatan",
            "berkas": "bukti/2026-q4/lhe-012.pdf",
            "klasifikasi": "terbuka",
        },
    ],
    "realisasi": [
        {"indikator": "jumlah-lhp", "nilai": 3, "catatan": "Sesuai PKPT: 3 dari 3"},
        {"indikator": "persentase-tindak-lanjut", "nilai": 85.5},
        {"indikator": "rata-rata-hari", "nilai": 0.00001},
        {"indikator": "nilai-rupiah", "nilai": 1234567.25},
        {"indikator": "turun", "nilai": -3},
    ],
    "kendala": "Keterbatasan jumlah auditor — pemeriksaan khusus atas permintaan Bupati "
    "menyebabkan dua penugasan tertunda; ÷ ünïcödé tetap utuh.",
    "rencana_tindak_lanjut": "no",
}


def read(raw: bytes, name: str) -> Any:
    doc = read_bytes(raw, name, Limits())
    assert doc.findings == []
    return doc.data


@pytest.mark.parametrize(
    ("name", "write"),
    [
        ("a.yml", lambda d: submission_yaml(d).encode()),
        ("a.csv", submission_csv),
        ("b.csv", lambda d: submission_csv(d, delimiter=",")),
        ("c.csv", lambda d: submission_csv(d, delimiter="\t")),
        ("a.xlsx", submission_xlsx),
    ],
)
def test_each_format_reads_back_as_the_same_data(name: str, write: Any) -> None:
    assert read(write(SUBMISSION), name) == SUBMISSION


def test_yaml_layout_is_readable_and_stable() -> None:
    text = submission_yaml(SUBMISSION)
    lines = text.splitlines()
    assert lines[0].startswith("# Data kinerja unit irban-1 untuk periode 2026-q4")
    keys = [line.split(":")[0] for line in lines if line and line[0].isalpha()]
    assert keys == [
        "unit",
        "periode",
        "disampaikan_oleh",
        "tanggal",
        "dokumen",
        "realisasi",
        "kendala",
        "rencana_tindak_lanjut",
    ]
    assert 'tanggal: "2026-10-06"' in lines
    assert '    tanggal: "2026-10-02"' in lines
    assert "  - jenis: LHP" in lines
    assert "ünïcödé" in text and "\\u" not in text
    assert all(len(line) <= 100 for line in lines)
    assert submission_yaml(dict(reversed(list(SUBMISSION.items())))) == text


@pytest.mark.parametrize(
    "text",
    [
        "no",
        "yes",
        "on",
        "null",
        "~",
        "",
        "1e5",
        "0x1F",
        "1:30",
        "2026-10-05",
        "2026-10-05T08:00",
        "3",
        "-2.5",
        ".5",
        "true",
        "- item",
        "a: b",
        "a #b",
        "#x",
        "'q'",
        '"q"',
        " lead",
        "trail ",
        "[x]",
        "{x}",
        "%x",
        "@x",
        "`x`",
        "!x",
        "&x",
        "*x",
        "|x",
        ">x",
        "line\nbreak",
        "tab\there",
    ],
)
def test_any_string_stays_a_string(text: str) -> None:
    out = dump_yaml({"teks": text, "daftar": [text, "b"]})
    assert parse_yaml(out, "x.yml").data == {"teks": text, "daftar": [text, "b"]}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.lists(st.text(max_size=20), max_size=4))
def test_yaml_round_trip_of_arbitrary_text(text: str, items: list[str]) -> None:
    data = {"kendala": text, "indikator": items, "nilai": 1.5}
    assert parse_yaml(dump_yaml(data), "x.yml").data == data


_CELL = (
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60)
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            _CELL,
            st.one_of(
                st.integers(-(10**9), 10**9),
                st.floats(-1e9, 1e9, allow_nan=False).map(lambda f: round(f, 4)),
            ),
        ),
        max_size=5,
    ),
    _CELL,
    st.sampled_from([";", ",", "\t"]),
)
def test_csv_round_trip_of_arbitrary_values(
    rows: list[tuple[str, float]], note: str, delimiter: str
) -> None:
    data: dict[str, Any] = {"unit": "irban-1", "periode": "2026-10", "kendala": note}
    if rows:
        data["realisasi"] = [{"indikator": key, "nilai": value} for key, value in rows]
    assert read(submission_csv(data, delimiter=delimiter), "x.csv") == data


def test_csv_is_what_excel_saves() -> None:
    raw = submission_csv(SUBMISSION)
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.startswith(
        "bagian;kunci;nilai;catatan;nomor;tanggal;judul;objek;tautan;berkas;klasifikasi\r\n"
    )
    assert "realisasi;persentase-tindak-lanjut;85,5;" in text
    assert "realisasi;nilai-rupiah;1234567,25;" in text
    assert "realisasi;rata-rata-hari;0,00001;" in text
    comma = submission_csv(SUBMISSION, delimiter=",").decode("utf-8-sig")
    assert "realisasi,persentase-tindak-lanjut,85.5," in comma
    with pytest.raises(ValueError, match="delimiter"):
        submission_csv(SUBMISSION, delimiter="|")


def test_xlsx_layout() -> None:
    import openpyxl

    raw = submission_xlsx(SUBMISSION, created=datetime(2026, 10, 6, 9, 30), creator="Mira")
    book = openpyxl.load_workbook(io.BytesIO(raw))
    assert book.sheetnames == ["kinerja"]
    sheet = book["kinerja"]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert [c.value for c in sheet[1]] == [
        "bagian",
        "kunci",
        "nilai",
        "catatan",
        "nomor",
        "tanggal",
        "judul",
        "objek",
        "tautan",
        "berkas",
        "klasifikasi",
    ]
    dates = [row[5].value for row in sheet.iter_rows(min_row=2) if row[0].value == "dokumen"]
    assert dates == [datetime(2026, 10, 2), datetime(2026, 11, 3)]
    assert book.properties.creator == "Mira"


def test_xlsx_bytes_are_reproducible_and_never_formulas() -> None:
    data = {**SUBMISSION, "kendala": '=HYPERLINK("http://x")'}
    first = submission_xlsx(data, created=datetime(2026, 1, 2, 3, 4, 5))
    second = submission_xlsx(data, created=datetime(2026, 1, 2, 3, 4, 5))
    assert first == second
    stamps = {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()}
    assert stamps == {(2026, 1, 2, 3, 4, 4)}  # ZIP keeps even seconds
    doc = read_bytes(first, "a.xlsx", Limits())
    assert [f.code for f in doc.findings] == []
    assert doc.data["kendala"] == data["kendala"]


def test_invalid_dates_stay_text_in_xlsx() -> None:
    data = {**SUBMISSION, "tanggal": "2026-02-30"}
    assert read(submission_xlsx(data), "a.xlsx")["tanggal"] == "2026-02-30"


def test_request_round_trip() -> None:
    request = {
        "periode": "2026-q4",
        "nomor": "700/512/Perenc/Insp-PS/X/2026",
        "tanggal": "2026-10-01",
        "tenggat": "2026-10-08T12:00",
        "diminta_oleh": "fauzan-hidayat",
        "penerima": [
            {"unit": "irban-1", "indikator": ["jumlah-lhp", "jumlah-lhe"], "dokumen": ["LHP"]},
            {"unit": "subbag-auk", "indikator": ["realisasi-anggaran"], "catatan": "Posisi LRA"},
        ],
    }
    text = request_yaml(request)
    assert 'tenggat: "2026-10-08T12:00"' in text
    assert "    indikator: [jumlah-lhp, jumlah-lhe]" in text
    assert parse_yaml(text, "permintaan.yml").data == request


# --- templates --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def config() -> Config:
    source = load_source()
    return Config.from_data(source.organisation, source.indicators)


def test_template_lists_what_the_request_asks(config: Config) -> None:
    request = {
        "periode": "2026-q4",
        "penerima": [{"unit": "irban-1", "indikator": ["jumlah-lhp"], "dokumen": ["LHP", "LHE"]}],
    }
    data = template(config, "irban-1", "2026-q4", request)
    assert data["unit"] == "irban-1" and data["periode"] == "2026-q4"
    assert data["disampaikan_oleh"] == ""
    assert data["realisasi"] == [{"indikator": "jumlah-lhp", "nilai": None, "catatan": ""}]
    assert [d["jenis"] for d in data["dokumen"]] == ["LHP", "LHE"]
    assert all(d["nomor"] == "" for d in data["dokumen"])
    text = submission_yaml(data, header=template_header(config, "irban-1", "2026-q4", request))
    assert "jumlah-lhp: Jumlah Laporan Hasil Pemeriksaan" in text
    parsed = parse_yaml(text, "irban-1.yml").data
    assert parsed == data
    assert "nilai:\n" in text  # empty, for the unit to fill


def test_template_without_a_request_uses_the_units_indicators(config: Config) -> None:
    quarterly = template(config, "irban-2", "2026-q3", None)
    ids = {item["indikator"] for item in quarterly["realisasi"]}
    expected = {
        i.id
        for i in config.indicators.values()
        if "irban-2" in i.unit and i.frekuensi == "triwulan"
    }
    assert ids == expected and ids
    monthly = template(config, "subbag-auk", "2026-10", None)
    assert [i["indikator"] for i in monthly["realisasi"]] == [
        i.id
        for i in config.indicators.values()
        if "subbag-auk" in i.unit and i.frekuensi == "bulan"
    ]
    assert monthly["dokumen"] == []


@pytest.mark.parametrize(("unit", "period"), [("irban-9", "2026-q4"), ("irban-1", "2026-q5")])
def test_template_rejects_unknown_units_and_periods(config: Config, unit: str, period: str) -> None:
    with pytest.raises(TemplateError):
        template(config, unit, period, None)


def test_template_writes_in_every_format(config: Config) -> None:
    data = template(config, "irban-1", "2026-q4", None)
    for name, raw in (("t.csv", submission_csv(data)), ("t.xlsx", submission_xlsx(data))):
        doc = read_bytes(raw, name, Limits())
        assert doc.findings == []
        assert [r["indikator"] for r in doc.data["realisasi"]] == [
            r["indikator"] for r in data["realisasi"]
        ]
        assert all("nilai" not in r for r in doc.data["realisasi"])
    assert date.fromisoformat("2026-10-01")  # dates are text in templates: nothing to convert
