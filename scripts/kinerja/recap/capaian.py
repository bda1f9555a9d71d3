"""Capaian (achievement) and predikat (band): the rules, one value at a time.

Standard library only. :mod:`kinerja.recap.capaian_vec` applies the very same rules to pandas
Series; a property test holds the two together.

The rules (DESIGN.md section 4, decisions written here because they are the contract):

* ``arah: naik`` (higher is better): ``realisasi / target x 100``.
* ``arah: turun`` (lower is better): ``(2 x target - realisasi) / target x 100``.
* The result is never negative: it is floored at 0. It is not capped unless ``cap`` is given
  (then ``min(capaian, cap)``, e.g. ``cap=100`` or ``cap=120``).
* A zero target is defined: with ``naik`` the target is met (100) when ``realisasi >= 0``, else 0;
  with ``turun`` it is met (100) when ``realisasi <= 0``, else 0. (A ratio to zero has no meaning,
  so the only thing a zero target can say is met / not met.)
* A negative target has no agreed meaning for these formulas: capaian is missing (``None``).
  The schema is expected to forbid it; the recap does not crash on it.
* A range target ``{min, max}``: a realisasi inside ``[min, max]`` gives 100. Outside, the
  direction's formula is applied against the *nearest bound*: below ``min`` against ``min``,
  above ``max`` against ``max``. So with ``naik`` being above the range gives more than 100 and
  below gives less; with ``turun`` the other way round. The function is continuous at both
  bounds. A range with ``min > max`` gives ``None``.
* A missing realisasi or target, or a value that is not a finite number, gives ``None``: never 0.
  An unknown ``arah`` gives ``None`` too.
* Predikat: the bands are ``{min, nama}`` thresholds applied to the *unrounded* capaian; a value
  takes the band with the highest ``min`` it reaches. With the Permendagri 86/2017 bands
  (91/76/66/51/0) a capaian of 90.5 or 90.99 is *Tinggi*, 91 is *Sangat Tinggi*. A capaian below
  every ``min`` (impossible with a band at 0) or a missing capaian has no predikat (``None``).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "ARAH",
    "DEFAULT_BANDS",
    "Band",
    "Range",
    "Target",
    "as_number",
    "capaian",
    "capaian_point",
    "normalise_bands",
    "parse_target",
    "predikat",
]

#: The directions an indicator can have.
ARAH = ("naik", "turun")


@dataclass(frozen=True)
class Range:
    """A target range ``{min, max}`` (inclusive)."""

    min: float
    max: float


#: A target is a number or a range.
Target = float | Range


@dataclass(frozen=True)
class Band:
    """One predikat band: a capaian of at least ``min`` gets ``nama``."""

    min: float
    nama: str


#: The default bands, Permendagri 86/2017. The configuration (``pengaturan.predikat``) overrides.
DEFAULT_BANDS: tuple[Band, ...] = (
    Band(91, "Sangat Tinggi"),
    Band(76, "Tinggi"),
    Band(66, "Sedang"),
    Band(51, "Rendah"),
    Band(0, "Sangat Rendah"),
)


def as_number(value: object) -> float | None:
    """``value`` as a finite float, or ``None`` (booleans and text are not numbers here)."""
    kind = type(value)
    if kind is float or kind is int:  # the common case, without the slower ABC check below
        number = float(value)  # type: ignore[arg-type]
        return number if math.isfinite(number) else None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def parse_target(nilai: object) -> Target | None:
    """A target ``nilai`` from indikator.yml (a number or ``{min, max}``) as a :data:`Target`."""
    if isinstance(nilai, Mapping):
        lo, hi = as_number(nilai.get("min")), as_number(nilai.get("max"))
        if lo is None or hi is None:
            return None
        return Range(lo, hi)
    return as_number(nilai)


def capaian_point(realisasi: float, target: float, arah: str) -> float | None:
    """Capaian against a single-number target, before the floor at 0 and the cap."""
    if target < 0:
        return None
    if arah == "naik":
        if target == 0:
            return 100.0 if realisasi >= 0 else 0.0
        return realisasi / target * 100.0
    if arah == "turun":
        if target == 0:
            return 100.0 if realisasi <= 0 else 0.0
        return (2.0 * target - realisasi) / target * 100.0
    return None


def capaian(
    realisasi: object,
    target: Target | object,
    arah: str,
    *,
    cap: float | None = None,
) -> float | None:
    """The capaian in percent, by the rules in the module docstring; ``None`` when undefined."""
    r = as_number(realisasi)
    if r is None:
        return None
    if isinstance(target, Range):
        lo, hi = target.min, target.max
        if not (math.isfinite(lo) and math.isfinite(hi)) or lo > hi:
            return None
        if lo <= r <= hi:
            value: float | None = 100.0 if arah in ARAH else None
        else:
            value = capaian_point(r, lo if r < lo else hi, arah)
    else:
        t = as_number(target)
        if t is None:
            return None
        value = capaian_point(r, t, arah)
    if value is None or not math.isfinite(value):
        return None
    value = max(value, 0.0)
    if cap is not None:
        value = min(value, cap)
    return value


def normalise_bands(bands: Iterable[Band | Mapping[str, Any]]) -> tuple[Band, ...]:
    """Bands from configuration (``{min, nama}`` mappings or :class:`Band`), highest ``min`` first.

    Sorting here means the configuration's order does not matter; a duplicate ``min`` keeps the
    first band given for it.
    """
    seen: dict[float, Band] = {}
    for item in bands:
        band = item if isinstance(item, Band) else Band(float(item["min"]), str(item["nama"]))
        seen.setdefault(float(band.min), band)
    return tuple(sorted(seen.values(), key=lambda b: b.min, reverse=True))


def predikat(
    value: float | None, bands: Sequence[Band | Mapping[str, Any]] = DEFAULT_BANDS
) -> str | None:
    """The band name for an (unrounded) capaian, or ``None`` if it is missing or below all bands."""
    number = as_number(value)
    if number is None:
        return None
    for band in normalise_bands(bands):
        if number >= band.min:
            return band.nama
    return None
