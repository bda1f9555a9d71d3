"""Western Indonesia Time (WIB), the zone the office works and reads times in.

WIB has been UTC+07:00 without daylight saving since 1964, so a fixed offset is exact for every
date this tracker handles and needs no tz database on the reader's machine.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from kinerja.model.periods import MONTHS
from kinerja.timing.zone import DEFAULT_ZONE, Zone

WIB = timezone(timedelta(hours=7), "WIB")


def to_wib(moment: datetime) -> datetime:
    return moment.astimezone(WIB)


def format_wib(moment: datetime) -> str:
    """``6 Oktober 2026 09.12 WIB``: the Indonesian way of writing a time of day."""
    local = moment.astimezone(WIB)
    return f"{local.day} {MONTHS[local.month - 1]} {local.year} {local:%H.%M} WIB"


def format_time(moment: datetime, zone: Zone = DEFAULT_ZONE) -> str:
    """``6 Oktober 2026 10.12 WITA``: a time of day in the office zone, labelled with it."""
    local = moment.astimezone(zone.tz)
    return f"{local.day} {MONTHS[local.month - 1]} {local.year} {local:%H.%M} {zone.label}"


def format_date(moment: datetime) -> str:
    local = moment.astimezone(WIB)
    return f"{local.day} {MONTHS[local.month - 1]} {local.year}"
