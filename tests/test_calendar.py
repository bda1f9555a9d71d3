"""Working-time calendar: office hours, holidays, cuti bersama, organisation overrides.

Dates used (checked against the 2026 SKB as listed by the ``holidays`` package):
2026-08-17 is a Monday (Hari Kemerdekaan); 2026-03-18..24 is the Nyepi / Idul Fitri block with
cuti bersama on Wed 18, Fri 20, Mon 23 and Tue 24; 2026-12-24 (Thu) is cuti bersama Natal and
2026-12-25 (Fri) Natal; 2027-01-01 is a Friday.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.timing import CalendarError, WorkCalendar, cuti_bersama_known

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")

DEFAULT = WorkCalendar.from_config({})
PESISIR = WorkCalendar.from_config(
    {
        "zona_waktu": "Asia/Jakarta",
        "jam_kerja": {
            "senin": ["07:30", "16:00"],
            "selasa": ["07:30", "16:00"],
            "rabu": ["07:30", "16:00"],
            "kamis": ["07:30", "16:00"],
            "jumat": ["07:30", "16:30"],
        },
        "libur_tambahan": [{"tanggal": "2026-10-07", "nama": "Hari Jadi Kabupaten"}],
        "hari_kerja_tambahan": ["2026-10-10", "2026-12-24"],  # a Saturday; a cuti bersama
        "predikat": [{"min": 0, "nama": "Sangat Rendah"}],  # not about time: ignored
    }
)
MAKASSAR = WorkCalendar.from_config(
    {
        "zona_waktu": "Asia/Makassar",
        "jam_kerja": {d: ["08:00", "16:00"] for d in ("senin", "selasa", "rabu", "kamis", "jumat")},
    }
)


def wib(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=WIB)


# -- the office week -----------------------------------------------------------------------


def test_defaults_are_the_wib_office_week() -> None:
    assert DEFAULT.working_minutes(wib(2026, 10, 5, 7, 30), wib(2026, 10, 5, 16, 0)) == 510
    assert DEFAULT.working_minutes(wib(2026, 10, 8, 0, 0), wib(2026, 10, 9, 0, 0)) == 510
    assert DEFAULT.working_minutes(wib(2026, 10, 9, 0, 0), wib(2026, 10, 10, 0, 0)) == 540
    assert DEFAULT.working_minutes(wib(2026, 10, 5), wib(2026, 10, 12)) == 4 * 510 + 540


def test_friday_closes_half_an_hour_later() -> None:
    assert DEFAULT.working_minutes(wib(2026, 10, 8, 15, 0), wib(2026, 10, 8, 17, 0)) == 60
    assert DEFAULT.working_minutes(wib(2026, 10, 9, 15, 0), wib(2026, 10, 9, 17, 0)) == 90


def test_weekend_does_not_count() -> None:
    friday_afternoon, monday_morning = wib(2026, 10, 9, 15, 0), wib(2026, 10, 12, 9, 0)
    assert DEFAULT.working_minutes(friday_afternoon, monday_morning) == 90 + 90
    assert DEFAULT.working_minutes(wib(2026, 10, 10, 8), wib(2026, 10, 11, 15)) == 0
    assert not DEFAULT.is_working_day(date(2026, 10, 10))
    assert DEFAULT.holiday_name(date(2026, 10, 10)) is None  # a weekend is not a holiday


@pytest.mark.parametrize(
    ("start", "end", "minutes"),
    [
        (wib(2026, 10, 5, 5, 0), wib(2026, 10, 5, 20, 0), 510),  # both outside, around the day
        (wib(2026, 10, 5, 5, 0), wib(2026, 10, 5, 8, 0), 30),  # starts before opening
        (wib(2026, 10, 5, 15, 0), wib(2026, 10, 5, 23, 0), 60),  # ends after closing
        (wib(2026, 10, 5, 17, 0), wib(2026, 10, 5, 23, 59), 0),  # all after closing
        (wib(2026, 10, 5, 17, 0), wib(2026, 10, 6, 7, 30), 0),  # overnight
        (wib(2026, 10, 5, 17, 0), wib(2026, 10, 6, 7, 45), 15),
        (wib(2026, 10, 5, 9, 0, 30), wib(2026, 10, 5, 9, 1, 0), 0.5),  # seconds count
    ],
)
def test_start_and_end_outside_office_hours(start: datetime, end: datetime, minutes: float) -> None:
    assert DEFAULT.working_minutes(start, end) == minutes


def test_end_before_start_is_zero() -> None:
    assert DEFAULT.working_minutes(wib(2026, 10, 5, 12), wib(2026, 10, 5, 9)) == 0
    assert DEFAULT.working_minutes(wib(2026, 10, 5, 12), wib(2026, 10, 5, 12)) == 0


# -- holidays and cuti bersama -------------------------------------------------------------


def test_independence_day_is_off() -> None:
    assert DEFAULT.holiday_name(date(2026, 8, 17)) == "Hari Kemerdekaan Republik Indonesia"
    assert not DEFAULT.is_working_day(date(2026, 8, 17))
    # Friday 16:00 -> Tuesday 08:00 over the weekend and the Monday holiday.
    assert DEFAULT.working_minutes(wib(2026, 8, 14, 16, 0), wib(2026, 8, 18, 8, 0)) == 30 + 30


def test_cuti_bersama_is_off() -> None:
    assert DEFAULT.holiday_name(date(2026, 3, 23)) == "Cuti Bersama Hari Raya Idul Fitri"
    assert not DEFAULT.is_working_day(date(2026, 3, 24))
    # Tuesday 17 March 16:00 -> Wednesday 25 March 08:00: a week of holidays and cuti bersama.
    assert DEFAULT.working_minutes(wib(2026, 3, 17, 16, 0), wib(2026, 3, 25, 8, 0)) == 30
    assert DEFAULT.cuti_bersama_known(2026)


def test_cuti_bersama_can_be_left_out() -> None:
    private_office = WorkCalendar.from_config({}, include_cuti_bersama=False)
    assert private_office.is_working_day(date(2026, 3, 23))
    assert private_office.holiday_name(date(2026, 3, 23)) is None
    assert not private_office.is_working_day(date(2026, 3, 21))  # Idul Fitri itself: Saturday
    assert not private_office.is_working_day(date(2026, 8, 17))


def test_years_without_published_cuti_bersama_are_reported() -> None:
    assert cuti_bersama_known(2024)
    assert cuti_bersama_known(1999)  # before 2002 there was no cuti bersama to miss
    assert not cuti_bersama_known(2090)
    assert not DEFAULT.cuti_bersama_known(2090)


def test_holiday_names_are_indonesian_whatever_the_locale() -> None:
    assert DEFAULT.holiday_name(date(2026, 12, 25)) == "Hari Raya Natal"
    assert DEFAULT.holiday_name(date(2026, 1, 1)) == "Tahun Baru Masehi"


def test_days_off_between_lists_named_days_across_years() -> None:
    found = DEFAULT.days_off_between(date(2026, 12, 20), date(2027, 1, 2))
    assert found == [
        (date(2026, 12, 24), "Cuti Bersama Hari Raya Natal"),
        (date(2026, 12, 25), "Hari Raya Natal"),
        (date(2027, 1, 1), "Tahun Baru Masehi"),
    ]


def test_span_over_the_new_year() -> None:
    # Thursday 31 Dec 2026 15:00 -> Monday 4 Jan 2027 08:00; 1 Jan 2027 is a Friday holiday.
    assert DEFAULT.working_minutes(wib(2026, 12, 31, 15, 0), wib(2027, 1, 4, 8, 0)) == 60 + 30


def test_span_over_several_years_matches_the_day_by_day_count() -> None:
    start, end = wib(2023, 6, 15, 12, 0), wib(2027, 2, 3, 10, 0)
    assert DEFAULT.working_time(start, end) == reference_working_time(start, end)


# -- the organisation's own days -----------------------------------------------------------


def test_extra_day_off() -> None:
    assert PESISIR.holiday_name(date(2026, 10, 7)) == "Hari Jadi Kabupaten"
    assert not PESISIR.is_working_day(date(2026, 10, 7))
    assert PESISIR.working_minutes(wib(2026, 10, 6, 16, 0), wib(2026, 10, 8, 8, 0)) == 30
    assert DEFAULT.working_minutes(wib(2026, 10, 6, 16, 0), wib(2026, 10, 8, 8, 0)) == 510 + 30


def test_extra_working_day_on_a_saturday_takes_the_first_weekday_hours() -> None:
    saturday = date(2026, 10, 10)
    assert PESISIR.is_working_day(saturday)
    assert PESISIR.working_minutes(wib(2026, 10, 10, 0, 0), wib(2026, 10, 11, 0, 0)) == 510
    assert PESISIR.end_of_working_day(saturday) == wib(2026, 10, 10, 16, 0)


def test_extra_working_day_overrides_cuti_bersama() -> None:
    assert PESISIR.is_working_day(date(2026, 12, 24))
    assert PESISIR.holiday_name(date(2026, 12, 24)) is None
    assert PESISIR.working_minutes(wib(2026, 12, 24), wib(2026, 12, 25)) == 510
    assert DEFAULT.working_minutes(wib(2026, 12, 24), wib(2026, 12, 25)) == 0


def test_extra_day_off_names_win_over_the_national_name() -> None:
    calendar = WorkCalendar.from_config(
        {"libur_tambahan": [{"tanggal": "2026-12-24", "nama": "Cuti bersama Natal"}]}
    )
    assert calendar.holiday_name(date(2026, 12, 24)) == "Cuti bersama Natal"


def test_a_day_set_to_null_is_off() -> None:
    calendar = WorkCalendar.from_config(
        {"jam_kerja": {"senin": ["07:30", "16:00"], "selasa": None, "rabu": []}}
    )
    assert calendar.is_working_day(date(2026, 10, 5))
    assert not calendar.is_working_day(date(2026, 10, 6))
    assert not calendar.is_working_day(date(2026, 10, 7))
    assert not calendar.is_working_day(date(2026, 10, 8))  # kamis absent: off


# -- time zones ----------------------------------------------------------------------------


def test_utc_input_is_converted_to_wib() -> None:
    opening_in_utc = datetime(2026, 10, 5, 0, 30, tzinfo=UTC)  # 07:30 WIB
    assert DEFAULT.working_minutes(opening_in_utc, opening_in_utc + timedelta(hours=1)) == 60
    # 23:00 UTC on Sunday is 06:00 WIB on Monday: before opening, so nothing counts.
    sunday_utc = datetime(2026, 10, 4, 23, 0, tzinfo=UTC)
    assert DEFAULT.working_minutes(sunday_utc, wib(2026, 10, 5, 7, 30)) == 0
    assert DEFAULT.is_working_day(sunday_utc)  # an aware datetime counts by its office date


def test_mixed_zones_in_one_call() -> None:
    start = datetime(2026, 10, 5, 9, 0, tzinfo=WITA)  # 08:00 WIB
    end = datetime(2026, 10, 5, 11, 0, tzinfo=WIT)  # 09:00 WIB
    assert DEFAULT.working_minutes(start, end) == 60


def test_another_organisation_in_wita() -> None:
    monday_0700_wib = wib(2026, 10, 5, 7, 0)  # 08:00 WITA: opening
    assert MAKASSAR.working_minutes(monday_0700_wib, wib(2026, 10, 5, 8, 0)) == 60
    assert MAKASSAR.working_minutes(wib(2026, 10, 5, 6, 0), wib(2026, 10, 5, 7, 0)) == 0
    # Friday closes at 16:00 WITA here, as every day; the week is 5 x 480 minutes.
    assert MAKASSAR.working_minutes(wib(2026, 10, 5), wib(2026, 10, 12)) == 5 * 480
    assert MAKASSAR.end_of_working_day(date(2026, 10, 9)) == datetime(
        2026, 10, 9, 16, 0, tzinfo=WITA
    )
    assert MAKASSAR.holiday_name(date(2026, 8, 17)) is not None  # national holidays still apply


@pytest.mark.parametrize(
    "call",
    [
        lambda: DEFAULT.working_minutes(datetime(2026, 10, 5, 8), wib(2026, 10, 5, 9)),
        lambda: DEFAULT.working_minutes(wib(2026, 10, 5, 8), datetime(2026, 10, 5, 9)),
        lambda: DEFAULT.add_working_minutes(datetime(2026, 10, 5, 8), 10),
        lambda: DEFAULT.is_working_day(datetime(2026, 10, 5, 8)),
    ],
)
def test_naive_datetimes_are_refused(call: Callable[[], object]) -> None:
    with pytest.raises(ValueError, match="naive"):
        call()


# -- deadlines and due times ---------------------------------------------------------------


def test_end_of_working_day() -> None:
    assert DEFAULT.end_of_working_day(date(2026, 10, 8)) == wib(2026, 10, 8, 16, 0)
    assert DEFAULT.end_of_working_day(date(2026, 10, 9)) == wib(2026, 10, 9, 16, 30)
    end = DEFAULT.end_of_working_day(date(2026, 10, 9))
    assert end.tzinfo == WIB
    # On a day off the whole day counts: no working time passes until the next working day.
    sunday_end = DEFAULT.end_of_working_day(date(2026, 10, 11))
    assert sunday_end == datetime.combine(date(2026, 10, 11), time.max, tzinfo=WIB)
    assert DEFAULT.working_minutes(sunday_end, wib(2026, 10, 12, 7, 30)) == 0


def test_deadline_from_text() -> None:
    assert DEFAULT.deadline_from_text("2026-10-08") == wib(2026, 10, 8, 16, 0)
    assert DEFAULT.deadline_from_text("2026-10-08T12:00") == wib(2026, 10, 8, 12, 0)
    assert MAKASSAR.deadline_from_text("2026-10-08T12:00").utcoffset() == timedelta(hours=8)


@pytest.mark.parametrize("text", ["2026-10-32", "08-10-2026", "2026-10-08T25:00", "besok", ""])
def test_bad_deadline_text_is_explained(text: str) -> None:
    with pytest.raises(CalendarError) as caught:
        DEFAULT.deadline_from_text(text)
    assert caught.value.field == "tenggat"
    assert "tidak sah" in caught.value.message


@pytest.mark.parametrize(
    ("start", "minutes", "due"),
    [
        (wib(2026, 10, 9, 16, 0), 60, wib(2026, 10, 12, 8, 0)),  # over the weekend
        (wib(2026, 10, 5, 7, 30), 510, wib(2026, 10, 5, 16, 0)),  # ends at close, not next day
        (wib(2026, 10, 5, 7, 30), 511, wib(2026, 10, 6, 7, 31)),
        (wib(2026, 10, 10, 9, 0), 1, wib(2026, 10, 12, 7, 31)),  # from a Saturday
        (wib(2026, 10, 10, 9, 0), 0, wib(2026, 10, 10, 9, 0)),  # nothing to add
        (wib(2026, 8, 14, 16, 0), 480, wib(2026, 8, 18, 15, 0)),  # over 17 Agustus
        (wib(2026, 12, 23, 12, 0), 600, wib(2026, 12, 28, 13, 30)),  # cuti bersama, Natal
        (wib(2026, 12, 31, 15, 0), 90, wib(2027, 1, 4, 8, 0)),  # into the next year
    ],
)
def test_add_working_minutes(start: datetime, minutes: int, due: datetime) -> None:
    assert DEFAULT.add_working_minutes(start, minutes) == due
    assert DEFAULT.add_working_minutes(start, minutes).tzinfo == WIB


def test_add_working_minutes_across_many_years() -> None:
    start = wib(2024, 2, 1, 10, 0)
    due = DEFAULT.add_working_minutes(start, 300_000)
    assert due.year == 2026
    assert DEFAULT.working_minutes(start, due) == 300_000


def test_negative_amounts_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        DEFAULT.add_working_minutes(wib(2026, 10, 5, 8), -1)


# -- configuration errors ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "field"),
    [
        ({"zona_waktu": "Asia/Bandung"}, "pengaturan.zona_waktu"),
        ({"zona_waktu": 7}, "pengaturan.zona_waktu"),
        ({"jam_kerja": {"senin": ["16:00", "07:30"]}}, "pengaturan.jam_kerja.senin"),
        ({"jam_kerja": {"senin": ["7:30", "16:00"]}}, "pengaturan.jam_kerja.senin[0]"),
        ({"jam_kerja": {"senin": ["07:30"]}}, "pengaturan.jam_kerja.senin"),
        ({"jam_kerja": {"senin": "07:30-16:00"}}, "pengaturan.jam_kerja.senin"),
        ({"jam_kerja": {"jumaat": ["07:30", "16:00"]}}, "pengaturan.jam_kerja"),
        ({"jam_kerja": {"sabtu": None, "minggu": []}}, "pengaturan.jam_kerja"),
        ({"jam_kerja": ["07:30", "16:00"]}, "pengaturan.jam_kerja"),
        ({"libur_tambahan": [{"tanggal": "2026-02-30"}]}, "pengaturan.libur_tambahan[0].tanggal"),
        ({"libur_tambahan": ["2026-02-03"]}, "pengaturan.libur_tambahan[0]"),
        (
            {"libur_tambahan": [{"tanggal": "2026-02-03", "nama": ""}]},
            "pengaturan.libur_tambahan[0].nama",
        ),
        (
            {"libur_tambahan": [{"tanggal": "2026-02-03"}, {"tanggal": "2026-02-03"}]},
            "pengaturan.libur_tambahan[1]",
        ),
        ({"hari_kerja_tambahan": "2026-02-03"}, "pengaturan.hari_kerja_tambahan"),
        ({"hari_kerja_tambahan": ["3 Feb 2026"]}, "pengaturan.hari_kerja_tambahan[0]"),
        (
            {
                "libur_tambahan": [{"tanggal": "2026-02-03", "nama": "Rapat"}],
                "hari_kerja_tambahan": ["2026-02-03"],
            },
            "pengaturan.hari_kerja_tambahan",
        ),
    ],
)
def test_bad_configuration_names_the_field(config: dict[str, object], field: str) -> None:
    with pytest.raises(CalendarError) as caught:
        WorkCalendar.from_config(config)
    assert caught.value.field == field


def test_midnight_close_and_unnamed_extra_day_off() -> None:
    calendar = WorkCalendar.from_config(
        {
            "jam_kerja": {"senin": ["00:00", "24:00"]},
            "libur_tambahan": [{"tanggal": "2026-10-12"}],
        }
    )
    assert calendar.working_minutes(wib(2026, 10, 5), wib(2026, 10, 6)) == 24 * 60
    assert calendar.end_of_working_day(date(2026, 10, 5)) == wib(2026, 10, 6, 0, 0)
    assert calendar.holiday_name(date(2026, 10, 12)) == "Libur tambahan"


def test_calendar_is_immutable_and_comparable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT.zone = WITA  # type: ignore[misc]
    assert WorkCalendar.from_config({}) == DEFAULT
    assert hash(WorkCalendar.from_config({})) == hash(DEFAULT)
    assert PESISIR != DEFAULT


# -- properties ----------------------------------------------------------------------------

# Zones without daylight saving time: the input zone must not matter.
ZONES: list[tzinfo] = [WIB, WITA, WIT, UTC, timezone(timedelta(hours=-5))]
instants = st.datetimes(
    min_value=datetime(2023, 1, 1),
    max_value=datetime(2028, 12, 31),
    timezones=st.sampled_from(ZONES),
)
whole_seconds = instants.map(lambda moment: moment.replace(microsecond=0))
calendars = st.sampled_from([DEFAULT, PESISIR, MAKASSAR])


def in_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


@given(calendars, instants, instants, instants)
def test_additivity(calendar: WorkCalendar, x: datetime, y: datetime, z: datetime) -> None:
    a, b, c = sorted((x, y, z), key=in_utc)
    whole = calendar.working_time(a, c)
    assert whole == calendar.working_time(a, b) + calendar.working_time(b, c)


@given(calendars, instants, instants)
def test_never_negative_and_zero_backwards(
    calendar: WorkCalendar, a: datetime, b: datetime
) -> None:
    assert calendar.working_minutes(a, b) >= 0
    if in_utc(b) <= in_utc(a):
        assert calendar.working_minutes(a, b) == 0


@given(calendars, instants, st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=200)))
def test_working_time_undoes_add_working_time(
    calendar: WorkCalendar, start: datetime, amount: timedelta
) -> None:
    due = calendar.add_working_time(start, amount)
    assert in_utc(due) >= in_utc(start)
    assert calendar.working_time(start, due) == amount


@given(calendars, whole_seconds, whole_seconds)
def test_add_working_minutes_undoes_working_minutes(
    calendar: WorkCalendar, x: datetime, y: datetime
) -> None:
    a, b = sorted((x, y), key=in_utc)
    back = calendar.add_working_minutes(a, calendar.working_minutes(a, b))
    assert in_utc(back) <= in_utc(b)
    assert calendar.working_time(back, b) == timedelta(0)  # no work between: the same position
    local = b.astimezone(calendar.zone)
    hours = calendar.office_hours(local.date())
    minute_of_day = (local - local.replace(hour=0, minute=0, second=0)) / timedelta(minutes=1)
    if hours is not None and hours.opens < minute_of_day <= hours.closes and b != a:
        assert back == b  # a working instant comes back exactly


@settings(max_examples=60)
@given(calendars, instants, st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=120)))
def test_matches_a_day_by_day_count(
    calendar: WorkCalendar, start: datetime, span: timedelta
) -> None:
    end = start + span
    assert calendar.working_time(start, end) == reference_working_time(start, end, calendar)


# -- an independent, slow reference --------------------------------------------------------


def reference_working_time(
    start: datetime, end: datetime, calendar: WorkCalendar = DEFAULT
) -> timedelta:
    """Day by day, straight from the ``holidays`` package and the calendar's settings."""
    zone = calendar.zone
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    years = range(local_start.year, local_end.year + 1)
    national = holidays.country_holidays("ID", years=years, categories=("public", "government"))
    off = set(national) | {d.tanggal for d in calendar.extra_days_off}
    total = timedelta(0)
    day = local_start.date()
    while day <= local_end.date():
        hours = calendar.week[day.weekday()]
        if day in calendar.extra_working_days:
            hours = hours or next(h for h in calendar.week if h is not None)
        elif day in off:
            hours = None
        if hours is not None:
            midnight = datetime.combine(day, time.min, tzinfo=zone)
            opens = midnight + timedelta(minutes=hours.opens)
            closes = midnight + timedelta(minutes=hours.closes)
            overlap = min(closes, local_end) - max(opens, local_start)
            total += max(overlap, timedelta(0))
        day += timedelta(days=1)
    return total
