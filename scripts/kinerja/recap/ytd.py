"""Year-to-date (kumulatif s.d. periode) figures, per unit and for the whole instansi.

Each indicator aggregates by its own rule: ``jumlah`` adds the periods' values, ``terakhir`` takes
the latest value reported so far, ``rata-rata`` averages the values reported so far. "So far" is
every period of the same year that sorts at or before the row's period (see
:mod:`kinerja.model.periods` for the order). Periods without a value are skipped, not counted as 0;
``banyak_data`` shows how many values are behind a figure, so a reader sees an incomplete year.
With no value at all the figure is missing, never 0.

The target is the annual target (:mod:`kinerja.recap.targets`). For ``jumlah`` that makes the
capaian s.d. a period the progress towards the year's total: 25% after the first quarter is on
track, so its predikat reads as progress, not as a verdict, until the last period of the year.

Across units (``ytd_instansi``): ``jumlah`` adds all units' values; ``rata-rata`` is the mean of all
units' values so far (every unit-period value weighs the same); ``terakhir`` is the mean over units
of each unit's latest value so far (each unit weighs the same). Rows whose indicator is unknown
(not in indikator.yml) have no rule and are left out of both tables; they stay in ``indikator``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from kinerja.recap.capaian import Band
from kinerja.recap.capaian_vec import capaian_series, predikat_series
from kinerja.recap.columns import COLUMNS
from kinerja.recap.targets import instansi_targets

__all__ = ["AGREGASI", "ytd_instansi_view", "ytd_unit_view"]

#: The aggregation rules an indicator can have.
AGREGASI = ("jumlah", "terakhir", "rata-rata")

_META = ["nama", "satuan", "arah", "agregasi", "presisi"]


def _by_rule(agregasi: pd.Series[Any], total: Any, mean: Any, last: Any) -> Any:
    return np.select(
        [agregasi.eq(rule).to_numpy() for rule in AGREGASI],
        [np.asarray(total, dtype=np.float64), np.asarray(last, dtype=np.float64),
         np.asarray(mean, dtype=np.float64)],
        np.nan,
    )  # fmt: skip


def _finish(
    frame: pd.DataFrame, view: str, bands: Sequence[Band | Mapping[str, Any]], cap: float | None
) -> pd.DataFrame:
    frame["capaian"] = capaian_series(
        frame["realisasi"], frame["target"], frame["target_min"], frame["target_max"],
        frame["arah"], cap=cap,
    )  # fmt: skip
    frame["predikat"] = predikat_series(frame["capaian"], bands)
    if "unit" not in frame:
        frame = frame.sort_values(["_urut", "indikator"], kind="mergesort")
    return frame.loc[:, list(COLUMNS[view])].reset_index(drop=True)


def ytd_unit_view(
    work: pd.DataFrame, bands: Sequence[Band | Mapping[str, Any]], cap: float | None
) -> pd.DataFrame:
    """Year to date per unit and indicator, one row per row of the ``indikator`` table.

    ``work`` is sorted by period, unit, indicator: within each (indicator, unit, year) group the
    rows are thus in time order, which is all the running sums need, and the result keeps that
    order.
    """
    rows = work.loc[work["agregasi"].isin(AGREGASI)]
    group = rows.groupby(["indikator", "unit", "tahun"], sort=False).ngroup().to_numpy()
    value = rows["realisasi"]
    count = value.notna().groupby(group).cumsum()
    total = value.fillna(0.0).groupby(group).cumsum().where(count > 0)
    mean = total / count.where(count > 0)
    last = value.groupby(group).ffill()

    out = rows[["periode", "_urut", "tahun", "unit", "indikator", *_META]].copy()
    out = out.rename(columns={"periode": "sd_periode"})
    out["banyak_data"] = count.astype("int64")
    out["realisasi"] = _by_rule(rows["agregasi"], total, mean, last)
    out["target"] = rows["t_tahun"]
    out["target_min"] = rows["t_tahun_min"]
    out["target_max"] = rows["t_tahun_max"]
    return _finish(out, "ytd", bands, cap)


def ytd_instansi_view(
    work: pd.DataFrame,
    meta: pd.DataFrame,
    catalogue: list[Mapping[str, Any]],
    bands: Sequence[Band | Mapping[str, Any]],
    cap: float | None,
) -> pd.DataFrame:
    """Year to date for the whole instansi, per indicator, as of each period it has rows in."""
    rows = work.loc[work["agregasi"].isin(AGREGASI)]
    keys = ["indikator", "tahun", "_urut"]
    per = rows.groupby([*keys, "periode"], sort=True).agg(
        s=("realisasi", "sum"), n=("realisasi", "count")
    )
    per = per.reset_index()
    year = per.groupby(["indikator", "tahun"], sort=False).ngroup().to_numpy()
    count = per["n"].groupby(year).cumsum()
    total = per["s"].groupby(year).cumsum().where(count > 0)
    mean = total / count.where(count > 0)

    # terakhir: each unit's latest value so far (forward fill along periods), averaged over units.
    last_rows = rows.loc[rows["agregasi"].eq("terakhir"), [*keys, "unit", "realisasi"]]
    wide = last_rows.set_index([*keys, "unit"])["realisasi"].unstack("unit")
    if len(wide.columns):
        latest = wide.groupby(level=["indikator", "tahun"]).ffill().mean(axis=1)
    else:
        latest = pd.Series(np.nan, index=wide.index, dtype="float64")
    per_index = pd.MultiIndex.from_frame(per[keys])
    last = latest.reindex(per_index).to_numpy(dtype=np.float64)

    # banyak_unit: units with a value so far = cumulative count of each unit's first value.
    valued = rows.loc[rows["realisasi"].notna()]
    first = valued.groupby(["indikator", "tahun", "unit"])["_urut"].min().reset_index()
    started = first.groupby(keys).size().reindex(per_index, fill_value=0).to_numpy()

    out = per[["periode", "_urut", "tahun", "indikator"]].rename(columns={"periode": "sd_periode"})
    out = out.merge(meta, on="indikator", how="left")
    out["banyak_unit"] = pd.Series(started, index=out.index).groupby(year).cumsum()
    out["banyak_data"] = count.astype("int64").to_numpy()
    out["realisasi"] = _by_rule(out["agregasi"], total, mean, last)
    combos = out[["indikator", "tahun"]].drop_duplicates()
    out = out.merge(instansi_targets(catalogue, combos), on=["indikator", "tahun"], how="left")
    return _finish(out, "ytd_instansi", bands, cap)
