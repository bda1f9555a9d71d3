"""Reading the working-time part of the ``pengaturan`` block into plain values.

The JSON Schema checks the shape of ``pengaturan`` before we get here; this module still checks
what it relies on (a known time zone, "HH:MM" times that close after they open, real dates, no
date both off and on) so that a calendar can never be built from nonsense, and says what is
wrong in Indonesian, naming the field, because the message may reach the person who edited
``organisasi.yml``.

Semantics chosen here (the data contract's ``pengaturan`` section should say the same):

* ``jam_kerja`` is the whole week: a day that is absent, ``null`` or ``[]`` is a day off.
* ``hari_kerja_tambahan`` wins over national holidays, cuti bersama and weekends; on a day whose
  weekday has no office hours, the hours of the first weekday (from senin) that has them apply.
* A date may not be both in ``libur_tambahan`` and in ``hari_kerja_tambahan``.
* Keys that are not about working time (``predikat``, ``batas``...) are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "DAY_KEYS",
    "DEFAULT_JAM_KERJA",
    "DEFAULT_ZONA_WAKTU",
    "CalendarError",
    "CalendarSettings",
    "ExtraDayOff",
    "OfficeHours",
    "parse_date",
    "parse_settings",
]

DAY_KEYS = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")
"""Weekday keys of ``jam_kerja``, Monday first (the index is ``date.weekday()``)."""

# Fallbacks for keys missing from the mapping. They repeat the package defaults documented in
# the data contract (kinerja/data/pengaturan.yml); the configuration loader normally passes a
# block already merged with that file, so these only matter for a bare ``from_config({})``.
DEFAULT_ZONA_WAKTU = "Asia/Jakarta"
DEFAULT_JAM_KERJA: Mapping[str, tuple[str, str]] = {
    "senin": ("07:30", "16:00"),
    "selasa": ("07:30", "16:00"),
    "rabu": ("07:30", "16:00"),
    "kamis": ("07:30", "16:00"),
    "jumat": ("07:30", "16:30"),
}

_CLOCK = re.compile(r"^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DEFAULT_LIBUR_NAME = "Libur tambahan"


class CalendarError(ValueError):
    """Invalid working-time configuration or date text; the message is for the user."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True, order=True)
class OfficeHours:
    """Office hours of one day, as minutes since midnight (``closes`` may be 1440, "24:00")."""

    opens: int
    closes: int

    def __post_init__(self) -> None:
        if not 0 <= self.opens < self.closes <= 24 * 60:
            raise ValueError(f"invalid office hours {self.opens}..{self.closes}")

    @property
    def minutes(self) -> int:
        """Length of the working day in minutes."""
        return self.closes - self.opens

    def __str__(self) -> str:
        return f"{_clock_text(self.opens)}-{_clock_text(self.closes)}"


@dataclass(frozen=True)
class ExtraDayOff:
    """A day off decided by the organisation (``libur_tambahan``)."""

    tanggal: date
    nama: str


@dataclass(frozen=True)
class CalendarSettings:
    """The validated working-time settings, ready to build a calendar from."""

    zone: tzinfo
    week: tuple[OfficeHours | None, ...]
    extra_days_off: tuple[ExtraDayOff, ...]
    extra_working_days: frozenset[date]


