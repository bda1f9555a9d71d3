"""The capaian and predikat rules of :mod:`kinerja.recap.capaian`, over whole pandas Series.

Same rules, same floating-point operations in the same order, so the vectorised result equals the
scalar one bit for bit (a property test checks this). Kept apart from the scalar module so that
code needing one capaian does not import pandas.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from kinerja.recap.capaian import DEFAULT_BANDS, Band, normalise_bands

__all__ = ["capaian_series", "predikat_series"]

_F = npt.NDArray[np.float64]


def _finite(series: pd.Series[Any]) -> _F:
    values = pd.to_numeric(series, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    return np.where(np.isfinite(values), values, np.nan)


def _point(r: _F, t: _F, naik: npt.NDArray[np.bool_], turun: npt.NDArray[np.bool_]) -> _F:
    """Capaian against single targets ``t`` (NaN where undefined), before floor and cap."""
    with np.errstate(divide="ignore", invalid="ignore"):
        up = np.where(t == 0, np.where(r >= 0, 100.0, 0.0), r / t * 100.0)
        down = np.where(t == 0, np.where(r <= 0, 100.0, 0.0), (2.0 * t - r) / t * 100.0)
    value = np.where(naik, up, np.where(turun, down, np.nan))
    return np.where(t < 0, np.nan, value)


def capaian_series(
    realisasi: pd.Series[Any],
    target: pd.Series[Any],
    target_min: pd.Series[Any],
    target_max: pd.Series[Any],
    arah: pd.Series[Any],
    *,
    cap: float | None = None,
) -> pd.Series[float]:
    """Capaian per row; a row is a range target where ``target_min`` or ``target_max`` is set.

    All arguments are aligned Series (same index). The result is a float Series, NaN where the
    capaian is undefined (missing realisasi or target, negative target, bad range, unknown arah).
    """
    r, t = _finite(realisasi), _finite(target)
    lo, hi = _finite(target_min), _finite(target_max)
    direction = arah.astype("object").to_numpy()
    naik = direction == "naik"
    turun = direction == "turun"

    ranged = pd.notna(target_min).to_numpy() | pd.notna(target_max).to_numpy()
    valid_range = ranged & ~np.isnan(lo) & ~np.isnan(hi) & (lo <= hi)
    inside = valid_range & (r >= lo) & (r <= hi)
    nearest = np.where(r < lo, lo, np.where(r > hi, hi, np.nan))
    effective = np.where(ranged, np.where(valid_range, nearest, np.nan), t)

    value = _point(r, effective, naik, turun)
    value = np.where(inside & (naik | turun), 100.0, value)
    value = np.where(np.isnan(r) | ~np.isfinite(value), np.nan, np.maximum(value, 0.0))
    if cap is not None:
        value = np.minimum(value, cap)
    return pd.Series(value, index=realisasi.index, dtype="float64", name="capaian")


def predikat_series(
    capaian: pd.Series[Any],
    bands: Sequence[Band | Mapping[str, Any]] = DEFAULT_BANDS,
) -> pd.Series[str]:
    """The band name per capaian (thresholds on the unrounded value); NaN where there is none."""
    ordered = normalise_bands(bands)[::-1]  # lowest min first, for searchsorted
    mins = np.array([b.min for b in ordered], dtype=np.float64)
    names = np.array([b.nama for b in ordered] + [None], dtype=object)
    values = _finite(capaian)
    index = np.searchsorted(mins, values, side="right") - 1
    index = np.where(np.isnan(values) | (index < 0), len(ordered), index)
    return pd.Series(names[index], index=capaian.index, dtype="str", name="predikat")
