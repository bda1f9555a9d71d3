"""Office time for the demo's invented events: working days, office hours, WIB.

Every invented moment (a unit writing its file, a pull request opened, a paraf) is placed by
adding *working* time with the same calendar that measures the SOP steps, so the demo never
has a hand-in on a Sunday or at midnight, and the durations the site shows look like an office.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from kinerja.timing import WorkCalendar


@dataclass(frozen=True)
class OfficeClock:
    calendar: WorkCalendar

    @classmethod
    def from_settings(cls, settings: Any) -> OfficeClock:
        return cls(WorkCalendar.from_config(settings))

    def workday(self, day: date, step: int = 1) -> date:
        """``day`` if it is a working day, else the next (``step=1``) or previous (-1) one."""
        while not self.calendar.is_working_day(day):
            day += timedelta(days=step)
        return day

    def add_workdays(self, day: date, count: int) -> date:
        """The working day ``count`` working days after (or, if negative, before) ``day``."""
        step = 1 if count >= 0 else -1
        for _ in range(abs(count)):
            day = self.workday(day + timedelta(days=step), step)
        return day

    def opening(self, day: date) -> datetime:
        """When the office opens on ``day`` (the next working day if it is a day off)."""
        day = self.workday(day)
        hours = self.calendar.office_hours(day)
        minutes = hours.opens if hours else 7 * 60 + 30
        return datetime.combine(day, time(), tzinfo=self.calendar.zone) + timedelta(minutes=minutes)

    def closing(self, day: date) -> datetime:
        """The close of office on ``day``: when a deadline given as that date falls due."""
        return self.calendar.end_of_working_day(day)

    def after(self, start: datetime, minutes: float) -> datetime:
        """The instant ``minutes`` of working time after ``start`` (inside office hours)."""
        moment = self.calendar.add_working_time(start, timedelta(minutes=minutes))
        return moment.replace(microsecond=0)

    def between(self, start: datetime, end: datetime, fraction: float) -> datetime:
        """The instant at ``fraction`` of the working time from ``start`` to ``end``."""
        span = self.calendar.working_time(start, end)
        return self.calendar.add_working_time(start, span * fraction).replace(microsecond=0)

    def working_minutes(self, start: datetime, end: datetime) -> float:
        return self.calendar.working_minutes(start, end)

    def jitter(self, start: datetime, rng: random.Random, low: float, high: float) -> datetime:
        """``start`` plus a random working time between ``low`` and ``high`` minutes, with
        seconds, so that invented times do not all fall on the minute."""
        return self.after(start, rng.uniform(low, high) + rng.randrange(60) / 60)
