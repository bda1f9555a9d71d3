"""The JSON Schemas in ``schema/`` and the data files shipped with them.

The schemas are the single source of truth for every user-edited file, and their Indonesian
``title``/``description`` become error messages, templates and the data dictionary. So besides
metaschema validity these tests hold every schema to the house rules (every field documented,
unknown keys rejected, strings and lists bounded, examples valid), check that typical mistakes
are rejected at the right place, and check the shipped Pesisir Selatan files against their
schemas and against each other.
"""

from __future__ import annotations

import copy
import json
import statistics
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_DIR = ROOT / "schema"
BASE_URI = "https://kinerja.invalid/schema/"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
KINDS = ("organisasi", "indikator", "permintaan", "submisi", "analisis", "sop", "pengaturan")
SHIPPED = {
    "submissions/organisasi.yml": "organisasi",
    "submissions/indikator.yml": "indikator",
    "docs/sop/pengumpulan-data-kinerja.yml": "sop",
    "scripts/kinerja/data/pengaturan.yml": "pengaturan",
}
DataPath = tuple[str | int, ...]
DELETE = object()


# --- helpers ---------------------------------------------------------------------------------


@cache
def load_schema(kind: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text("utf-8"))
    return data


@cache
def registry() -> Registry[Any]:
    """All schemas by ``$id``, so that organisasi's ``$ref`` to pengaturan resolves offline."""
    return Registry().with_resources(
        (load_schema(kind)["$id"], Resource.from_contents(load_schema(kind))) for kind in KINDS
    )


def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(load_schema(kind), registry=registry())


def errors(kind: str, instance: Any) -> set[tuple[DataPath, str]]:
    """The failures as (instance path, failing keyword): wording-independent, like findings."""
    return {
        (tuple(error.absolute_path), str(error.validator))
        for error in validator(kind).iter_errors(instance)
    }


@cache
def shipped(rel_path: str) -> Any:
    return yaml.safe_load((ROOT / rel_path).read_text("utf-8"))


def schema_nodes(node: Any, where: str = "#", role: str = "root") -> Iterator[tuple[str, str, Any]]:
    """Every subschema as (JSON pointer, role, node); role is root, property, items or other."""
    if not isinstance(node, dict):
        return
    yield where, role, node
    for keyword in ("properties", "patternProperties", "$defs", "dependentSchemas"):
        for name, sub in node.get(keyword, {}).items():
            sub_role = "property" if keyword in ("properties", "patternProperties") else "other"
            yield from schema_nodes(sub, f"{where}/{keyword}/{name}", sub_role)
    for keyword in (
        "items",
        "additionalProperties",
        "not",
        "if",
        "then",
        "else",
        "contains",
        "propertyNames",
        "unevaluatedItems",
        "unevaluatedProperties",
    ):
        sub = node.get(keyword)
        if isinstance(sub, dict):
            yield from schema_nodes(
                sub, f"{where}/{keyword}", keyword if keyword == "items" else "other"
            )
    for keyword in ("prefixItems", "allOf", "anyOf", "oneOf"):
        for index, sub in enumerate(node.get(keyword, [])):
            yield from schema_nodes(sub, f"{where}/{keyword}/{index}", "other")


def types_of(node: dict[str, Any]) -> set[str]:
    value = node.get("type", [])
    return {value} if isinstance(value, str) else set(value)


def mutate(doc: Any, path: DataPath, value: Any) -> Any:
    """A deep copy of ``doc`` with the value at ``path`` replaced (or removed with DELETE)."""
    out = copy.deepcopy(doc)
    target = out
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return out


# --- the schemas themselves ------------------------------------------------------------------


def test_schema_folder_holds_one_schema_per_kind() -> None:
    assert sorted(p.name for p in SCHEMA_DIR.iterdir()) == sorted(
        f"{kind}.schema.json" for kind in KINDS
    )


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_valid_draft_2020_12(kind: str) -> None:
    schema = load_schema(kind)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DIALECT
    assert schema["$id"] == f"{BASE_URI}{kind}.schema.json"


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_has_indonesian_title_and_description(kind: str) -> None:
    undocumented = []
    for where, role, node in schema_nodes(load_schema(kind)):
        if role not in ("root", "property", "items"):
            continue
        title, description = node.get("title"), node.get("description")
        if not (isinstance(title, str) and title.strip()):
            undocumented.append(f"{where}: title")
        if not (isinstance(description, str) and description.strip().endswith(".")):
            undocumented.append(f"{where}: description (a sentence ending with '.')")
    assert undocumented == []


@pytest.mark.parametrize("kind", KINDS)
def test_every_object_rejects_unknown_keys(kind: str) -> None:
    open_objects = [
        where
        for where, _, node in schema_nodes(load_schema(kind))
        if ("object" in types_of(node) or "properties" in node or "patternProperties" in node)
        and node.get("additionalProperties") is not False
    ]
    assert open_objects == []


