"""Indonesian national days off, from the ``holidays`` package.

We do not keep our own holiday tables: the ``holidays`` package tracks every Keputusan Presiden
and SKB 3 Menteri, including *cuti bersama* (its ``government`` category, listed from 2002, the
first year collective leave was decreed). What it cannot know is a year whose SKB has not been
published yet; :func:`cuti_bersama_known` lets the site warn about that so an organisation can
add the days to ``libur_tambahan`` by hand.
"""

from __future__ import annotations

from datetime import date
from functools import cache

__all__ = ["FIRST_CUTI_BERSAMA_YEAR", "cuti_bersama_known", "national_days_off"]

FIRST_CUTI_BERSAMA_YEAR = 2002
"""Collective leave (cuti bersama) was first decreed in 2002; earlier years have none to miss."""

_COUNTRY = "ID"
_LANGUAGE = "id"  # names in Bahasa Indonesia, whatever the process locale is
_PUBLIC = "public"  # holidays.constants.PUBLIC: the public holidays
_GOVERNMENT = "government"  # holidays.constants.GOVERNMENT: cuti bersama for civil servants


@cache
def _category(year: int, category: str) -> tuple[tuple[date, str], ...]:
    """One category of one year, cached: building it costs about a millisecond.

    ``holidays`` is imported here, not at module level: loading it takes about a second, which
    commands that never measure time (validation, for one) should not pay.
    """
    import holidays  # deliberately lazy, see above

    found = holidays.country_holidays(_COUNTRY, years=year, categories=category, language=_LANGUAGE)
    return tuple(sorted(found.items()))


def national_days_off(year: int, *, include_cuti_bersama: bool = True) -> dict[date, str]:
    """Public holidays (and by default cuti bersama) of ``year``, date -> Indonesian name.

    Two holidays on the same date are joined with "; ". A new dict is returned each time, so
    callers may add their own days to it.
    """
    days: dict[date, str] = dict(_category(year, _PUBLIC))
    if include_cuti_bersama:
        for day, name in _category(year, _GOVERNMENT):
            days[day] = f"{days[day]}; {name}" if day in days else name
    return days


def cuti_bersama_known(year: int) -> bool:
    """Whether the installed ``holidays`` package lists the cuti bersama of ``year``.

    False for a year whose decree is not in the package yet (typically next year, before the
    SKB is signed, or the package is outdated): the calendar then counts those days as working
    days unless the organisation lists them in ``libur_tambahan``.
    """
    return year < FIRST_CUTI_BERSAMA_YEAR or bool(_category(year, _GOVERNMENT))
