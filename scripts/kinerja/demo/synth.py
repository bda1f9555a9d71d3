"""A synthetic organisation and indicator catalogue of any size, for tests and benchmarks.

The shipped organisation stays (its leaders, Subbag Perencanaan and the approval rules, which the
SOP and the paraf need); ``unit-001``... with a head and two staff each are added, and the
indicator catalogue is replaced by ``indicators_per_unit`` indicators that every synthetic unit
reports, with targets for every year. Everything is marked as example data.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Mapping, Sequence
from typing import Any

from kinerja.demo.model import Scale

FIRST = (
    "Ahmad",
    "Andi",
    "Budi",
    "Dedi",
    "Dewi",
    "Elsa",
    "Fajar",
    "Fitri",
    "Gusti",
    "Hendra",
    "Indah",
    "Irwan",
    "Joni",
    "Kurnia",
    "Lina",
    "Mira",
    "Nanda",
    "Oktavia",
    "Putri",
    "Rahmat",
    "Rina",
    "Rudi",
    "Sari",
    "Syahrul",
    "Taufik",
    "Vina",
    "Wahyu",
    "Yanti",
    "Yudi",
    "Zulfikar",
)
LAST = (
    "Saputra",
    "Putri",
    "Hidayat",
    "Pratama",
    "Sari",
    "Kurniawan",
    "Wahyuni",
    "Syafri",
    "Fitriani",
    "Yusuf",
    "Rahman",
    "Anggraini",
    "Permana",
    "Lestari",
    "Marlina",
    "Effendi",
)
INDICATOR_KINDS = (
    # name template, satuan, arah, agregasi, presisi, (min, max), base target
    ("Persentase {t}", "persen", "naik", "terakhir", 2, (0, 100), 80.0),
    ("Jumlah {t}", "kegiatan", "naik", "jumlah", 0, (0, 1000), 12.0),
    ("Indeks {t}", "indeks", "naik", "rata-rata", 2, (0, 100), 75.0),
    ("Rata-rata waktu {t}", "hari", "turun", "rata-rata", 1, (0, 250), 20.0),
    ("Jumlah temuan berulang {t}", "angka", "turun", "jumlah", 0, (0, 500), 6.0),
)
TOPICS = (
    "penyelesaian laporan hasil pengawasan",
    "rekomendasi yang ditindaklanjuti",
    "pendampingan perangkat daerah",
    "reviu laporan keuangan",
    "pengaduan masyarakat yang ditangani",
    "kepatuhan penyampaian LHKPN",
    "konsultasi pengadaan barang/jasa",
    "penilaian risiko perangkat daerah",
    "pemantauan dana desa",
    "evaluasi program prioritas",
    "sosialisasi SPIP",
    "reviu RKA perangkat daerah",
)
UNIT_PREFIX = "unit-"


def unit_id(index: int) -> str:
    return f"{UNIT_PREFIX}{index:03d}"


def _person(pid: str, nama: str, jabatan: str, unit: str, peran: str) -> dict[str, Any]:
    return {
        "id": pid,
        "nama": nama,
        "jabatan": jabatan,
        "unit": unit,
        "peran": [peran],
        "akun": [f"contoh-{pid}"],
        "email": [f"{pid}@example.go.id"],
        "contoh": True,
    }


def organisation(base: Mapping[str, Any], scale: Scale, rng: random.Random) -> dict[str, Any]:
    """``base`` (the shipped organisation) plus the synthetic units and their people."""
    data = copy.deepcopy(dict(base))
    people: list[dict[str, Any]] = list(data.get("pegawai", []))
    units: list[dict[str, Any]] = list(data.get("unit", []))
    taken = {p["id"] for p in people}
    parent = "pimpinan" if any(u.get("id") == "pimpinan" for u in units) else None
    counter = 0
    for index in range(1, scale.units + 1):
        uid = unit_id(index)
        members: list[str] = []
        for role, jabatan in (("irban", "Kepala Unit"), ("staf", "Auditor"), ("staf", "Auditor")):
            counter += 1
            first, last = rng.choice(FIRST), rng.choice(LAST)
            pid = f"{first}-{last}".lower()
            if pid in taken:
                pid = f"{pid}-{counter}"
            taken.add(pid)
            people.append(_person(pid, f"{first} {last}", f"{jabatan} {uid}", uid, role))
            members.append(pid)
        unit: dict[str, Any] = {
            "id": uid,
            "nama": f"Unit Contoh {index:03d}",
            "singkatan": f"Unit {index:03d}",
            "jenis": "irban",
            "kepala": members[0],
        }
        if parent:
            unit["induk"] = parent
        units.append(unit)
    data["pegawai"] = people
    data["unit"] = units
    return data


def _period_ids(year: int, monthly: bool) -> list[str]:
    if monthly:
        return [f"{year}-{m:02d}" for m in range(1, 13)]
    return [f"{year}-q{q}" for q in range(1, 5)]


def indicators(
    scale: Scale, units: Sequence[str], years: Sequence[int], rng: random.Random
) -> dict[str, Any]:
    """A catalogue of ``scale.indicators_per_unit`` indicators reported by all ``units``."""
    items: list[dict[str, Any]] = []
    frequency = "bulan" if scale.monthly else "triwulan"
    per_year = 12 if scale.monthly else 4
    for index in range(1, scale.indicators_per_unit + 1):
        template, satuan, arah, agregasi, presisi, (low, high), base = INDICATOR_KINDS[
            (index - 1) % len(INDICATOR_KINDS)
        ]
        topic = TOPICS[((index - 1) // len(INDICATOR_KINDS)) % len(TOPICS)]
        targets: list[dict[str, Any]] = []
        for year in years:
            level = round(base * rng.uniform(0.9, 1.1), presisi)
            annual = level * per_year if agregasi == "jumlah" else level
            target: dict[str, Any] = {"tahun": year, "nilai": _num(annual, presisi)}
            if agregasi == "jumlah":
                target["periode"] = {
                    pid: _num(level, presisi) for pid in _period_ids(year, scale.monthly)
                }
            targets.append(target)
        items.append(
            {
                "id": f"indikator-{index:03d}",
                "nama": f"{template.format(t=topic)} (indikator contoh {index:03d})",
                "satuan": satuan,
                "arah": arah,
                "agregasi": agregasi,
                "frekuensi": frequency,
                "unit": list(units),
                "sumber_data": "Data contoh sintetis",
                "presisi": presisi,
                "rentang": {"min": low, "max": high},
                "target": targets,
            }
        )
    return {"versi": 1, "indikator": items}


def _num(value: float, presisi: int) -> int | float:
    return round(value) if presisi == 0 else round(value, presisi)


ORGANISATION_HEADER = (
    "DATA CONTOH SINTETIS, dibuat oleh `kinerja demo` untuk uji dan tolok ukur.\n"
    "Susunan organisasi bawaan ditambah unit-001 dan seterusnya; semua pegawai tambahan rekaan."
)
INDICATORS_HEADER = (
    "DATA CONTOH SINTETIS, dibuat oleh `kinerja demo` untuk uji dan tolok ukur.\n"
    "Semua indikator dan target di sini rekaan."
)