@pytest.mark.parametrize("kind", KINDS)
def test_every_string_and_list_is_bounded(kind: str) -> None:
    unbounded = []
    for where, _, node in schema_nodes(load_schema(kind)):
        kinds = types_of(node)
        enumerated = "enum" in node or "const" in node
        if "string" in kinds and not enumerated and "maxLength" not in node:
            unbounded.append(f"{where}: maxLength")
        if "array" in kinds and "maxItems" not in node:
            unbounded.append(f"{where}: maxItems")
    assert unbounded == []


@pytest.mark.parametrize("kind", KINDS)
def test_no_format_keyword_needing_extra_packages(kind: str) -> None:
    assert [where for where, _, node in schema_nodes(load_schema(kind)) if "format" in node] == []


@pytest.mark.parametrize("kind", KINDS)
def test_examples_and_defaults_satisfy_their_own_schema(kind: str) -> None:
    bad = []
    for where, _, node in schema_nodes(load_schema(kind)):
        samples = list(node.get("examples", []))
        if "default" in node:
            samples.append(node["default"])
        check = Draft202012Validator(node, registry=registry())
        bad += [f"{where}: {sample!r}" for sample in samples if not check.is_valid(sample)]
    assert bad == []


def test_organisasi_reuses_the_pengaturan_schema() -> None:
    ref = load_schema("organisasi")["properties"]["pengaturan"]["$ref"]
    assert ref == load_schema("pengaturan")["$id"]


# --- inline examples: good documents are accepted ----------------------------------------------

ORGANISASI = {
    "versi": 1,
    "instansi": {
        "nama": "Inspektorat Daerah Kabupaten Contoh",
        "pemerintah": "Pemerintah Kabupaten Contoh",
        "forge": {"jenis": "forgejo", "url": "https://git.example.go.id", "repo": "insp/kinerja"},
    },
    "pegawai": [
        {
            "id": "budi-santoso",
            "nama": "Budi Santoso, S.E.",
            "nip": "197001012000031001",
            "jabatan": "Inspektur",
            "unit": "pimpinan",
            "peran": ["inspektur", "admin"],
            "akun": ["budi.santoso"],
            "email": ["budi@example.go.id"],
            "contoh": True,
        }
    ],
    "unit": [
        {"id": "pimpinan", "nama": "Inspektur", "jenis": "pimpinan", "kepala": "budi-santoso"}
    ],
    "persetujuan": {
        "permintaan": {"paraf": ["kepala:pimpinan"]},
        "submisi": {"paraf": ["kepala-unit"]},
        "analisis": {"paraf": ["sekretaris"], "pengesahan": ["inspektur"]},
    },
    "admin": ["budi-santoso"],
    "pengaturan": {"jam_kerja": {"jumat": None, "sabtu": ["07:30", "12:00"]}},
}

INDIKATOR = {
    "versi": 1,
    "indikator": [
        {
            "id": "jumlah-lhp",
            "nama": "Jumlah LHP yang diterbitkan",
            "satuan": "laporan",
            "arah": "naik",
            "agregasi": "jumlah",
            "frekuensi": "triwulan",
            "unit": ["irban-1"],
            "sumber_data": "PKPT",
            "presisi": 0,
            "rentang": {"min": 0, "max": 100},
            "target": [
                {"tahun": 2026, "unit": "irban-1", "nilai": 12, "periode": {"2026-q1": 3}},
                {"tahun": 2027, "nilai": {"min": 95, "max": 100}, "catatan": "PK 2027"},
            ],
        }
    ],
}

PERMINTAAN = {
    "periode": "2026-q4",
    "nomor": "700/512/Perenc/Insp-PS/X/2026",
    "tanggal": "2026-10-01",
    "tenggat": "2026-10-08",
    "diminta_oleh": "fauzan-hidayat",
    "penerima": [
        {
            "unit": "irban-1",
            "indikator": ["jumlah-lhp", "persentase-tindak-lanjut"],
            "dokumen": ["LHP", "TLHP"],
            "catatan": "Mohon lampirkan tautan LHP.",
        }
    ],
    "catatan": "Data triwulan IV.",
}

SUBMISI = {
    "unit": "irban-1",
    "periode": "2026-q4",
    "disampaikan_oleh": "ilham-fadli",
    "tanggal": "2026-10-06",
    "dokumen": [
        {
            "jenis": "LHP",
            "nomor": "700/45/LHP/Irban-I/2026",
            "tanggal": "2026-10-02",
            "judul": "Audit Kinerja Dinas Pendidikan",
            "objek": "Dinas Pendidikan",
            "tautan": "https://drive.example.go.id/lhp-45.pdf",
            "berkas": "bukti/2026-q4/LHP 45 (final).pdf",
            "klasifikasi": "terbatas",
        }
    ],
    "realisasi": [{"indikator": "jumlah-lhp", "nilai": 3, "catatan": "Sesuai PKPT."}],
    "kendala": "Dua auditor mengikuti diklat.",
    "rencana_tindak_lanjut": "Penugasan dijadwal ulang pada bulan November.",
}

