"""The office's time zone and its Indonesian label (WIB, WITA, WIT), for every time shown.

One function gives the label (:func:`zone_label`); pages, CLI output, issues and messages take a
:class:`Zone` as an argument (from ``Settings.zone`` or ``WorkCalendar``) and never assume WIB.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

#: IANA zones of Indonesia and their legal names (Keppres 41/1987).
LABELS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Ujung_Pandang": "WITA",
    "Asia/Jayapura": "WIT",
}
DEFAULT_ZONE_NAME = "Asia/Jakarta"


def _offset_label(zone: tzinfo) -> str:
    return offset_label(datetime(2000, 1, 1, tzinfo=zone).utcoffset())


def offset_label(offset: timedelta | None) -> str:
    """``UTC+08.00``: a fixed offset from UTC, as written after a time."""
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}.{rest:02d}"


def zone_label(zone: str | tzinfo) -> str:
    """``WIB``/``WITA``/``WIT`` for the Indonesian zones; ``UTC+hh.mm`` for any other zone."""
    name = zone if isinstance(zone, str) else getattr(zone, "key", None)
    if name in LABELS:
        return LABELS[name]
    tz = ZoneInfo(zone) if isinstance(zone, str) else zone
    return _offset_label(tz)


@dataclass(frozen=True, slots=True)
class Zone:
    """A time zone with the label written after times shown in it."""

    tz: tzinfo
    label: str

    @classmethod
    def of(cls, zone: str | tzinfo) -> Zone:
        tz = ZoneInfo(zone) if isinstance(zone, str) else zone
        return cls(tz, zone_label(zone))


#: The package default (``pengaturan.yml``): only for callers that have no configuration at all.
DEFAULT_ZONE = Zone.of(DEFAULT_ZONE_NAME)
