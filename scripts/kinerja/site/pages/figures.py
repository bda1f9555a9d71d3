"""Panduan "Cara angka dihitung": the capaian rules, the bands and the working calendar in force,
with a worked example from the office's OWN indicators (generated at build time, never a
hand-written page that could speak for another office).

The rules are those of :mod:`kinerja.recap.capaian` (its docstring is the contract) and
:mod:`kinerja.recap.ytd`; the example figures are computed by the same functions.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from kinerja.model.bands import bounded
from kinerja.model.indicators import Indicator
from kinerja.recap.capaian import capaian, parse_target, predikat
from kinerja.site.html import block, esc, number, table
from kinerja.site.pages._common import example_notice
from kinerja.snapshot import Snapshot
from kinerja.timing.config import DAY_KEYS

HERE = "panduan/cara-menghitung.md"
_DAY_NAMES = {
    "senin": "Senin",
    "selasa": "Selasa",
    "rabu": "Rabu",
    "kamis": "Kamis",
    "jumat": "Jumat",
    "sabtu": "Sabtu",
    "minggu": "Minggu",
}
_AGGREGATION = {
    "jumlah": "nilai semua periode tahun itu sampai periode tersebut dijumlahkan",
    "terakhir": "dipakai nilai terakhir yang sudah dilaporkan",
    "rata-rata": "dipakai rata-rata nilai yang sudah dilaporkan",
}

RULES = """\
## Aturan capaian

* **Makin tinggi makin baik** (`arah: naik`): capaian = realisasi ÷ target × 100.
* **Makin rendah makin baik** (`arah: turun`): capaian = (2 × target − realisasi) ÷ target × 100.
* **Tidak pernah negatif**: capaian di bawah 0 dicatat 0.
* **Tanpa batas atas**: capaian boleh lebih dari 100 (realisasi melampaui target); tidak
  dipotong menjadi 100.
* **Target nol**: pembagian dengan nol tidak bermakna, jadi hanya "tercapai" (100) atau "tidak"
  (0). Arah naik: tercapai bila realisasi ≥ 0. Arah turun: tercapai bila realisasi ≤ 0.
* **Target rentang** (`{min, max}`): realisasi di dalam rentang mendapat 100. Di luar rentang,
  rumus arahnya dipakai terhadap batas terdekat: di bawah min terhadap min, di atas max
  terhadap max.
* **Data kosong bukan nol**: realisasi atau target yang tidak ada membuat capaian kosong (–),
  tidak pernah 0.
* **Predikat** memakai capaian sebelum dibulatkan.
"""

YTD = """\
## Kumulatif sampai periode (s.d.)

