"""A second, different office end to end: made by ``kinerja init`` plus data files only (other
unit ids and names, WITA, a six-band scale, an outside-party lane, lower-is-better, range and
zero targets, its own day off), built with a real ``mkdocs build --strict``, and the whole built
site grepped (pages, search index, downloads with XLSX unzipped, image alt texts) for every name,
id, number and place of the shipped organisation."""

from __future__ import annotations

import html
import json
import re
import zipfile
from pathlib import Path

import pytest
import yaml

from browser import mkdocs_build, pin_now
from kinerja.cli import main
from shipped_names import pattern

FLAGS = [
    "--nama",
    "Inspektorat Kota Contoh Timur",
    "--pemerintah",
    "Pemerintah Kota Contoh Timur",
    "--kode",
    "contoh-timur",
    "--zona-waktu",
    "Asia/Makassar",
    "--forge",
    "forgejo",
    "--forge-url",
    "https://git.contoh-timur.example",
    "--admin-id",
    "pengelola-data",
    "--admin-nama",
    "Pengelola Data",
    "--admin-akun",
    "pengelola",
    "--admin-email",
    "pengelola@contoh-timur.example",
]
SIX_BANDS = [
    {"min": 100, "nama": "Istimewa"},
    {"min": 85, "maks": 100, "nama": "Baik Sekali"},
    {"min": 70, "maks": 85, "nama": "Baik"},
    {"min": 55, "maks": 70, "nama": "Cukup"},
    {"min": 40, "maks": 55, "nama": "Kurang"},
    {"min": 0, "maks": 40, "nama": "Sangat Kurang"},
]
OWN_DAY_OFF = {"tanggal": "2026-04-22", "nama": "Hari Jadi Kota Contoh Timur"}
#: The office's own wording of one guide (it wins over the package's template).
OWN_GUIDE = "# Keabsahan riwayat\n\nDitulis sendiri oleh kantor Kota Contoh Timur.\n"
#: A 1x1 PNG: the one example picture this office keeps for its guides.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
)


def _yaml(path: Path) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _dump(path: Path, data: object) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("kantor-lain")
    root = base / "kantor"
    assert main(["init", str(root), *FLAGS, "--kunci-keluar", str(base / "kunci")]) == 0
    org_path = root / "submissions" / "organisasi.yml"
    org = _yaml(org_path)
    settings = org["pengaturan"]
    assert isinstance(settings, dict)
    settings["predikat"] = SIX_BANDS
    settings["libur_tambahan"] = [OWN_DAY_OFF]
    settings["jam_kerja"] = {
        "senin": ["08:00", "15:30"],
        "selasa": ["08:00", "15:30"],
        "rabu": ["08:00", "15:30"],
        "kamis": ["08:00", "15:30"],
        "jumat": ["08:00", "11:30"],
        "sabtu": ["08:00", "12:00"],
    }
    _dump(org_path, org)
    sop_path = root / "docs" / "sop" / "pengumpulan-data-kinerja.yml"
    sop = _yaml(sop_path)
    lanes = sop["pelaksana"]
    assert isinstance(lanes, list)
    lanes.append({"id": "perangkat-daerah", "nama": "Perangkat Daerah", "pihak_luar": True})
    _dump(sop_path, sop)
    ind_path = root / "submissions" / "indikator.yml"
    indicators = _yaml(ind_path)
    items = indicators["indikator"]
    assert isinstance(items, list)
    common = {"frekuensi": "triwulan", "presisi": 1, "sumber_data": "Register kantor"}
    items += [
        {
            "id": "rata-hari-penyelesaian",
            "nama": "Rata-rata hari penyelesaian pengaduan",
            "satuan": "hari",
            "arah": "turun",
            "agregasi": "rata-rata",
            "unit": ["wilayah-a"],
            "target": [{"tahun": 2026, "nilai": 14}],
            **common,
        },
        {
            "id": "indeks-kepuasan",
            "nama": "Indeks kepuasan auditi",
            "satuan": "indeks",
            "arah": "naik",
            "agregasi": "terakhir",
            "unit": ["program"],
            "target": [{"tahun": 2026, "nilai": {"min": 3.2, "max": 3.6}}],
            **common,
        },
        {
            "id": "temuan-berulang",
            "nama": "Temuan berulang",
            "satuan": "angka",
            "arah": "turun",
            "agregasi": "jumlah",
            "unit": ["wilayah-b"],
            "target": [{"tahun": 2026, "nilai": 0}],
            **common,
        },
    ]
    _dump(ind_path, indicators)
    guides = root / "docs" / "panduan"
    (guides / "gambar").mkdir(parents=True)
    (guides / "keabsahan.md").write_text(OWN_GUIDE, encoding="utf-8")
    (guides / "gambar" / "beranda.png").write_bytes(PIXEL)
    assert main(["validate", "-C", str(root)]) == 0
    pin_now(root / "mkdocs.yml", "2026-10-07T10:00:00+08:00")
    return root, mkdocs_build(root)


