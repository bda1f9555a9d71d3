"""``build_recap``: from the loaded files to the :class:`~kinerja.recap.result.Recap` tables.

The rows of the ``indikator`` table are the union of what was requested (permintaan.yml) and what
was reported (the submissions): a requested indicator nobody reported stays, with a missing
realisasi; a reported one nobody requested stays too, with ``diminta`` false. Nothing is dropped.

When the same unit reports the same indicator twice for a period (two items, or two files such as
``wilayah-1.yml`` and ``wilayah-1.csv``, which validation should have stopped), the values are
combined by the indicator's own aggregation so no figure is lost: ``jumlah`` adds them,
``rata-rata`` averages them, ``terakhir`` (and an unknown indicator) keeps the last value in
source-file order.
``banyak_data`` says how many input values are behind a row, the notes are joined with ``; `` and
so are the source files.

Determinism: the input is put in a canonical order (period, unit, indicator, source file, position
in the file) before any arithmetic, so float sums are done in the same order whatever order the
caller passed the submissions in, and the output is byte-identical for the same files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from kinerja.recap.capaian import DEFAULT_BANDS, Band
from kinerja.recap.capaian_vec import capaian_series, predikat_series
from kinerja.recap.columns import COLUMNS
from kinerja.recap.inputs import (
    KEY,
    SubmissionsArg,
    add_period_columns,
    indicator_meta,
    read_inputs,
)
from kinerja.recap.result import Recap
from kinerja.recap.targets import annual_targets, period_targets
from kinerja.recap.totals import dokumen_view, per_periode_view, per_unit_view
from kinerja.recap.ytd import ytd_instansi_view, ytd_unit_view

__all__ = ["build_recap", "project"]

_TARGET = ("target", "target_min", "target_max")


def build_recap(
    indicators: Iterable[Mapping[str, Any]],
    requests: Mapping[str, Mapping[str, Any]],
    submissions: SubmissionsArg,
    bands: Sequence[Band | Mapping[str, Any]] = DEFAULT_BANDS,
    *,
    cap: float | None = None,
    dokumen_indikator: Mapping[str, str] | None = None,
) -> Recap:
    """Compute the recap.

    ``indicators``: the ``indikator`` list of indikator.yml. ``requests``: period -> permintaan
    dict. ``submissions``: ``(source path, submission dict)`` pairs (or path -> dict).
    ``bands``: ``pengaturan.predikat``. ``cap``: optional upper limit of every capaian.
    ``dokumen_indikator``: optional map from a document type to the indicator whose per-period
    target is the plan for that type (e.g. ``{"LHP": "jumlah-lhp"}``); without it the document
    table has counts but no plan.
    """
    catalogue = list(indicators)
    inputs = read_inputs(requests, submissions)
    meta = indicator_meta(catalogue)
    work = _work_frame(inputs.realisasi, inputs.diminta, meta, catalogue)
    work["capaian"] = capaian_series(
        work["realisasi"], work["target"], work["target_min"], work["target_max"], work["arah"],
        cap=cap,
    )  # fmt: skip
    work["predikat"] = predikat_series(work["capaian"], bands)

    dokumen = dokumen_view(inputs, work, dokumen_indikator or {}, cap)
    per_unit = per_unit_view(work, dokumen, inputs.diserahkan, bands)
    return Recap(
        indikator=project(work, "indikator"),
        ytd=ytd_unit_view(work, bands, cap),
        ytd_instansi=ytd_instansi_view(work, meta, catalogue, bands, cap),
        dokumen=dokumen,
        per_unit=per_unit,
        per_periode=per_periode_view(work, per_unit, bands),
    )


def project(frame: pd.DataFrame, view: str) -> pd.DataFrame:
    """The columns of ``view`` in their fixed order, with a fresh 0..n-1 index."""
    return frame.loc[:, list(COLUMNS[view])].reset_index(drop=True)


def _combine_duplicates(raw: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    """One row per (periode, unit, indikator): realisasi, catatan, sumber, banyak_data."""
    dup = raw.duplicated(KEY, keep=False).to_numpy()
    single = raw.loc[~dup, [*KEY, "nilai", "catatan", "sumber"]].rename(
        columns={"nilai": "realisasi"}
    )
    single["banyak_data"] = 1
    if not dup.any():
        return single
    # Only the duplicated keys need a canonical order (for "last" and for float sums); the rest
    # is put in order once, at the end of _work_frame.
    multi = raw.loc[dup].sort_values(
        [*KEY, "sumber", "urut", "nilai", "catatan"], kind="mergesort", na_position="last"
    )
    multi = multi.merge(meta[["indikator", "agregasi"]], on="indikator", how="left")
    grouped = multi.groupby(KEY, sort=False)
    combined = grouped.agg(
        jumlah=("nilai", "sum"),
        rata=("nilai", "mean"),
        akhir=("nilai", "last"),
        ada=("nilai", "count"),
        banyak_data=("nilai", "size"),
        agregasi=("agregasi", "first"),
    )
    combined["catatan"] = grouped["catatan"].agg(lambda s: "; ".join(dict.fromkeys(s.dropna())))
    combined["sumber"] = grouped["sumber"].agg(lambda s: "; ".join(sorted(set(s))))
    combined = combined.reset_index()
    agg = combined["agregasi"]
    combined["realisasi"] = np.select(
        [agg.eq("jumlah").to_numpy(), agg.eq("rata-rata").to_numpy()],
        [combined["jumlah"].to_numpy(), combined["rata"].to_numpy()],
        combined["akhir"].to_numpy(),
    )
    combined["realisasi"] = combined["realisasi"].where(combined["ada"] > 0)
    combined["catatan"] = combined["catatan"].replace("", np.nan).astype("str")
    columns = [*KEY, "realisasi", "catatan", "sumber", "banyak_data"]
    return pd.concat([single, combined[columns]], ignore_index=True)


def _work_frame(
    raw: pd.DataFrame,
    asked: pd.DataFrame,
    meta: pd.DataFrame,
    catalogue: list[Mapping[str, Any]],
) -> pd.DataFrame:
    """The per-row working table: inputs, indicator metadata, annual and period targets."""
    reported = _combine_duplicates(raw, meta)
    work = reported.merge(asked.assign(_diminta=1), on=KEY, how="outer")
    work["diminta"] = work.pop("_diminta").notna()
    work["banyak_data"] = work["banyak_data"].fillna(0).astype("int64")
    work = add_period_columns(work)
    work = work.merge(meta, on="indikator", how="left")

    combos = work[["indikator", "tahun", "unit"]].drop_duplicates()
    work = work.merge(annual_targets(catalogue, combos), on=["indikator", "tahun", "unit"],
                      how="left")  # fmt: skip
    work = work.merge(period_targets(catalogue), on=["entri", "periode"], how="left")

    has_period = (work["t_periode"].notna() | work["t_periode_min"].notna()).to_numpy()
    additive = work["agregasi"].eq("jumlah").to_numpy()
    for column, per_period, annual in zip(
        _TARGET,
        ("t_periode", "t_periode_min", "t_periode_max"),
        ("t_tahun", "t_tahun_min", "t_tahun_max"),
        strict=True,
    ):
        work[column] = np.where(
            has_period,
            work[per_period].to_numpy(dtype=np.float64),
            np.where(additive, np.nan, work[annual].to_numpy(dtype=np.float64)),
        )
    work = work.sort_values(["_urut", "unit", "indikator"], kind="mergesort")
    return work.reset_index(drop=True)