SOP = {
    "id": "contoh",
    "identitas": {
        "instansi": ["PEMERINTAH KABUPATEN CONTOH"],
        "unit": "SUB BAGIAN PERENCANAAN",
        "nomor": "700 /1/SOP/ 2026",
        "tanggal_pembuatan": "2026-01-05",
        "tanggal_revisi": [],
        "tanggal_efektif": "2026-01-05",
        "disahkan_oleh": {"jabatan": "INSPEKTUR", "nama": "BUDI"},
        "nama": "Contoh",
    },
    "dasar_hukum": ["Peraturan A"],
    "kualifikasi_pelaksana": ["Memahami A"],
    "keterkaitan": ["SOP B"],
    "peralatan": ["Komputer"],
    "peringatan": "Bila tidak dilaksanakan, data tidak lengkap.",
    "pencatatan": [{"pelaksana": "Inspektur", "catatan": "Tanda Tangan"}],
    "pelaksana": [{"id": "irban", "nama": "Irban", "unit": ["irban-1"]}],
    "aktivitas": [
        {
            "no": 1,
            "aktivitas": "Menghimpun data",
            "pelaksana": "irban",
            "kelengkapan": "dokumen",
            "waktu_menit": 480,
            "output": "dokumen LHP",
            "keterangan": "",
            "lanjut_ke": [],
            "jenis": "mulai",
            "langkah": "kumpul-irban",
        }
    ],
}

PENGATURAN = {
    "zona_waktu": "Asia/Makassar",
    "jam_kerja": {"senin": ["08:00", "16:00"], "jumat": ["08:00", "24:00"], "minggu": None},
    "libur_tambahan": [
        {"tanggal": "2026-12-24", "nama": "Cuti bersama"},
        {"tanggal": "2026-12-31"},
    ],
    "hari_kerja_tambahan": [{"tanggal": "2026-03-28", "nama": "Hari kerja pengganti"}],
    "predikat": [{"min": 90.5, "nama": "Baik"}, {"min": 0, "nama": "Kurang"}],
    "batas": {"ukuran_berkas_kb": 512},
}

ANALISIS = {"periode": "2026-q4", "disusun_oleh": "fauzan-hidayat", "judul": "Analisis"}

EXAMPLES = {
    "organisasi": ORGANISASI,
    "indikator": INDIKATOR,
    "permintaan": PERMINTAAN,
    "submisi": SUBMISI,
    "analisis": ANALISIS,
    "sop": SOP,
    "pengaturan": PENGATURAN,
}

GOOD = [
    *[pytest.param(kind, doc, id=f"{kind}-lengkap") for kind, doc in EXAMPLES.items()],
    pytest.param(
        "submisi",
        {"unit": "subbag-auk", "periode": "2026-10", "disampaikan_oleh": "sri"},
        id="submisi-minimal",
    ),
    pytest.param("submisi", mutate(SUBMISI, ("realisasi", 0, "nilai"), 85.5), id="nilai-desimal"),
    pytest.param("submisi", mutate(SUBMISI, ("realisasi", 0, "nilai"), -2), id="nilai-negatif"),
    pytest.param(
        "submisi",
        mutate(SUBMISI, ("dokumen", 0, "tautan"), "http://10.0.0.5/a?b=1"),
        id="tautan-http",
    ),
    pytest.param(
        "permintaan", mutate(PERMINTAAN, ("tenggat",), "2026-10-08T12:00"), id="tenggat-dengan-jam"
    ),
    pytest.param(
        "permintaan",
        mutate(PERMINTAAN, ("penerima", 0, "indikator"), DELETE),
        id="penerima-tanpa-indikator",
    ),
    pytest.param("pengaturan", {}, id="pengaturan-kosong"),
    pytest.param("analisis", {}, id="analisis-tanpa-keterangan"),
    pytest.param(
        "organisasi", mutate(ORGANISASI, ("pengaturan",), DELETE), id="organisasi-tanpa-pengaturan"
    ),
    pytest.param(
        "organisasi", mutate(ORGANISASI, ("instansi", "forge"), DELETE), id="organisasi-tanpa-forge"
    ),
    pytest.param(
        "organisasi",
        mutate(ORGANISASI, ("pegawai", 0, "nip"), "19700101 200003 1 001"),
        id="nip-berspasi",
    ),
    pytest.param(
        "sop", mutate(SOP, ("identitas", "tanggal_revisi"), ["2026-06-01"]), id="sop-revisi"
    ),
]


