"""The indicator catalogue and its targets (``indikator.yml``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: Plausible realisasi range per satuan when an indicator gives no ``rentang``.
DEFAULT_RANGES: Mapping[str, tuple[float, float | None]] = {
    "persen": (0.0, 100.0),
    "level": (0.0, 5.0),
    "indeks": (0.0, 100.0),
}


@dataclass(frozen=True)
class Target:
    tahun: int
    nilai: Any  # number or {"min": x, "max": y}
    unit: str | None = None
    periode: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class Indicator:
    id: str
    nama: str
    satuan: str
    arah: str
    agregasi: str
    frekuensi: str
    unit: tuple[str, ...]
    presisi: int
    rentang: tuple[float | None, float | None]
    targets: tuple[Target, ...]
    sumber_data: str = ""
    definisi: str = ""
    sasaran: str | None = None
    #: The Renstra's end-of-period target (see ``Renstra``); None when not set.
    target_renstra: float | None = None
    #: A budget indicator: the Laporan Kinerja shows it under "B. Realisasi Anggaran".
    anggaran: bool = False

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Indicator:
        satuan = data.get("satuan", "angka")
        default_low, default_high = DEFAULT_RANGES.get(satuan, (0.0, None))
        rentang = data.get("rentang") or {}
        return cls(
            id=data["id"],
            nama=data.get("nama", data["id"]),
            satuan=satuan,
            arah=data.get("arah", "naik"),
            agregasi=data.get("agregasi", "jumlah"),
            frekuensi=data.get("frekuensi", "triwulan"),
            unit=tuple(data.get("unit", ())),
            presisi=int(data.get("presisi", 2)),
            rentang=(rentang.get("min", default_low), rentang.get("max", default_high)),
            targets=tuple(
                Target(
                    tahun=int(t["tahun"]),
                    nilai=t.get("nilai"),
                    unit=t.get("unit"),
                    periode=t.get("periode"),
                )
                for t in data.get("target", [])
            ),
            sumber_data=data.get("sumber_data", ""),
            definisi=data.get("definisi", ""),
            sasaran=data.get("sasaran"),
            target_renstra=(
                float(data["target_renstra"]) if data.get("target_renstra") is not None else None
            ),
            anggaran=bool(data.get("anggaran", False)),
        )


@dataclass(frozen=True)
class Renstra:
    """The Renstra (medium-term strategic plan) period the indicators' ``target_renstra`` ends."""

    tahun_awal: int
    tahun_akhir: int
    nama: str = ""

    @classmethod
    def from_data(cls, data: Mapping[str, Any] | None) -> Renstra | None:
        if not isinstance(data, Mapping):
            return None
        first, last = data.get("tahun_awal"), data.get("tahun_akhir")
        if not isinstance(first, int) or not isinstance(last, int):
            return None
        name = str(data.get("nama") or f"Renstra {first}-{last}")
        return cls(tahun_awal=first, tahun_akhir=last, nama=name)


@dataclass(frozen=True)
class Sasaran:
    """A strategic goal (sasaran strategis) that indicators serve."""

    id: str
    nama: str
