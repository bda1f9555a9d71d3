"""Which target applies to a row of the recap: the rules, and tables to merge them in.

indikator.yml holds, per indicator and year, target entries that are either for one unit
(``unit: wilayah-1``) or for the whole instansi (no ``unit``), each with an annual ``nilai`` and
optional per-period values (``periode: {2026-q1: 3}``). The rules:

* **A unit's target** for a year is its own entry. Without one, the instansi entry applies to the
  unit when the indicator is *not additive* (``agregasi`` ``terakhir`` or ``rata-rata``: a level or
  a percentage that every unit should reach), or when the unit is the indicator's *only* owner. An
  additive (``jumlah``) instansi target is never handed to one of several units: 48 LHP for the
  instansi is not 48 LHP for one unit.
* **The instansi's target** for a year is the entry without ``unit``. Without one, for a ``jumlah``
  indicator it is the sum of the owners' annual targets when every owner has a single-number target;
  otherwise there is none.
* **A period's target** for a unit is the per-period value of the unit's entry (chosen as above).
  Without one: a ``jumlah`` indicator has *no* period target (its annual total cannot be pro-rated
  honestly: work is not spread evenly over the year), so the period capaian is missing and only the
  year-to-date capaian against the annual target is shown; a ``terakhir`` or ``rata-rata`` indicator
  uses the annual target in every period.
* A missing target is missing (NaN), never 0. The first entry given for a (year, unit) wins; the
  validator reports duplicates.

Loops here run over the indicator catalogue (tens of indicators, a few years and units), not over
the submissions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from kinerja.recap.capaian import Range, Target, parse_target

__all__ = ["annual_targets", "instansi_targets", "period_targets", "split_target"]

_NAN = float("nan")


def split_target(target: Target | None) -> tuple[float, float, float]:
    """A target as ``(nilai, min, max)``: a number fills ``nilai``, a range the other two."""
    if isinstance(target, Range):
        return (_NAN, target.min, target.max)
    if target is None:
        return (_NAN, _NAN, _NAN)
    return (float(target), _NAN, _NAN)


class _Catalogue:
    """Indicator targets indexed for the resolution rules; entry ids number the entries."""

    def __init__(self, indicators: Iterable[Mapping[str, Any]]) -> None:
        self.owners: dict[str, list[str]] = {}
        self.agregasi: dict[str, str] = {}
        self.unit_entry: dict[tuple[str, int, str], int] = {}
        self.instansi_entry: dict[tuple[str, int], int] = {}
        self.annual: dict[int, Target | None] = {}
        self.periods: dict[int, Mapping[str, Any]] = {}
        entry = 0
        for ind in indicators:
            ident = str(ind.get("id"))
            if ident in self.owners:
                continue
            self.owners[ident] = [str(u) for u in ind.get("unit") or []]
            self.agregasi[ident] = str(ind.get("agregasi"))
            for item in ind.get("target") or []:
                if not isinstance(item, Mapping) or not isinstance(item.get("tahun"), int):
                    continue
                tahun = int(item["tahun"])
                unit = item.get("unit")
                key_taken = (
                    (ident, tahun, str(unit)) in self.unit_entry
                    if unit
                    else (ident, tahun) in self.instansi_entry
                )
                if key_taken:
                    continue
                if unit:
                    self.unit_entry[(ident, tahun, str(unit))] = entry
                else:
                    self.instansi_entry[(ident, tahun)] = entry
                self.annual[entry] = parse_target(item.get("nilai"))
                periode = item.get("periode")
                self.periods[entry] = periode if isinstance(periode, Mapping) else {}
                entry += 1

    def unit_entry_for(self, ident: str, tahun: int, unit: str) -> int | None:
        own = self.unit_entry.get((ident, tahun, unit))
        if own is not None:
            return own
        shared = self.instansi_entry.get((ident, tahun))
        if shared is None:
            return None
        additive = self.agregasi.get(ident) == "jumlah"
        sole_owner = self.owners.get(ident) == [unit]
        return shared if (not additive or sole_owner) else None

    def instansi_for(self, ident: str, tahun: int) -> Target | None:
        shared = self.instansi_entry.get((ident, tahun))
        if shared is not None:
            return self.annual[shared]
        if self.agregasi.get(ident) != "jumlah" or not self.owners.get(ident):
            return None
        total = 0.0
        for unit in self.owners[ident]:
            entry = self.unit_entry.get((ident, tahun, unit))
            value = None if entry is None else self.annual[entry]
            if value is None or isinstance(value, Range):
                return None
            total += value
        return total


def annual_targets(indicators: Iterable[Mapping[str, Any]], combos: pd.DataFrame) -> pd.DataFrame:
    """For each (indikator, tahun, unit) in ``combos``: the entry id and the annual target.

    Columns: indikator, tahun, unit, entri (nullable int), t_tahun, t_tahun_min, t_tahun_max.
    """
    cat = _Catalogue(indicators)
    rows = []
    for ident, tahun, unit in combos[["indikator", "tahun", "unit"]].itertuples(
        index=False, name=None
    ):
        entry = cat.unit_entry_for(str(ident), int(tahun), str(unit))
        annual = None if entry is None else cat.annual[entry]
        rows.append((ident, tahun, unit, entry, *split_target(annual)))
    frame = pd.DataFrame(
        rows,
        columns=["indikator", "tahun", "unit", "entri", "t_tahun", "t_tahun_min", "t_tahun_max"],
    )
    frame["entri"] = pd.array([np.nan if e is None else e for e in frame["entri"]], dtype="Int64")
    return frame.astype({"indikator": "str", "unit": "str", "tahun": "int64"})


def period_targets(indicators: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Every per-period target value: columns entri, periode, t_periode, t_periode_min/max."""
    cat = _Catalogue(indicators)
    rows = [
        (entry, str(periode), *split_target(parse_target(nilai)))
        for entry, values in cat.periods.items()
        for periode, nilai in values.items()
    ]
    frame = pd.DataFrame(
        rows, columns=["entri", "periode", "t_periode", "t_periode_min", "t_periode_max"]
    )
    frame["entri"] = frame["entri"].astype("Int64")
    return frame.astype({"periode": "str"}).drop_duplicates(["entri", "periode"])


def instansi_targets(indicators: Iterable[Mapping[str, Any]], combos: pd.DataFrame) -> pd.DataFrame:
    """For each (indikator, tahun) in ``combos``: the instansi's annual target.

    Columns: indikator, tahun, target, target_min, target_max.
    """
    cat = _Catalogue(indicators)
    rows = [
        (ident, tahun, *split_target(cat.instansi_for(str(ident), int(tahun))))
        for ident, tahun in combos[["indikator", "tahun"]].itertuples(index=False, name=None)
    ]
    frame = pd.DataFrame(rows, columns=["indikator", "tahun", "target", "target_min", "target_max"])
    return frame.astype({"indikator": "str", "tahun": "int64"})