@pytest.mark.parametrize(("kind", "doc"), GOOD)
def test_good_document_is_accepted(kind: str, doc: Any) -> None:
    assert errors(kind, doc) == set()


# --- inline examples: typical mistakes are rejected at the right place --------------------------

P0 = ("pegawai", 0)
T0 = ("indikator", 0, "target", 0)
D0 = ("dokumen", 0)
R0 = ("realisasi", 0)
A0 = ("aktivitas", 0)

BAD = [
    # submisi
    ("submisi", (), ("lampiran",), "x", (), "additionalProperties"),
    ("submisi", (), ("disampaikan_oleh",), DELETE, (), "required"),
    ("submisi", R0, ("nilai",), "85%", (*R0, "nilai"), "type"),
    ("submisi", R0, ("nilai",), "85,5", (*R0, "nilai"), "type"),
    ("submisi", R0, ("nilai",), True, (*R0, "nilai"), "type"),
    ("submisi", R0, ("nilai",), None, (*R0, "nilai"), "type"),
    ("submisi", R0, ("target",), 5, R0, "additionalProperties"),
    ("submisi", (), ("periode",), "2026-13", ("periode",), "pattern"),
    ("submisi", (), ("periode",), "2026-q5", ("periode",), "pattern"),
    ("submisi", (), ("periode",), "2026-Q4", ("periode",), "pattern"),
    ("submisi", (), ("unit",), "Irban 1", ("unit",), "pattern"),
    ("submisi", (), ("unit",), "irban--1", ("unit",), "pattern"),
    ("submisi", (), ("tanggal",), "06-10-2026", ("tanggal",), "pattern"),
    ("submisi", (), ("kendala",), "x" * 5001, ("kendala",), "maxLength"),
    ("submisi", D0, ("jenis",), "LHA", (*D0, "jenis"), "enum"),
    ("submisi", D0, ("klasifikasi",), "rahasia", (*D0, "klasifikasi"), "enum"),
    ("submisi", D0, ("judul",), DELETE, D0, "required"),
    ("submisi", D0, ("judul",), "", (*D0, "judul"), "minLength"),
    ("submisi", D0, ("tautan",), "javascript:alert(1)", (*D0, "tautan"), "pattern"),
    ("submisi", D0, ("tautan",), "ftp://example.go.id/a", (*D0, "tautan"), "pattern"),
    ("submisi", D0, ("tautan",), "https://a b", (*D0, "tautan"), "pattern"),
    ("submisi", D0, ("berkas",), "../rahasia.pdf", (*D0, "berkas"), "pattern"),
    ("submisi", D0, ("berkas",), "bukti/../../x.pdf", (*D0, "berkas"), "pattern"),
    ("submisi", D0, ("berkas",), "/etc/passwd", (*D0, "berkas"), "pattern"),
    ("submisi", D0, ("berkas",), "bukti\\lhp.pdf", (*D0, "berkas"), "pattern"),
    ("submisi", D0, ("berkas",), "C:/bukti/lhp.pdf", (*D0, "berkas"), "pattern"),
    # permintaan
    ("permintaan", (), ("tenggat",), "2026-10-08 12:00", ("tenggat",), "pattern"),
    ("permintaan", (), ("tenggat",), "2026-10-08T24:00", ("tenggat",), "pattern"),
    ("permintaan", (), ("penerima",), [], ("penerima",), "minItems"),
    (
        "permintaan",
        ("penerima", 0),
        ("dokumen",),
        ["LHP", "LHP"],
        ("penerima", 0, "dokumen"),
        "uniqueItems",
    ),
    (
        "permintaan",
        ("penerima", 0),
        ("tenggat",),
        "2026-10-08",
        ("penerima", 0),
        "additionalProperties",
    ),
    # indikator
    ("indikator", (), ("versi",), 2, ("versi",), "const"),
    ("indikator", ("indikator", 0), ("satuan",), "%", ("indikator", 0, "satuan"), "enum"),
    ("indikator", ("indikator", 0), ("arah",), "atas", ("indikator", 0, "arah"), "enum"),
    ("indikator", ("indikator", 0), ("presisi",), 1.5, ("indikator", 0, "presisi"), "type"),
    ("indikator", ("indikator", 0), ("unit",), [], ("indikator", 0, "unit"), "minItems"),
    ("indikator", T0, ("nilai",), "85%", (*T0, "nilai"), "type"),
    ("indikator", T0, ("nilai",), {"min": 80}, (*T0, "nilai"), "required"),
    (
        "indikator",
        T0,
        ("nilai",),
        {"min": 80, "max": 90, "target": 85},
        (*T0, "nilai"),
        "additionalProperties",
    ),
    ("indikator", T0, ("periode",), {"2026-q5": 3}, (*T0, "periode"), "additionalProperties"),
    ("indikator", T0, ("periode",), {"2026-q1": "3"}, (*T0, "periode", "2026-q1"), "type"),
    ("indikator", T0, ("tahun",), "2026", (*T0, "tahun"), "type"),
    # organisasi
    ("organisasi", P0, ("peran",), ["kepala"], (*P0, "peran", 0), "enum"),
    ("organisasi", P0, ("peran",), [], (*P0, "peran"), "minItems"),
    ("organisasi", P0, ("nip",), "1970010120000310011", (*P0, "nip"), "pattern"),
    ("organisasi", P0, ("nip",), 197001012000031001, (*P0, "nip"), "type"),
    ("organisasi", P0, ("email",), ["bukan-email"], (*P0, "email", 0), "pattern"),
    ("organisasi", P0, ("akun",), ["@budi"], (*P0, "akun", 0), "pattern"),
    ("organisasi", P0, ("contoh",), "ya", (*P0, "contoh"), "type"),
    (
        "organisasi",
        ("instansi", "forge"),
        ("jenis",),
        "gitlab",
        ("instansi", "forge", "jenis"),
        "enum",
    ),
    ("organisasi", ("persetujuan",), ("analisis",), DELETE, ("persetujuan",), "required"),
    ("organisasi", ("persetujuan",), ("submisi",), {}, ("persetujuan", "submisi"), "minProperties"),
    (
        "organisasi",
        ("persetujuan", "permintaan"),
        ("paraf",),
        ["kepala:Subbag"],
        ("persetujuan", "permintaan", "paraf", 0),
        "pattern",
    ),
    (
        "organisasi",
        ("persetujuan", "permintaan"),
        ("paraf",),
        ["bupati"],
        ("persetujuan", "permintaan", "paraf", 0),
        "pattern",
    ),
    ("organisasi", ("unit", 0), ("jenis",), "bidang", ("unit", 0, "jenis"), "enum"),
    # organisasi -> pengaturan through $ref
    ("organisasi", ("pengaturan",), ("zona",), "WIB", ("pengaturan",), "additionalProperties"),
    (
        "organisasi",
        ("pengaturan", "jam_kerja"),
        ("senin",),
        ["7:30", "16:00"],
        ("pengaturan", "jam_kerja", "senin", 0),
        "pattern",
    ),
    # analisis (front matter of analisis.md)
    ("analisis", (), ("periode",), "Triwulan IV", ("periode",), "pattern"),
    ("analisis", (), ("penulis",), "budi", (), "additionalProperties"),
    # sop
    ("sop", A0, ("jenis",), "akhir", (*A0, "jenis"), "enum"),
    ("sop", A0, ("langkah",), "kumpul", (*A0, "langkah"), "enum"),
    ("sop", A0, ("waktu_menit",), "480 menit", (*A0, "waktu_menit"), "type"),
    ("sop", A0, ("no",), 0, (*A0, "no"), "minimum"),
    ("sop", A0, ("lanjut_ke",), DELETE, A0, "required"),
    (
        "sop",
        ("identitas",),
        ("tanggal_pembuatan",),
        "01 November 2021",
        ("identitas", "tanggal_pembuatan"),
        "pattern",
    ),
    ("sop", ("identitas",), ("tanggal_revisi",), None, ("identitas", "tanggal_revisi"), "type"),
    ("sop", ("pelaksana", 0), ("unit",), [], ("pelaksana", 0, "unit"), "minItems"),
    # pengaturan
    ("pengaturan", (), ("zona_waktu",), "Europe/Berlin", ("zona_waktu",), "enum"),
    (
        "pengaturan",
        ("jam_kerja",),
        ("saturday",),
        ["07:30", "12:00"],
        ("jam_kerja",),
        "additionalProperties",
    ),
    ("pengaturan", ("jam_kerja",), ("senin",), ["07:30"], ("jam_kerja", "senin"), "minItems"),
    (
        "pengaturan",
        ("jam_kerja",),
        ("senin",),
        ["07:30", "12:00", "13:00"],
        ("jam_kerja", "senin"),
        "maxItems",
    ),
    ("pengaturan", ("jam_kerja",), ("senin",), "07:30-16:00", ("jam_kerja", "senin"), "type"),
    (
        "pengaturan",
        ("jam_kerja",),
        ("senin",),
        ["07:30", "25:00"],
        ("jam_kerja", "senin", 1),
        "pattern",
    ),
    ("pengaturan", (), ("jam_kerja",), {}, ("jam_kerja",), "minProperties"),
    ("pengaturan", (), ("predikat",), [], ("predikat",), "minItems"),
    ("pengaturan", ("predikat", 0), ("min",), "91", ("predikat", 0, "min"), "type"),
    ("pengaturan", ("libur_tambahan", 0), ("tanggal",), DELETE, ("libur_tambahan", 0), "required"),
    ("pengaturan", ("batas",), ("ukuran_berkas_kb",), 0, ("batas", "ukuran_berkas_kb"), "minimum"),
    (
        "pengaturan",
        ("batas",),
        ("ukuran_berkas_kb",),
        "2 MB",
        ("batas", "ukuran_berkas_kb"),
        "type",
    ),
    (
        "pengaturan",
        ("batas",),
        ("tahun_maks_ke_depan",),
        -1,
        ("batas", "tahun_maks_ke_depan"),
        "minimum",
    ),
]


