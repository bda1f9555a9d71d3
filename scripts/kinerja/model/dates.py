"""How the office writes a moment and a day: ``6 Oktober 2026 09.12 WIB``.

Model knowledge, not page layout: the site, the CLI and the forge notices (issue text) all
write dates this way, so the rule lives here, below every one of them. The text is plain (no
markup); a presenter escapes it for its own layer.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from kinerja.model.periods import MONTHS, SHORT_MONTHS
from kinerja.timing.zone import DEFAULT_ZONE, Zone

__all__ = ["WIB", "day_text", "when_text"]

#: The office's time zone (Western Indonesia Time).
WIB = ZoneInfo("Asia/Jakarta")


def when_text(
    moment: datetime | None,
    *,
    zone: Zone = DEFAULT_ZONE,
    with_time: bool = True,
    short: bool = False,
) -> str:
    """A moment in the office zone: ``6 Oktober 2026 10.12 WITA`` (short: ``6 Okt 2026 10.12``,
    the column header names the zone); ``–`` for none. The zone comes from ``zona_waktu``
    (``Settings.zone``, ``Snapshot.zone``)."""
    if moment is None:
        return "–"
    local = moment.astimezone(zone.tz)
    month = (SHORT_MONTHS if short else MONTHS)[local.month - 1]
    day = f"{local.day} {month} {local.year}"
    if not with_time:
        return day
    return f"{day} {local:%H.%M}" if short else f"{day} {local:%H.%M} {zone.label}"


def day_text(value: date) -> str:
    """A calendar day: ``6 Oktober 2026``."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
