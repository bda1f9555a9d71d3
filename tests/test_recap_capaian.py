"""Capaian and predikat: the documented edge cases, and scalar == vectorised for any input."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.recap.capaian import (
    DEFAULT_BANDS,
    Band,
    Range,
    capaian,
    parse_target,
    predikat,
)
from kinerja.recap.capaian_vec import capaian_series, predikat_series

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


@pytest.mark.parametrize(
    ("realisasi", "target", "arah", "expected"),
    [
        (9, 12, "naik", 75.0),
        (15, 12, "naik", 125.0),  # not capped by default
        (4, 5, "turun", 120.0),  # (2*5 - 4) / 5
        (6, 5, "turun", 80.0),
        (5, 5, "turun", 100.0),
        (12, 5, "turun", 0.0),  # (10 - 12) / 5 = -40: floored at 0
        (-3, 10, "naik", 0.0),  # negative realisasi: floored
        (0, 10, "naik", 0.0),
    ],
)
def test_formulas(realisasi: float, target: float, arah: str, expected: float) -> None:
    assert capaian(realisasi, target, arah) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("realisasi", "arah", "expected"),
    [
        (0, "naik", 100.0),
        (7, "naik", 100.0),
        (-1, "naik", 0.0),
        (0, "turun", 100.0),
        (1, "turun", 0.0),
        (0.001, "turun", 0.0),
    ],
)
def test_zero_target_is_met_or_not(realisasi: float, arah: str, expected: float) -> None:
    assert capaian(realisasi, 0, arah) == expected


@pytest.mark.parametrize(
    ("realisasi", "arah", "expected"),
    [
        (85, "naik", 100.0),  # inside
        (80, "naik", 100.0),  # on the bound
        (90, "naik", 100.0),
        (60, "naik", 75.0),  # below: 60 / 80
        (99, "naik", 110.0),  # above: 99 / 90
        (85, "turun", 100.0),
        (60, "turun", 125.0),  # below is better: (160 - 60) / 80
        (99, "turun", 90.0),  # above is worse: (180 - 99) / 90
    ],
)
def test_range_target_uses_the_nearest_bound(realisasi: float, arah: str, expected: float) -> None:
    assert capaian(realisasi, Range(80, 90), arah) == pytest.approx(expected)


def test_range_is_continuous_at_its_bounds() -> None:
    for arah in ("naik", "turun"):
        for bound in (80.0, 90.0):
            left = capaian(math.nextafter(bound, -math.inf), Range(80, 90), arah)
            right = capaian(math.nextafter(bound, math.inf), Range(80, 90), arah)
            assert left == pytest.approx(100.0)
            assert right == pytest.approx(100.0)


def test_cap_is_optional() -> None:
    assert capaian(150, 100, "naik") == 150.0
    assert capaian(150, 100, "naik", cap=120) == 120.0
    assert capaian(50, 100, "naik", cap=120) == 50.0


@pytest.mark.parametrize(
    ("realisasi", "target", "arah"),
    [
        (None, 10, "naik"),
        (5, None, "naik"),
        (float("nan"), 10, "naik"),
        (5, float("inf"), "naik"),
        (True, 10, "naik"),  # a boolean is not a number
        ("5", 10, "naik"),  # nor is text
        (5, -10, "naik"),  # a negative target has no meaning here
        (5, 10, "datar"),  # unknown direction
        (5, Range(90, 80), "naik"),  # min > max
        (85, Range(80, 90), "datar"),
    ],
)
def test_undefined_is_none_never_zero(realisasi: object, target: object, arah: str) -> None:
    assert capaian(realisasi, target, arah) is None


def test_numpy_numbers_are_numbers() -> None:
    assert capaian(np.int64(3), np.float64(4), "naik") == 75.0


def test_parse_target() -> None:
    assert parse_target(12) == 12.0
    assert parse_target({"min": 80, "max": 90}) == Range(80.0, 90.0)
    assert parse_target({"min": 80}) is None
    assert parse_target(None) is None
    assert parse_target("12") is None


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (120.0, "Sangat Tinggi"),
        (91.0, "Sangat Tinggi"),
        (90.99, "Tinggi"),  # bands are thresholds on the unrounded value
        (90.5, "Tinggi"),
        (76.0, "Tinggi"),
        (75.999, "Sedang"),
        (66.0, "Sedang"),
        (65.5, "Rendah"),
        (51.0, "Rendah"),
        (50.99, "Sangat Rendah"),
        (50.0, "Sangat Rendah"),
        (0.0, "Sangat Rendah"),
    ],
)
def test_predikat_permendagri_86_2017(value: float, band: str) -> None:
    assert predikat(value) == band
    assert predikat_series(pd.Series([value])).tolist() == [band]


def test_predikat_missing_and_below_all_bands() -> None:
    assert predikat(None) is None
    assert predikat(float("nan")) is None
    bands = [{"min": 50, "nama": "Cukup"}, {"min": 80, "nama": "Baik"}]  # any order
    assert predikat(85, bands) == "Baik"
    assert predikat(60, bands) == "Cukup"
    assert predikat(10, bands) is None
    assert predikat_series(pd.Series([85, 60, 10, np.nan]), bands).isna().tolist() == [
        False,
        False,
        True,
        True,
    ]


numbers = st.one_of(
    st.none(),
    st.just(0.0),
    st.integers(-50, 300).map(float),
    st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
    st.just(float("nan")),
    st.just(float("inf")),
)
targets = st.one_of(numbers, st.tuples(numbers, numbers))
arah = st.sampled_from(["naik", "turun", "lain"])


@settings(deadline=None)  # pandas calls: timing varies on a busy machine
@given(
    st.lists(st.tuples(numbers, targets, arah), min_size=1, max_size=30),
    st.one_of(st.none(), st.just(100.0), st.just(120.0)),
)
def test_vectorised_equals_scalar(
    rows: list[tuple[object, object, str]], cap: float | None
) -> None:
    realisasi: list[Any] = []
    target: list[Any] = []
    lo: list[Any] = []
    hi: list[Any] = []
    direction: list[str] = []
    expected: list[float | None] = []
    for r, t, a in rows:
        realisasi.append(np.nan if r is None else r)
        if isinstance(t, tuple):
            lo_v, hi_v = t
            target.append(np.nan)
            lo.append(np.nan if lo_v is None else lo_v)
            hi.append(np.nan if hi_v is None else hi_v)
            scalar_target: object = (
                Range(lo_v, hi_v)
                if lo_v is not None
                and hi_v is not None
                and math.isfinite(lo_v)
                and math.isfinite(hi_v)
                else None
            )
        else:
            target.append(np.nan if t is None else t)
            lo.append(np.nan)
            hi.append(np.nan)
            scalar_target = t
        direction.append(a)
        expected.append(capaian(r, scalar_target, a, cap=cap))
    got = capaian_series(
        pd.Series(realisasi, dtype="float64"),
        pd.Series(target, dtype="float64"),
        pd.Series(lo, dtype="float64"),
        pd.Series(hi, dtype="float64"),
        pd.Series(direction, dtype="str"),
        cap=cap,
    ).tolist()
    for g, e in zip(got, expected, strict=True):
        if e is None:
            assert math.isnan(g)
        else:
            assert g == e  # bit for bit: same operations in the same order
    bands = predikat_series(pd.Series(got, dtype="float64")).tolist()
    for band, value in zip(bands, expected, strict=True):
        want = predikat(value)
        assert (band == want) if want is not None else pd.isna(band)


@given(
    st.floats(-1e6, 1e6, allow_nan=False),
    st.floats(-1e6, 1e6, allow_nan=False),
    st.one_of(st.just(0.0), st.floats(1e-3, 1e6)),
    st.sampled_from(["naik", "turun"]),
)
def test_never_negative_and_monotone(a: float, b: float, t: float, direction: str) -> None:
    low, high = sorted((a, b))
    c_low, c_high = capaian(low, t, direction), capaian(high, t, direction)
    assert c_low is not None
    assert c_high is not None
    assert c_low >= 0
    assert c_high >= 0
    if direction == "naik":
        assert c_high >= c_low
    else:
        assert c_high <= c_low


def test_bands_default_are_permendagri() -> None:
    assert [(b.min, b.nama) for b in DEFAULT_BANDS] == [
        (91, "Sangat Tinggi"),
        (76, "Tinggi"),
        (66, "Sedang"),
        (51, "Rendah"),
        (0, "Sangat Rendah"),
    ]
    assert predikat(95, [Band(91, "A"), Band(0, "B")]) == "A"


def test_stdlib_modules_do_not_import_pandas() -> None:
    code = (
        "import sys; import kinerja.recap, kinerja.model.periods, kinerja.recap.capaian, "
        "kinerja.recap.neutralise; print('pandas' in sys.modules, 'numpy' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(SCRIPTS)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == ["False", "False"]
