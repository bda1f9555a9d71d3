"""Working time of an Indonesian office: how long a SOP step took, in the office's minutes.

The SOP gives every step a *mutu baku* in minutes of work, so a step started on Friday at 16:00
and finished on Monday at 08:00 took 60 minutes, not three days. :class:`WorkCalendar` measures
that: office hours per weekday in the office's time zone, national holidays and cuti bersama
(see :mod:`kinerja.timing.national`), and the organisation's own extra days off and extra
working days.

How it stays fast: for each year we build, once, the cumulative working time before every day
of that year. The working time from the start of the year to any instant is then one table
look-up plus the part of that day already worked, and the working time between two instants is
a difference of two such positions (plus whole years in between). A span of months costs the
same as a span of minutes, and additivity holds exactly because everything is integer
microseconds.

Time is measured on the office's wall clock. The Indonesian zones (WIB, WITA, WIT) have no
daylight saving time, so that is also elapsed time; in a zone with DST a change that falls
inside office hours would be off by the change (results are still never negative).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from itertools import accumulate
from types import MappingProxyType

from kinerja.timing.config import (
    CalendarError,
    ExtraDayOff,
    OfficeHours,
    parse_date,
    parse_settings,
)
from kinerja.timing.national import cuti_bersama_known, national_days_off

__all__ = ["WorkCalendar"]

_US_PER_MINUTE = 60_000_000
_ONE_US = timedelta(microseconds=1)
_DATE_TIME_TEXT = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$")


@dataclass(frozen=True)
class _Year:
    """Per-day working time of one calendar year, in microseconds."""

    first_ordinal: int
    opens: tuple[int, ...]  # office opening, microseconds after midnight, per day of the year
    lengths: tuple[int, ...]  # working time of each day; 0 for a day off
    cumulative: tuple[int, ...]  # working time before each day; one more entry than days
    days_off: Mapping[date, str]  # named days off actually taken (extra working days removed)

    @property
    def total(self) -> int:
        return self.cumulative[-1]


@dataclass(frozen=True)
class WorkCalendar:
    """An office's working time. Immutable; per-year tables are computed lazily and cached.

    Build it from configuration with :meth:`from_config`. All instants given to it must be
    timezone-aware (any zone); instants it returns are in the office zone.
    """

    zone: tzinfo
    week: tuple[OfficeHours | None, ...]  # Monday first; None = day off
    extra_days_off: tuple[ExtraDayOff, ...] = ()
    extra_working_days: frozenset[date] = frozenset()
    include_cuti_bersama: bool = True
    _years: dict[int, _Year] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        if len(self.week) != 7:
            raise ValueError("week must have 7 entries, Monday first")
        if all(hours is None for hours in self.week):
            raise ValueError("week must have at least one working day")
        clash = {d.tanggal for d in self.extra_days_off} & self.extra_working_days
        if clash:
            raise ValueError(f"dates both off and working: {sorted(clash)}")

    @classmethod
    def from_config(
        cls, config: Mapping[str, object], *, include_cuti_bersama: bool = True
    ) -> WorkCalendar:
        """Build from a ``pengaturan`` mapping (keys ``zona_waktu``, ``jam_kerja``,
        ``libur_tambahan``, ``hari_kerja_tambahan``; other keys are ignored).

        Raises :class:`~kinerja.timing.config.CalendarError` (a ``ValueError``) with an
        Indonesian message naming the field when the configuration is unusable.
        """
        settings = parse_settings(config)
        return cls(
            zone=settings.zone,
            week=settings.week,
            extra_days_off=settings.extra_days_off,
            extra_working_days=settings.extra_working_days,
            include_cuti_bersama=include_cuti_bersama,
        )

    # -- days --------------------------------------------------------------------------------

    def office_hours(self, day: date) -> OfficeHours | None:
        """The office hours that apply on ``day``, or None when it is not a working day."""
        local = self._as_date(day)
        table = self._year(local.year)
        index = local.toordinal() - table.first_ordinal
        if table.lengths[index] == 0:
            return None
        return self._hours_of_working_day(local)

    def is_working_day(self, day: date) -> bool:
        """Whether the office works on ``day`` (an aware datetime counts by its office date)."""
        local = self._as_date(day)
        table = self._year(local.year)
        return table.lengths[local.toordinal() - table.first_ordinal] > 0

    def holiday_name(self, day: date) -> str | None:
        """Indonesian name of the holiday, cuti bersama or extra day off that closes the office
        on ``day``; None on working days and on plain weekends."""
        local = self._as_date(day)
        return self._year(local.year).days_off.get(local)

    def days_off_between(self, first: date, last: date) -> list[tuple[date, str]]:
        """Named days off from ``first`` to ``last`` inclusive, in date order (for displays)."""
        found: list[tuple[date, str]] = []
        for year in range(first.year, last.year + 1):
            days_off = self._year(year).days_off
            found.extend((d, n) for d, n in sorted(days_off.items()) if first <= d <= last)
        return found

    def cuti_bersama_known(self, year: int) -> bool:
        """Whether the cuti bersama of ``year`` are known (always True when they are not used).

        When False, the site should ask the organisation to list them in ``libur_tambahan``.
        """
        return not self.include_cuti_bersama or cuti_bersama_known(year)

    def end_of_working_day(self, day: date) -> datetime:
        """The instant a deadline given as a bare date falls due: the close of office that day.

        On a day off there is no close of office; the whole day then counts, so the deadline is
        the last instant of that date (no working time passes until the next working day
        either way).
        """
        local = self._as_date(day)
        hours = self.office_hours(local)
        if hours is None:
            return datetime.combine(local, time.max, tzinfo=self.zone)
        midnight = datetime.combine(local, time.min, tzinfo=self.zone)
        return midnight + timedelta(minutes=hours.closes)

    def deadline_from_text(self, text: str) -> datetime:
        """A ``tenggat`` as written in ``permintaan.yml``: "YYYY-MM-DD" (the close of office that
        day, see :meth:`end_of_working_day`) or "YYYY-MM-DDTHH:MM" in the office zone."""
        field_name = "tenggat"
        match = _DATE_TIME_TEXT.match(text)
        if match is None:
            return self.end_of_working_day(parse_date(text, field_name))
        day = parse_date(match.group(1), field_name)
        hour, minute = int(match.group(2)), int(match.group(3))
        if hour > 23 or minute > 59:
            raise CalendarError(field_name, f"jam {hour:02d}:{minute:02d} tidak sah")
        return datetime.combine(day, time(hour, minute), tzinfo=self.zone)

    # -- instants ----------------------------------------------------------------------------

    def working_time(self, start: datetime, end: datetime) -> timedelta:
        """Exact working time between two aware instants; zero when ``end <= start``."""
        local_start, local_end = self._local(start), self._local(end)
        if local_end <= local_start:
            return timedelta(0)
        start_year, start_position = self._position(local_start)
        end_year, end_position = self._position(local_end)
        total = end_position - start_position
        for year in range(start_year, end_year):
            total += self._year(year).total
        return timedelta(microseconds=max(total, 0))

    def working_minutes(self, start: datetime, end: datetime) -> float:
        """Working minutes between two aware instants (fractional for seconds); 0 if end <= start.

        This is the figure shown beside a step's *mutu baku*.
        """
        return self.working_time(start, end) / timedelta(minutes=1)

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """The earliest instant at which ``amount`` of working time has passed since ``start``.

        The result is in the office zone. It is ``start`` itself for a zero amount; otherwise it
        lies within office hours and never at an opening time (work ending at 16:00 ends at
        16:00, not at 07:30 the next working day), so it is the inverse of
        :meth:`working_time`.
        """
        if amount < timedelta(0):
            raise ValueError("amount of working time must not be negative")
        local = self._local(start)
        if amount == timedelta(0):
            return local
        year, position = self._position(local)
        target = position + amount // _ONE_US
        table = self._year(year)
        while target > table.total:
            target -= table.total
            year += 1
            table = self._year(year)
        # The first day whose cumulative total reaches the target; target > 0 here, so the
        # day before it ends strictly before the target and the remainder is within the day.
        index = bisect_left(table.cumulative, target, lo=1) - 1
        remainder = target - table.cumulative[index]
        midnight = datetime.combine(
            date.fromordinal(table.first_ordinal + index), time.min, tzinfo=self.zone
        )
        return midnight + timedelta(microseconds=table.opens[index] + remainder)

    def add_working_minutes(self, start: datetime, minutes: float) -> datetime:
        """:meth:`add_working_time` with minutes, e.g. a step's due time from its mutu baku."""
        return self.add_working_time(start, timedelta(minutes=minutes))

    # -- internals ---------------------------------------------------------------------------

    def _local(self, moment: datetime) -> datetime:
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(f"naive datetime {moment!r}: give a timezone-aware datetime")
        return moment.astimezone(self.zone)

    def _as_date(self, day: date) -> date:
        """A date as is; an aware datetime as its date in the office zone."""
        if isinstance(day, datetime):
            return self._local(day).date()
        return day

    def _position(self, local: datetime) -> tuple[int, int]:
        """(year, working microseconds from the start of that year to ``local``)."""
        table = self._year(local.year)
        index = local.toordinal() - table.first_ordinal
        clock = (
            (local.hour * 60 + local.minute) * 60 + local.second
        ) * 1_000_000 + local.microsecond
        worked = min(max(clock - table.opens[index], 0), table.lengths[index])
        return local.year, table.cumulative[index] + worked

    def _hours_of_working_day(self, day: date) -> OfficeHours:
        """Hours of a day known to be worked: its weekday's, or for an extra working day on a
        weekday without hours, those of the first weekday that has them."""
        hours = self.week[day.weekday()]
        if hours is None:
            hours = next(h for h in self.week if h is not None)
        return hours

    def _year(self, year: int) -> _Year:
        table = self._years.get(year)
        if table is None:
            table = self._build_year(year)
            self._years[year] = table
        return table

    def _build_year(self, year: int) -> _Year:
        days_off = national_days_off(year, include_cuti_bersama=self.include_cuti_bersama)
        days_off.update((d.tanggal, d.nama) for d in self.extra_days_off if d.tanggal.year == year)
        first = date(year, 1, 1)
        opens: list[int] = []
        lengths: list[int] = []
        for offset in range((date(year, 12, 31) - first).days + 1):
            day = first + timedelta(days=offset)
            hours: OfficeHours | None
            if day in self.extra_working_days:
                hours = self._hours_of_working_day(day)
                days_off.pop(day, None)
            elif day in days_off:
                hours = None
            else:
                hours = self.week[day.weekday()]
            opens.append(hours.opens * _US_PER_MINUTE if hours else 0)
            lengths.append(hours.minutes * _US_PER_MINUTE if hours else 0)
        return _Year(
            first_ordinal=first.toordinal(),
            opens=tuple(opens),
            lengths=tuple(lengths),
            cumulative=(0, *accumulate(lengths)),
            days_off=MappingProxyType(days_off),
        )