Setiap indikator digabung menurut `agregasi`-nya: **jumlah** menjumlahkan nilai semua periode
tahun itu sampai periode tersebut; **terakhir** memakai nilai terakhir yang sudah dilaporkan;
**rata-rata** memakai rata-rata nilai yang sudah dilaporkan. Periode tanpa nilai dilewati, tidak
dihitung 0. Targetnya target tahunan; untuk agregasi jumlah, capaian s.d. triwulan I sebesar 25%
berarti sesuai jalur, bukan penilaian akhir.
"""


def _fmt(value: float) -> str:
    return number(value, 0 if float(value).is_integer() else 2)


def _year_target(indicator: Indicator, year: int) -> tuple[int, Any] | None:
    targets = [t for t in indicator.targets if t.unit is None] or list(indicator.targets)
    if not targets:
        return None
    chosen = min(targets, key=lambda t: (abs(t.tahun - year), -t.tahun))
    return chosen.tahun, chosen.nilai


def _example(indicator: Indicator, year: int, bands: Sequence[Mapping[str, Any]]) -> str | None:
    found = _year_target(indicator, year)
    if found is None:
        return None
    tahun, nilai = found
    target = parse_target(nilai)
    if target is None:
        return None
    if isinstance(nilai, Mapping):
        low, high = float(nilai["min"]), float(nilai["max"])
        shown = f"rentang {_fmt(low)}–{_fmt(high)}"
        realisasi = low * 0.9 if low > 0 else high + 1
    else:
        base = float(nilai)
        shown = _fmt(base)
        realisasi = base * (0.9 if indicator.arah == "naik" else 1.1) if base else 1.0
    realisasi = round(realisasi, max(indicator.presisi, 0))
    value = capaian(realisasi, target, indicator.arah)
    band = predikat(value, [{"min": b["min"], "nama": b["nama"]} for b in bands])
    direction = "makin tinggi makin baik" if indicator.arah == "naik" else "makin rendah makin baik"
    result = "–" if value is None else f"{number(value, 2)}%"
    return (
        f"* **{esc(indicator.nama)}** (`{esc(indicator.id)}`, {direction}): target {tahun} "
        f"{shown} {esc(indicator.satuan)}; misalkan realisasi {_fmt(realisasi)} → capaian "
        f"**{result}**, predikat **{esc(band or '–')}**. Kumulatif: "
        f"{_AGGREGATION.get(indicator.agregasi, indicator.agregasi)}.\n"
    )


def _examples(snapshot: Snapshot, bands: Sequence[Mapping[str, Any]]) -> str:
    config = snapshot.tracker.config
    if config is None or not config.indicators:
        return "Belum ada indikator di `submissions/indikator.yml`.\n\n"
    picked: list[Indicator] = []
    kinds: tuple[Callable[[Indicator], bool], ...] = (
        lambda i: i.arah == "naik" and not _is_range(i, snapshot.now.year),
        lambda i: i.arah == "turun",
        lambda i: _is_range(i, snapshot.now.year),
        lambda i: _zero(i, snapshot.now.year),
    )
    for wanted in kinds:
        for indicator in config.indicators.values():
            if wanted(indicator) and indicator not in picked:
                picked.append(indicator)
                break
    lines = [_example(i, snapshot.now.year, bands) for i in picked]
    shown = [line for line in lines if line]
    if not shown:
        return "Indikator kantor ini belum memiliki target.\n\n"
    return (
        "## Contoh dari indikator kantor ini\n\nRealisasi di bawah ini hanya misalan untuk "
        "memperlihatkan rumusnya; angka sebenarnya ada di halaman Indikator.\n\n"
        + "".join(shown)
        + "\n"
    )


def _is_range(indicator: Indicator, year: int) -> bool:
    found = _year_target(indicator, year)
    return bool(found and isinstance(found[1], Mapping))


def _zero(indicator: Indicator, year: int) -> bool:
    found = _year_target(indicator, year)
    return bool(found and not isinstance(found[1], Mapping) and found[1] == 0)


def _bands_block(bands: Sequence[Mapping[str, Any]]) -> str:
    rows = [
        [
            esc(b.nama),
            f"{_fmt(b.min)}%",
            "tanpa batas atas" if math.isinf(b.maks) else f"di bawah {_fmt(b.maks)}%",
        ]
        for b in reversed(bounded(bands))
    ]
    return "## Predikat yang berlaku\n\n" + block(
        table(
            ["Predikat", "Capaian paling rendah", "Capaian paling tinggi"],
            rows,
            caption="Predikat capaian (pengaturan.predikat)",
        )
    )


def _calendar_block(snapshot: Snapshot) -> str:
    settings = snapshot.tracker.config.settings.raw if snapshot.tracker.config else {}
    hours = settings.get("jam_kerja") or {}
    rows = []
    for key in DAY_KEYS:
        day = hours.get(key) if isinstance(hours, Mapping) else None
        text = f"{day[0]}–{day[1]}" if isinstance(day, list) and len(day) == 2 else "libur"
        rows.append([_DAY_NAMES.get(key, key), esc(text)])
    year = snapshot.now.year
    calendar = snapshot.calendar
    own = {
        str(item.get("tanggal")): str(item.get("nama", ""))
        for item in settings.get("libur_tambahan") or []
        if isinstance(item, Mapping)
    }
    days = calendar.days_off_between(date(year, 1, 1), date(year, 12, 31))
    holiday_rows = [
        [
            esc(f"{d.day:02d}-{d.month:02d}-{d.year}"),
            esc(name),
            "libur kantor ini" if d.isoformat() in own else "nasional / cuti bersama",
        ]
        for d, name in days
    ]
    zone = snapshot.zone
    out = [
        f"## Kalender kerja {year}\n\nWaktu dihitung dalam zona **{esc(zone.label)}** "
        f"(`{esc(str(settings.get('zona_waktu', '')))}`). Lama setiap langkah SOP dan tenggat "
        "dihitung dalam jam kerja berikut; hari libur tidak dihitung.\n",
        block(table(["Hari", f"Jam kerja ({zone.label})"], rows, caption="Jam kerja")),
    ]
    if not calendar.cuti_bersama_known(year):
        out.append(
            f"Cuti bersama {year} belum diketahui pelacak; tuliskan di `libur_tambahan` bila "
            "sudah ditetapkan.\n\n"
        )
    if holiday_rows:
        out.append(
            block(
                table(
                    ["Tanggal", "Nama", "Jenis"],
                    holiday_rows,
                    caption=f"Hari libur {year} (nasional, cuti bersama dan libur kantor)",
                )
            )
        )
    return "".join(out)


def pages(snapshot: Snapshot) -> dict[str, str | bytes]:
    settings = snapshot.tracker.config.settings.raw if snapshot.tracker.config else {}
    bands = [b for b in settings.get("predikat") or [] if isinstance(b, Mapping)]
    name = snapshot.tracker.config.organisation.nama if snapshot.tracker.config else ""
    parts = [
        "# Cara angka dihitung\n\n",
        example_notice(snapshot),
        f"Halaman ini dibuat dari pengaturan {esc(name)} saat situs dibangun: rumus capaian, "
        "predikat dan kalender kerja yang berlaku.\n\n",
        RULES,
        "\n",
        _examples(snapshot, bands),
        YTD,
        "\n",
        _bands_block(bands),
        _calendar_block(snapshot),
    ]
    return {HERE: "".join(parts)}
