"""Working time: office hours, Indonesian holidays and cuti bersama, in the office's time zone.

Used to measure each SOP step against its *mutu baku* (minutes of work) and to turn a
``tenggat`` into an instant. Start with :meth:`WorkCalendar.from_config`.
"""

from kinerja.timing.calendar import WorkCalendar
from kinerja.timing.config import CalendarError, ExtraDayOff, OfficeHours
from kinerja.timing.national import cuti_bersama_known, national_days_off

__all__ = [
    "CalendarError",
    "ExtraDayOff",
    "OfficeHours",
    "WorkCalendar",
    "cuti_bersama_known",
    "national_days_off",
]