@pytest.mark.parametrize(
    ("kind", "where", "key", "value", "at", "keyword"),
    [
        pytest.param(*case, id=f"{case[0]}-{'.'.join(map(str, case[4]))}-{case[5]}-{n}")
        for n, case in enumerate(BAD)
    ],
)
def test_mistake_is_rejected_at_the_right_place(
    kind: str, where: DataPath, key: DataPath, value: Any, at: DataPath, keyword: str
) -> None:
    base = EXAMPLES[kind]
    assert errors(kind, base) == set()
    assert (at, keyword) in errors(kind, mutate(base, where + key, value))


# --- the shipped files -----------------------------------------------------------------------


@pytest.mark.parametrize(("rel_path", "kind"), SHIPPED.items())
def test_shipped_file_matches_its_schema(rel_path: str, kind: str) -> None:
    problems = sorted(
        f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator(kind).iter_errors(shipped(rel_path))
    )
    assert problems == []


@pytest.mark.parametrize("rel_path", SHIPPED)
def test_shipped_file_reads_the_same_with_the_strict_reader(rel_path: str) -> None:
    """YAML 1.1 (safe_load) and the strict YAML 1.2 reader must not disagree on our own files."""
    try:
        from kinerja.read.yaml_strict import parse_yaml
    except ImportError:  # pragma: no cover - the strict reader is another module's job
        pytest.skip("kinerja.read.yaml_strict tidak tersedia")
    doc = parse_yaml((ROOT / rel_path).read_text("utf-8"), rel_path)
    assert doc.findings == []
    assert doc.data == shipped(rel_path)


