"""Predikat bands with both bounds: ``[min, maks)``, tiling 0..inf without gaps or overlaps.

A band's ``maks`` may be left out below the top band (it is then the next band's ``min``); when
written it must equal that ``min``. The top band has no ``maks``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any


@dataclass(frozen=True, slots=True)
class Bounded:
    nama: str
    min: float
    maks: float  # math.inf for the top band


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _fmt(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def tiling_problems(bands: Sequence[Mapping[str, Any]]) -> list[str]:
    """Indonesian descriptions of every gap, overlap or open end; empty when the bands tile."""
    rows = [(b, _num(b.get("min"))) for b in bands if isinstance(b, Mapping)]
    usable = sorted(((m, b) for b, m in rows if m is not None), key=lambda pair: pair[0])
    if not usable:
        return []
    problems = []
    if usable[0][0] > 0:
        problems.append(f"capaian di bawah {_fmt(usable[0][0])} tidak mendapat predikat")
    for (low, band), (high, upper) in pairwise(usable):
        name, next_name = band.get("nama"), upper.get("nama")
        if low == high:
            problems.append(f"'{name}' dan '{next_name}' sama-sama mulai dari {_fmt(low)}")
            continue
        maks = _num(band.get("maks"))
        if maks is None:
            continue
        if maks < high:
            problems.append(
                f"celah antara '{name}' (sampai di bawah {_fmt(maks)}) dan '{next_name}' "
                f"(mulai {_fmt(high)})"
            )
        elif maks > high:
            problems.append(
                f"'{name}' (sampai di bawah {_fmt(maks)}) tumpang tindih dengan '{next_name}' "
                f"(mulai {_fmt(high)})"
            )
    for low, band in usable:
        maks = _num(band.get("maks"))
        if maks is not None and maks <= low:
            problems.append(
                f"'{band.get('nama')}': maks {_fmt(maks)} tidak di atas min {_fmt(low)}"
            )
    top_low, top = usable[-1]
    top_maks = _num(top.get("maks"))
    if top_maks is not None and top_maks > top_low:
        problems.append(
            f"capaian {_fmt(top_maks)} ke atas tidak mendapat predikat (predikat tertinggi "
            f"'{top.get('nama')}' tanpa maks)"
        )
    return problems


def bounded(bands: Sequence[Mapping[str, Any]]) -> list[Bounded]:
    """The bands from lowest to highest, each with both bounds (the top one to infinity)."""
    usable = sorted(
        ((m, b) for b in bands if isinstance(b, Mapping) and (m := _num(b.get("min"))) is not None),
        key=lambda pair: pair[0],
    )
    out = []
    for index, (low, band) in enumerate(usable):
        upper = usable[index + 1][0] if index + 1 < len(usable) else math.inf
        out.append(Bounded(str(band.get("nama", "")), low, upper))
    return out