def _clock_text(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _parse_clock(value: object, field: str) -> int:
    if not isinstance(value, str) or (match := _CLOCK.match(value)) is None:
        raise CalendarError(field, f'jam {value!r} tidak sah; tulis sebagai "HH:MM", mis. "07:30"')
    hours, minutes = (match.group(1), match.group(2)) if match.group(1) else ("24", "00")
    return int(hours) * 60 + int(minutes)


def parse_date(value: object, field: str) -> date:
    """A date given as text ``YYYY-MM-DD`` (or already a ``date``), else :class:`CalendarError`."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise CalendarError(field, f'tanggal {value!r} tidak sah; tulis sebagai "YYYY-MM-DD"')


def _parse_zone(value: object) -> tzinfo:
    field = "pengaturan.zona_waktu"
    if not isinstance(value, str) or not value:
        raise CalendarError(field, 'harus berupa nama zona waktu, mis. "Asia/Jakarta"')
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise CalendarError(
            field,
            f'zona waktu {value!r} tidak dikenal; gunakan "Asia/Jakarta" (WIB), '
            '"Asia/Makassar" (WITA) atau "Asia/Jayapura" (WIT)',
        ) from None


def _parse_day(value: object, field: str) -> OfficeHours | None:
    if value is None or (isinstance(value, Sequence) and not isinstance(value, str) and not value):
        return None
    if isinstance(value, str) or not isinstance(value, Sequence) or len(value) != 2:
        raise CalendarError(
            field, 'harus berupa [jam mulai, jam selesai], mis. ["07:30", "16:00"], atau kosong'
        )
    opens = _parse_clock(value[0], f"{field}[0]")
    closes = _parse_clock(value[1], f"{field}[1]")
    if closes <= opens:
        raise CalendarError(field, f"jam selesai {value[1]} harus setelah jam mulai {value[0]}")
    return OfficeHours(opens, closes)


def _parse_week(value: object) -> tuple[OfficeHours | None, ...]:
    field = "pengaturan.jam_kerja"
    if not isinstance(value, Mapping):
        raise CalendarError(field, "harus berupa pemetaan hari -> [jam mulai, jam selesai]")
    unknown = sorted(str(key) for key in value if key not in DAY_KEYS)
    if unknown:
        raise CalendarError(
            field, f"hari {', '.join(unknown)} tidak dikenal; gunakan {', '.join(DAY_KEYS)}"
        )
    week = tuple(_parse_day(value.get(day), f"{field}.{day}") for day in DAY_KEYS)
    if all(hours is None for hours in week):
        raise CalendarError(field, "tidak ada satu hari kerja pun; isi jam kerja minimal satu hari")
    return week


def _items(value: object, field: str) -> Sequence[object]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise CalendarError(field, "harus berupa daftar")
    return value


def _parse_days_off(value: object) -> tuple[ExtraDayOff, ...]:
    field = "pengaturan.libur_tambahan"
    days: dict[date, str] = {}
    for index, item in enumerate(_items(value, field)):
        where = f"{field}[{index}]"
        if not isinstance(item, Mapping):
            raise CalendarError(where, 'harus berupa {tanggal: "YYYY-MM-DD", nama: ...}')
        day = parse_date(item.get("tanggal"), f"{where}.tanggal")
        name = item.get("nama", _DEFAULT_LIBUR_NAME)
        if not isinstance(name, str) or not name.strip():
            raise CalendarError(f"{where}.nama", "harus berupa teks nama hari libur")
        if day in days:
            raise CalendarError(where, f"tanggal {day.isoformat()} tercantum dua kali")
        days[day] = name.strip()
    return tuple(ExtraDayOff(day, name) for day, name in sorted(days.items()))


def _parse_working_days(value: object) -> frozenset[date]:
    field = "pengaturan.hari_kerja_tambahan"
    days: set[date] = set()
    for index, item in enumerate(_items(value, field)):
        raw = item.get("tanggal") if isinstance(item, Mapping) else item
        days.add(parse_date(raw, f"{field}[{index}]"))
    return frozenset(days)


def parse_settings(config: Mapping[str, object]) -> CalendarSettings:
    """Validate the working-time keys of a ``pengaturan`` mapping; missing keys take defaults."""
    zone = _parse_zone(config.get("zona_waktu", DEFAULT_ZONA_WAKTU))
    week = _parse_week(config.get("jam_kerja", DEFAULT_JAM_KERJA))
    days_off = _parse_days_off(config.get("libur_tambahan"))
    working_days = _parse_working_days(config.get("hari_kerja_tambahan"))
    clash = sorted(d.tanggal for d in days_off if d.tanggal in working_days)
    if clash:
        raise CalendarError(
            "pengaturan.hari_kerja_tambahan",
            f"tanggal {', '.join(d.isoformat() for d in clash)} juga ada di libur_tambahan; "
            "hapus dari salah satunya",
        )
    return CalendarSettings(zone, week, days_off, working_days)
