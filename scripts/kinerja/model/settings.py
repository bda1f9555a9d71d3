"""Settings that differ between organisations: bands, working hours, limits.

The package's ``data/pengaturan.yml`` holds the defaults; ``organisasi.yml``'s ``pengaturan``
block overrides them key by key (a nested mapping merges, a list or a value replaces).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from kinerja.read import Limits
from kinerja.resources import data_dir
from kinerja.timing.zone import DEFAULT_ZONE, Zone


@cache
def default_settings_data() -> dict[str, Any]:
    from kinerja.read.yaml_strict import parse_yaml

    path = data_dir() / "pengaturan.yml"
    doc = parse_yaml(path.read_text(encoding="utf-8"), str(path))
    if doc.data is None:  # a broken package file is a programming error, not user input
        raise RuntimeError(f"{path}: {doc.findings}")
    data: dict[str, Any] = doc.data
    return data


#: Blocks an organisation states whole: a day missing from its ``jam_kerja`` is a day off, not
#: the default's hours for that day.
WHOLE_BLOCKS = frozenset({"jam_kerja"})


def merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if key in WHOLE_BLOCKS:
            out[key] = value
        elif isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


@dataclass(frozen=True)
class Band:
    min: float
    nama: str


@dataclass(frozen=True)
class Settings:
    raw: Mapping[str, Any]

    @classmethod
    def from_override(cls, override: Mapping[str, Any] | None) -> Settings:
        return cls(merge(default_settings_data(), override or {}))

    @property
    def timezone(self) -> str:
        return str(self.raw.get("zona_waktu", "Asia/Jakarta"))

    @property
    def zone(self) -> Zone:
        """The office zone with its label (WIB, WITA, WIT) for every time shown."""
        try:
            return Zone.of(self.timezone)
        except (ValueError, KeyError, OSError):  # reported by validate as pengaturan.zona_waktu
            return DEFAULT_ZONE

    @property
    def bands(self) -> tuple[Band, ...]:
        bands = [Band(float(b["min"]), str(b["nama"])) for b in self.raw.get("predikat", [])]
        return tuple(sorted(bands, key=lambda b: -b.min))

    def limit(self, name: str, default: int) -> int:
        value = self.raw.get("batas", {}).get(name, default)
        return int(value)

    @property
    def limits(self) -> Limits:
        return Limits(
            max_bytes=self.limit("ukuran_berkas_kb", 2048) * 1024,
            max_depth=self.limit("kedalaman_maks", 20),
            max_rows=self.limit("baris_maks", 5000),
        )