def test_package_defaults_are_complete_and_as_agreed() -> None:
    defaults = shipped("scripts/kinerja/data/pengaturan.yml")
    schema = load_schema("pengaturan")
    # sop_alur_kerja has no package default: the office names its own SOP (or has only one).
    assert set(defaults) == set(schema["properties"]) - {"sop_alur_kerja"}
    assert set(defaults["batas"]) == set(schema["properties"]["batas"]["properties"])
    assert defaults["zona_waktu"] == "Asia/Jakarta"
    weekday = ["07:30", "16:00"]
    assert defaults["jam_kerja"] == {
        "senin": weekday,
        "selasa": weekday,
        "rabu": weekday,
        "kamis": weekday,
        "jumat": ["07:30", "16:30"],
    }
    assert [(band["min"], band["nama"]) for band in defaults["predikat"]] == [
        (91, "Sangat Tinggi"),
        (76, "Tinggi"),
        (66, "Sedang"),
        (51, "Rendah"),
        (0, "Sangat Rendah"),
    ]
    assert defaults["batas"] == {
        "ukuran_berkas_kb": 2048,
        "kedalaman_maks": 20,
        "baris_maks": 5000,
        "panjang_teks_maks": 5000,
        "tahun_min": 2000,
        "tahun_maks_ke_depan": 1,
    }
    assert defaults["libur_tambahan"] == []
    assert defaults["hari_kerja_tambahan"] == []


# --- the shipped files agree with each other -------------------------------------------------

UNIT_IDS = [
    "pimpinan",
    "sekretariat",
    "subbag-perencanaan",
    "subbag-anev",
    "subbag-auk",
    "irban-1",
    "irban-2",
    "irban-3",
    "irban-4",
]
IRBAN = ["irban-1", "irban-2", "irban-3", "irban-4"]


def organisasi() -> dict[str, Any]:
    data: dict[str, Any] = shipped("submissions/organisasi.yml")
    return data


def members(unit_id: str) -> list[dict[str, Any]]:
    return [p for p in organisasi()["pegawai"] if p["unit"] == unit_id]


def head(unit_id: str) -> dict[str, Any]:
    unit = next(u for u in organisasi()["unit"] if u["id"] == unit_id)
    return next(p for p in organisasi()["pegawai"] if p["id"] == unit["kepala"])