def _texts(site: Path, tmp: Path) -> dict[str, str]:
    """Every text a reader or a search engine meets: pages (alt texts included), the search
    index by page, downloads, and the XML inside every XLSX and DOCX."""
    out: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel.startswith("assets/"):  # the theme's own files
            continue
        if rel == "search/search_index.json":
            for doc in json.loads(path.read_text(encoding="utf-8"))["docs"]:
                out[f"search:{doc['location']}"] = doc["title"] + " " + doc["text"]
        elif path.suffix in (".xlsx", ".docx"):
            with zipfile.ZipFile(path) as book:
                for name in book.namelist():
                    if name.endswith(".xml"):
                        out[f"{rel}!{name}"] = book.read(name).decode("utf-8", "replace")
        elif path.suffix in (".html", ".json", ".csv", ".md", ".txt", ".xml", ".svg"):
            out[rel] = path.read_text(encoding="utf-8", errors="replace")
    return out


def _hits(texts: dict[str, str]) -> list[tuple[str, str]]:
    regex = pattern()
    return [
        (where, match.group(0)) for where, text in texts.items() for match in regex.finditer(text)
    ]


def test_other_office_site_names_no_shipped_office(
    office: tuple[Path, Path], tmp_path: Path
) -> None:
    _, site = office
    texts = _texts(site, tmp_path)
    assert any(".xlsx!" in where for where in texts) or not list(site.rglob("*.xlsx"))
    assert any(".docx!" in where for where in texts) or not list(site.rglob("*.docx"))
    assert any(where.startswith("unduh/skema/") for where in texts)
    assert any(where.startswith("unduh/kamus-data/") for where in texts)
    hits = [f"{where}: {name!r}" for where, name in _hits(texts)]
    assert hits == [], "\n".join(hits[:50])


def test_other_office_dictionary_and_schemas_name_no_shipped_office(
    office: tuple[Path, Path], tmp_path: Path
) -> None:
    """The dictionary and the published schemas: no shipped name, valid JSON Schema, and the
    examples are the office's own ids, names and zone."""
    from jsonschema import Draft202012Validator

    root, site = office
    texts = _texts(site, tmp_path)
    assert [h for h in _hits(texts) if h[0].startswith(("unduh/", "search:unduh/"))] == []
    schemas = {
        path.name.removesuffix(".schema.json"): json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((site / "unduh" / "skema").glob("*.schema.json"))
    }
    assert set(schemas) >= {"organisasi", "indikator", "sop", "pengaturan", "submisi"}
    for schema in schemas.values():
        Draft202012Validator.check_schema(schema)
    org = schemas["organisasi"]["properties"]
    assert org["instansi"]["properties"]["nama"]["examples"] == ["Inspektorat Kota Contoh Timur"]
    unit_ids = org["unit"]["items"]["properties"]["id"]["examples"]
    assert unit_ids == ["kepala-kantor", "tata-usaha"]
    people = org["pegawai"]["items"]["properties"]
    assert "examples" not in people["email"] and "examples" not in people["nip"]
    zone = schemas["pengaturan"]["properties"]["zona_waktu"]["examples"]
    assert zone == ["Asia/Makassar"]
    sop_number = schemas["sop"]["properties"]["identitas"]["properties"]["nomor"]["examples"]
    assert sop_number == ["CONTOH/SOP/1"]
    indicator = schemas["indikator"]["properties"]["indikator"]["items"]["properties"]["id"]
    assert indicator["examples"] == ["jumlah-laporan-pengawasan", "persentase-tindak-lanjut"]
    page = (site / "unduh" / "kamus-data" / "index.html").read_text(encoding="utf-8")
    assert "<code>Asia/Makassar</code>" in page and "<code>kepala-kantor</code>" in page
    assert (root / "schema").is_dir()  # the office's own schema/ was the source


