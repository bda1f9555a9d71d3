"""Period codes: parsing, order, labels in Indonesian, year-to-date sets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.model.periods import (
    Period,
    is_period,
    months_of_quarter,
    parse_period,
    period_key,
    period_label,
    period_of,
    period_year,
    periods_of_year_upto,
    quarter_of_month,
    quarter_period_of,
    sort_periods,
)


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("2026-10", "Oktober 2026"),
        ("2026-01", "Januari 2026"),
        ("2025-05", "Mei 2025"),
        ("2026-12", "Desember 2026"),
        ("2026-q1", "Triwulan I 2026"),
        ("2026-q3", "Triwulan III 2026"),
        ("2026-q4", "Triwulan IV 2026"),
    ],
)
def test_label_is_indonesian(code: str, label: str) -> None:
    assert period_label(code) == label


@pytest.mark.parametrize(
    "bad", ["2026-13", "2026-00", "2026-q5", "2026-q0", "2026-Q1", "26-01", "2026-1", "2026/01", ""]
)
def test_bad_codes_are_refused_in_indonesian(bad: str) -> None:
    assert not is_period(bad)
    assert parse_period(bad) is None
    with pytest.raises(ValueError, match="tidak dikenali"):
        period_of(bad)


def test_months_sort_before_the_quarter_that_ends_with_them() -> None:
    codes = ["2026-q2", "2026-04", "2026-q1", "2025-12", "2026-03", "2026-01", "2025-q4"]
    assert sort_periods(codes) == [
        "2025-12",
        "2025-q4",
        "2026-01",
        "2026-03",
        "2026-q1",
        "2026-04",
        "2026-q2",
    ]


@pytest.mark.parametrize("padded", ["2026-10\n", " 2026-10", "2026-q4 "])
def test_padded_codes_are_not_periods(padded: str) -> None:
    assert not is_period(padded)
    assert parse_period(padded) is None


def test_periods_themselves_sort_in_that_order() -> None:
    codes = ["2026-q2", "2026-04", "2026-q1", "2025-12", "2026-03", "2026-01", "2025-q4"]
    assert [p.id for p in sorted(map(period_of, codes))] == sort_periods(codes)


def test_fields_of_a_quarter_and_a_month() -> None:
    q4, nov = period_of("2026-q4"), period_of("2026-11")
    assert (q4.year, q4.first_month, q4.last_month, q4.quarter) == (2026, 10, 12, 4)
    assert q4.quarterly and not nov.quarterly
    assert (nov.first_month, nov.last_month, nov.quarter) == (11, 11, 4)
    assert Period(2026, 12, True) == q4 and Period(2026, 12, True).id == "2026-q4"
    assert {q4: 1}[Period(2026, 12, True)] == 1
    for month, quarterly in ((11, True), (13, False), (0, False)):
        with pytest.raises(ValueError):
            Period(2026, month, quarterly)


def test_year_quarter_and_months() -> None:
    assert period_year("2026-q4") == 2026
    assert [quarter_of_month(m) for m in (1, 3, 4, 9, 10, 12)] == [1, 1, 2, 3, 4, 4]
    assert quarter_period_of("2026-11") == "2026-q4"
    assert quarter_period_of("2026-q2") == "2026-q2"
    assert months_of_quarter("2026-q4") == ["2026-10", "2026-11", "2026-12"]
    assert months_of_quarter("2026-05") == ["2026-05"]
    with pytest.raises(ValueError, match="Bulan 13"):
        quarter_of_month(13)


def test_periods_of_year_upto_stay_in_the_year_and_kind() -> None:
    assert periods_of_year_upto("2026-q3") == ["2026-q1", "2026-q2", "2026-q3"]
    assert periods_of_year_upto("2026-03") == ["2026-01", "2026-02", "2026-03"]
    assert periods_of_year_upto("2026-01") == ["2026-01"]


codes = st.one_of(
    st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(2000, 2099), st.integers(1, 12)),
    st.builds(lambda y, q: f"{y}-q{q}", st.integers(2000, 2099), st.integers(1, 4)),
)


@given(codes)
def test_code_round_trips(code: str) -> None:
    assert period_of(code).id == code


@given(codes, codes)
def test_key_orders_by_year_then_end_month_then_kind(a: str, b: str) -> None:
    pa, pb = period_of(a), period_of(b)
    expected = (pa.year, pa.last_month, pa.quarterly) < (pb.year, pb.last_month, pb.quarterly)
    assert (period_key(a) < period_key(b)) == expected
    assert (pa < pb) == expected


@given(codes)
def test_upto_ends_with_the_period_and_is_sorted(code: str) -> None:
    upto = periods_of_year_upto(code)
    assert upto[-1] == code
    assert upto == sort_periods(upto)
    assert all(period_year(p) == period_year(code) for p in upto)