def test_organisasi_has_the_units_of_the_sop() -> None:
    units = {u["id"]: u for u in organisasi()["unit"]}
    assert list(units) == UNIT_IDS
    assert [units[u]["nama"] for u in IRBAN] == [
        f"Inspektur Pembantu Wilayah {n}" for n in ("I", "II", "III", "IV")
    ]
    assert units["subbag-anev"]["nama"] == "Sub Bagian Analisis dan Evaluasi"
    assert units["subbag-auk"]["nama"] == "Sub Bagian Administrasi Umum dan Keuangan"
    for unit in units.values():
        assert unit.get("induk", "pimpinan") in units
        assert head(unit["id"])["unit"] == unit["id"], f"kepala {unit['id']} bukan anggotanya"
        if unit["id"] != "pimpinan":
            staff = [p for p in members(unit["id"]) if p["id"] != unit["kepala"]]
            assert 1 <= len(staff) <= 2, unit["id"]


def test_organisasi_people_are_consistent() -> None:
    people = organisasi()["pegawai"]
    ids = [p["id"] for p in people]
    assert len(ids) == len(set(ids))
    handles = [h.lower() for p in people for h in p.get("akun", [])]
    emails = [e.lower() for p in people for e in p.get("email", [])]
    assert len(handles) == len(set(handles))
    assert len(emails) == len(set(emails))
    assert all(p["unit"] in UNIT_IDS for p in people)
    assert all(e.endswith("@example.go.id") for e in emails)
    assert all(h.startswith("contoh-") for h in handles)
    inspektur = [p for p in people if "inspektur" in p["peran"]]
    assert inspektur == [
        {
            "id": "rusdiyanto",
            "nama": "RUSDIYANTO, S.H., M.Hum.",
            "nip": "19641112 199203 1 008",
            "pangkat": "Pembina Utama Muda (IV/c)",
            "jabatan": "Inspektur Daerah",
            "unit": "pimpinan",
            "peran": ["inspektur"],
            "akun": ["contoh-rusdiyanto"],
            "email": ["rusdiyanto@example.go.id"],
            "contoh": False,
        }
    ]
    # Everyone else is invented and says so.
    assert all(p.get("contoh") is True for p in people if p["id"] != "rusdiyanto")
    assert all("nip" not in p for p in people if p["id"] != "rusdiyanto")
    assert head("sekretariat")["peran"] == ["sekretaris"]
    assert all("kasubbag" in head(u)["peran"] for u in UNIT_IDS if u.startswith("subbag-"))
    assert all("irban" in head(u)["peran"] for u in IRBAN)
    assert any("penyusun" in p["peran"] for p in members("subbag-perencanaan"))
    admins = organisasi()["admin"]
    assert len(admins) == 1
    assert "admin" in next(p for p in people if p["id"] in admins)["peran"]


def test_organisasi_approvals_follow_the_sop() -> None:
    approvals = organisasi()["persetujuan"]
    assert approvals == {
        "permintaan": {"paraf": ["kepala:subbag-perencanaan"]},
        "submisi": {"paraf": ["kepala-unit"]},
        "analisis": {"paraf": ["sekretaris", "kepala:subbag-auk"], "pengesahan": ["inspektur"]},
    }
    people = organisasi()["pegawai"]
    for rule in approvals.values():
        for requirement in rule.get("paraf", []) + rule.get("pengesahan", []):
            if requirement.startswith("kepala:"):
                assert requirement.removeprefix("kepala:") in UNIT_IDS
            elif requirement != "kepala-unit":
                assert any(requirement in p["peran"] for p in people), requirement


def period_year(period: str) -> int:
    return int(period[:4])


def periods_of_year(year: int, frekuensi: str) -> list[str]:
    if frekuensi == "bulan":
        return [f"{year}-{month:02d}" for month in range(1, 13)]
    return [f"{year}-q{quarter}" for quarter in range(1, 5)]


def within(value: float, target: Any) -> bool:
    if isinstance(target, dict):
        return bool(target["min"] <= value <= target["max"])
    return bool(value == target)


def test_indikator_targets_are_consistent() -> None:
    indicators = shipped("submissions/indikator.yml")["indikator"]
    ids = [i["id"] for i in indicators]
    assert len(ids) == len(set(ids))
    for ind in indicators:
        name = ind["id"]
        assert set(ind["unit"]) <= set(UNIT_IDS) - {"pimpinan", "sekretariat"}, name
        low, high = ind["rentang"]["min"], ind["rentang"]["max"]
        covered: dict[int, set[str]] = {}
        for target in ind["target"]:
            year, nilai = target["tahun"], target["nilai"]
            owner = target.get("unit")
            assert owner is None or owner in ind["unit"], name
            covered.setdefault(year, set()).update([owner] if owner else ind["unit"])
            bounds = [nilai["min"], nilai["max"]] if isinstance(nilai, dict) else [nilai]
            assert bounds == sorted(bounds), name
            assert all(low <= b <= high for b in bounds), name
            per = target.get("periode", {})
            if ind["frekuensi"] == "tahun":
                assert per == {}, name
                continue
            expected = periods_of_year(year, ind["frekuensi"])
            assert set(per) <= set(expected), f"{name} {year}: periode lain tahun/frekuensi"
            assert all(low <= v <= high for v in per.values()), name
            if set(per) != set(expected):
                continue
            values = [per[p] for p in expected]
            if ind["agregasi"] == "jumlah":
                assert sum(values) == nilai, f"{name} {year} {owner}"
            elif ind["agregasi"] == "terakhir":
                assert within(values[-1], nilai), f"{name} {year}"
            else:
                assert within(statistics.fmean(values), nilai), f"{name} {year}"
        for year in (2024, 2025, 2026, 2027):
            assert covered.get(year) == set(ind["unit"]), f"{name}: target {year} tidak lengkap"