def test_other_office_times_are_wita(office: tuple[Path, Path], tmp_path: Path) -> None:
    _, site = office
    pages = {k: v for k, v in _texts(site, tmp_path).items() if k.endswith(".html")}
    assert any("WITA" in text for text in pages.values())
    # The data dictionary names every zone once, as the choices of zona_waktu: not a time.
    choices = re.compile(r"\(WIB\), &quot;Asia/Makassar&quot; \(WITA\)")
    wib = [k for k, text in pages.items() if re.search(r"\bWIB\b", choices.sub("", text))]
    assert wib == []


def test_other_office_figures_page(office: tuple[Path, Path]) -> None:
    _, site = office
    text = (site / "panduan" / "cara-menghitung" / "index.html").read_text(encoding="utf-8")
    for band in SIX_BANDS:
        assert str(band["nama"]) in text
    assert "di bawah 100%" in text and "tanpa batas atas" in text
    assert OWN_DAY_OFF["nama"] in text
    assert "Rata-rata hari penyelesaian pengaduan" in text  # lower is better, own indicator
    assert "08:00–11:30" in text  # its own Friday hours
    assert "Sabtu" in text and "08:00–12:00" in text


def test_other_office_outside_lane_on_sop_page(office: tuple[Path, Path]) -> None:
    _, site = office
    pages = list((site / "sop").rglob("index.html"))
    assert any("Perangkat Daerah" in p.read_text(encoding="utf-8") for p in pages)
    assert any("pihak luar" in p.read_text(encoding="utf-8") for p in pages)


def _page(site: Path, rel: str) -> str:
    """A built page as a reader sees its text (values from data are character references)."""
    return html.unescape((site / rel / "index.html").read_text(encoding="utf-8"))


def test_other_office_guides_speak_for_it(office: tuple[Path, Path]) -> None:
    """The Panduan pages are rendered from this office's data: its name, units, ids, paraf
    rules, hours and zone, and the bands in force."""
    _, site = office
    staff = _page(site, "panduan/staf-unit")
    assert "Inspektorat Kota Contoh Timur" in staff and "WITA" in staff
    assert "Wilayah A" in staff and "<code>submissions/2026-q4/program.yml</code>" in staff
    opener = _page(site, "panduan/perencanaan")
    assert "Panduan Sub Bagian Program" in opener
    assert "Jumat 11.30" in opener and "Sabtu 12.00 WITA" in opener
    assert "diminta_oleh: contoh-penyusun" in re.sub(r"<[^>]+>", "", opener)  # highlighted
    paraf = _page(site, "panduan/pemberi-paraf")
    assert "<td>Kepala Kantor</td>" in paraf and "Kepala Program" in paraf
    terms = _page(site, "panduan/istilah")
    assert all(str(band["nama"]) in terms for band in SIX_BANDS)
    assert "persetujuan Kepala Kantor pada analisis" in terms  # who signs, from persetujuan
    assert "Ditulis sendiri oleh kantor" in _page(site, "panduan/keabsahan")  # its own page
    nav = (site / "index.html").read_text(encoding="utf-8")
    assert "Staf unit" in nav and "Membuka periode" in nav


def test_other_office_guides_show_only_its_own_example_pictures(
    office: tuple[Path, Path],
) -> None:
    """A picture is shown only when the office keeps it, and says it is an example."""
    _, site = office
    pictures = []
    for page in (site / "panduan").rglob("index.html"):
        pictures += re.findall(r"<img [^>]*>", page.read_text(encoding="utf-8"))
    assert len(pictures) == 1, pictures
    assert 'alt="Contoh: Beranda"' in pictures[0] and "gambar/beranda.png" in pictures[0]
    assert (site / "panduan" / "gambar" / "beranda.png").is_file()
