"""Times of day as the office reads them: in its zone, labelled WIB, WITA or WIT.

:func:`format_time` takes the office's :class:`~kinerja.timing.zone.Zone` (``Settings.zone``,
from ``pengaturan.zona_waktu``); nothing here assumes a zone. :data:`WIB` is the package
default's fixed offset (UTC+07:00, no daylight saving since 1964), kept for code that has no
office configuration at hand; it is not a presentation zone.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from kinerja.model.periods import MONTHS
from kinerja.timing.zone import DEFAULT_ZONE, Zone, offset_label

WIB = timezone(timedelta(hours=7), "WIB")


def format_time(moment: datetime, zone: Zone = DEFAULT_ZONE) -> str:
    """``6 Oktober 2026 10.12 WITA``: a time of day in the office zone, labelled with it."""
    local = moment.astimezone(zone.tz)
    return f"{local.day} {MONTHS[local.month - 1]} {local.year} {local:%H.%M} {zone.label}"


_OFFSET_LABELS = {timedelta(hours=7): "WIB", timedelta(hours=8): "WITA", timedelta(hours=9): "WIT"}


def stamp_as_written(moment: datetime) -> str:
    """``06-10-2026 09.12 WIT``: a time at the offset it was written with (the merge writes
    commit times in the office's zone), for messages made where the office's zone is not at
    hand; labelled WIB/WITA/WIT by offset, ``UTC+hh.mm`` otherwise."""
    offset = moment.utcoffset()
    label = _OFFSET_LABELS.get(offset) if offset is not None else None
    return f"{moment:%d-%m-%Y %H.%M} {label or offset_label(offset)}"
