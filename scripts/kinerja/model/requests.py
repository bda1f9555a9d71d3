"""What a period asks of a unit: one rule, used by the templates, the forge and the validator.

A period's request (``permintaan.yml``) names, per recipient unit, the indicators and document
types it asks for. Without a request (or when the unit is not among its recipients) the default
is the unit's own indicators of the period's frequency: monthly indicators for a month, quarterly
ones for a quarter, and the annual ones in the period that ends in December.

The target a template shows follows the recap's rules (``recap/targets.py``): the unit's own
entry, else the instansi entry when the indicator is not additive or the unit is its only owner;
the per-period value when there is one, else the annual value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kinerja.model.indicators import Indicator, Target
from kinerja.model.periods import Period, parse_period

#: The document types a request may ask for (schema ``permintaan``).
DOCUMENT_KINDS = ("LHP", "LHE", "TLHP")
#: Classification of a document; the default when none is given comes first.
CLASSIFICATIONS = ("terbatas", "terbuka")


def frequencies(period: Period) -> frozenset[str]:
    """Which ``frekuensi`` a period asks for: its own, plus ``tahun`` in the period ending in
    December."""
    wanted = {"triwulan"} if period.quarterly else {"bulan"}
    if period.last_month == 12:
        wanted.add("tahun")
    return frozenset(wanted)


def own_indicators(indicators: Mapping[str, Indicator], unit: str, period: Period) -> list[str]:
    """The unit's indicators of the period's frequency, in catalogue order."""
    wanted = frequencies(period)
    return [i.id for i in indicators.values() if unit in i.unit and i.frekuensi in wanted]


def recipient(request: Mapping[str, Any] | None, unit: str) -> Mapping[str, Any] | None:
    """The request's entry for ``unit``, or ``None``."""
    if not request:
        return None
    for item in request.get("penerima") or []:
        if isinstance(item, Mapping) and item.get("unit") == unit:
            return item
    return None


@dataclass(frozen=True)
class Asked:
    """What one unit is asked for in one period."""

    indicators: tuple[str, ...]
    documents: tuple[str, ...]
    from_request: bool  # False: the default from indikator.yml (no request, or not a recipient)


def asked_of(
    indicators: Mapping[str, Indicator],
    unit: str,
    period: str,
    request: Mapping[str, Any] | None,
) -> Asked:
    """The indicator ids and document types asked of ``unit`` (see the module docstring)."""
    entry = recipient(request, unit)
    if entry is not None:
        return Asked(
            tuple(str(i) for i in entry.get("indikator") or []),
            tuple(str(d) for d in entry.get("dokumen") or []),
            True,
        )
    parsed = parse_period(period)
    own = own_indicators(indicators, unit, parsed) if parsed else []
    return Asked(tuple(own), (), False)


def _entry(indicator: Indicator, unit: str, year: int) -> Target | None:
    own = next((t for t in indicator.targets if t.tahun == year and t.unit == unit), None)
    if own is not None:
        return own
    shared = next((t for t in indicator.targets if t.tahun == year and not t.unit), None)
    if shared is None:
        return None
    additive = indicator.agregasi == "jumlah"
    return shared if (not additive or indicator.unit == (unit,)) else None


def unit_target(indicator: Indicator, unit: str, period: str) -> tuple[Any, bool] | None:
    """``(nilai, annual)``: the target that applies to ``unit`` in ``period``, and whether it is
    the annual one (no per-period value); ``None`` when there is no target."""
    parsed = parse_period(period)
    if parsed is None:
        return None
    entry = _entry(indicator, unit, parsed.year)
    if entry is None:
        return None
    if entry.periode and period in entry.periode:
        return entry.periode[period], False
    return entry.nilai, True