def test_indikator_catalogue_covers_what_an_inspektorat_reports() -> None:
    indicators = {i["id"]: i for i in shipped("submissions/indikator.yml")["indikator"]}
    assert len(indicators) >= 9
    assert indicators["jumlah-lhp"]["unit"] == IRBAN
    assert indicators["jumlah-lhe"]["unit"] == IRBAN
    assert all(
        t.get("unit") in IRBAN and t.get("periode") for t in indicators["jumlah-lhp"]["target"]
    )
    tl = indicators["persentase-tindak-lanjut"]
    assert (tl["satuan"], tl["agregasi"]) == ("persen", "terakhir")
    assert indicators["level-kapabilitas-apip"]["frekuensi"] == "tahun"
    assert indicators["maturitas-spip"]["frekuensi"] == "tahun"
    assert indicators["nilai-sakip"]["unit"] == ["subbag-anev"]
    anggaran = indicators["realisasi-anggaran"]
    assert (anggaran["satuan"], anggaran["frekuensi"], anggaran["unit"]) == (
        "persen",
        "bulan",
        ["subbag-auk"],
    )
    values = list(indicators.values())
    assert any(i["arah"] == "turun" for i in values)
    assert any(i["agregasi"] == "rata-rata" for i in values)
    assert any(isinstance(t["nilai"], dict) for i in values for t in i["target"])


def test_sop_flow_and_lanes_are_consistent() -> None:
    sop = shipped("docs/sop/pengumpulan-data-kinerja.yml")
    assert sop["id"] == "pengumpulan-data-kinerja"
    steps = sop["aktivitas"]
    assert [s["no"] for s in steps] == list(range(1, len(steps) + 1))
    assert [s["langkah"] for s in steps] == [
        "perintah",
        "kirim-subbag",
        "kirim-irban",
        "kumpul-irban",
        "kumpul-subbag",
        "analisis",
    ]
    assert [s["waktu_menit"] for s in steps] == [5, 5, 10, 480, 480, 480]
    assert [s["jenis"] for s in steps] == [
        "mulai",
        "proses",
        "proses",
        "proses",
        "proses",
        "selesai",
    ]
    numbers = {s["no"] for s in steps}
    assert all(set(s["lanjut_ke"]) <= numbers - {s["no"]} for s in steps)
    assert steps[-1]["lanjut_ke"] == []
    lanes = {lane["id"]: lane for lane in sop["pelaksana"]}
    assert [s["pelaksana"] for s in steps] == [
        "subbag-perencanaan",
        "penyusun-bahan",
        "penyusun-bahan",
        "irban",
        "subbag-anev-auk",
        "subbag-perencanaan",
    ]
    assert lanes["irban"]["unit"] == IRBAN
    assert lanes["subbag-anev-auk"]["unit"] == ["subbag-anev", "subbag-auk"]
    for lane in lanes.values():
        assert set(lane["unit"]) <= set(UNIT_IDS), lane["id"]
        for role in lane.get("peran", []):
            assert any(role in p["peran"] for u in lane["unit"] for p in members(u)), lane["id"]
    # The signatory on the SOP is the organisation's Inspektur.
    signer = sop["identitas"]["disahkan_oleh"]
    inspektur = head("pimpinan")
    assert (signer["nama"], signer["pangkat"], signer["nip"]) == (
        inspektur["nama"],
        inspektur["pangkat"],
        inspektur["nip"],
    )
    assert sop["identitas"]["nomor"] == "700 /3334.b/SOP/ Insp- PS/XI/ 2021"
    assert sop["identitas"]["tanggal_pembuatan"] == "2021-11-01"
    assert sop["identitas"]["tanggal_revisi"] == []
    assert [
        len(sop[key])
        for key in ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan")
    ] == [6, 4, 2, 4]
    assert [(c["pelaksana"], c["catatan"]) for c in sop["pencatatan"]] == [
        ("Inspektur", "Tanda Tangan"),
        ("Sekretaris PD", "Lembar Disposisi; Paraf"),
        ("Kasubbag Administrasi Umum dan Keuangan", "Lembar Disposisi; Paraf"),
    ]
