"""The document table and the totals per period x unit and per period.

Documents (LHP, LHE, TLHP): one row per period x unit x type that was requested (``dokumen`` of the
permintaan), listed in a submission, or planned. ``jumlah`` counts the documents listed, over all of
the unit's files for the period; it is missing (not 0) when the unit handed in nothing for the
period, and 0 when it handed in a file without documents of that type. The plan (``rencana``) is
the period target of the indicator that configuration maps to the type (``dokumen_indikator``,
e.g. ``LHP: jumlah-lhp``), for that unit and period; ``capaian`` is ``jumlah`` against it, higher is
better. A document type has no target of its own: the indicator catalogue stays the one place for
targets.

Totals: ``rata_capaian`` is the plain mean of the capaian of the rows that have one (rows without a
capaian do not count as 0); its predikat uses the same bands. Per period, the mean is over all
units' rows, so every indicator row weighs the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from kinerja.recap.capaian import Band
from kinerja.recap.capaian_vec import capaian_series, predikat_series
from kinerja.recap.columns import COLUMNS
from kinerja.recap.inputs import Inputs, add_period_columns

__all__ = ["dokumen_view", "per_periode_view", "per_unit_view"]

_DOC_KEY = ["periode", "unit", "jenis"]
_PU = ["periode", "unit"]


def dokumen_view(
    inputs: Inputs, work: pd.DataFrame, plan_map: Mapping[str, str], cap: float | None
) -> pd.DataFrame:
    """Documents per period x unit x type: diminta, diserahkan, jumlah, rencana, capaian."""
    frame = inputs.dokumen.merge(
        inputs.dokumen_diminta.assign(_diminta=1), on=_DOC_KEY, how="outer"
    )
    plans = [
        work.loc[work["indikator"].eq(ident) & work["target"].notna(), [*_PU, "target"]]
        .assign(jenis=jenis)
        .rename(columns={"target": "rencana"})
        for jenis, ident in sorted(plan_map.items())
    ]
    if plans:
        plan = pd.concat(plans, ignore_index=True).astype({"jenis": "str"})
        frame = frame.merge(plan, on=_DOC_KEY, how="outer")
    else:
        frame["rencana"] = np.nan
    frame = frame.merge(inputs.diserahkan, on=_PU, how="left")
    frame["diminta"] = frame.pop("_diminta").notna()
    frame["diserahkan"] = frame.pop("berkas").notna()
    counts = frame["jumlah"].fillna(0).where(frame["diserahkan"])
    frame["jumlah"] = counts.astype("Int64")
    frame["rencana"] = frame["rencana"].astype("float64")
    frame["capaian"] = capaian_series(
        frame["jumlah"], frame["rencana"], _nan(frame), _nan(frame),
        pd.Series("naik", index=frame.index, dtype="str"), cap=cap,
    )  # fmt: skip
    frame = add_period_columns(frame).sort_values(["_urut", "unit", "jenis"], kind="mergesort")
    return frame.loc[:, list(COLUMNS["dokumen"])].reset_index(drop=True)


def _nan(frame: pd.DataFrame) -> pd.Series[float]:
    return pd.Series(np.nan, index=frame.index, dtype="float64")


def _indicator_counts(work: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    return work.groupby(by, sort=False).agg(
        jumlah_indikator=("indikator", "size"),
        indikator_diminta=("diminta", "sum"),
        indikator_dilaporkan=("realisasi", "count"),
        indikator_bercapaian=("capaian", "count"),
        rata_capaian=("capaian", "mean"),
    )


_COUNTS = ["jumlah_indikator", "indikator_diminta", "indikator_dilaporkan", "indikator_bercapaian"]


def per_unit_view(
    work: pd.DataFrame,
    dokumen: pd.DataFrame,
    diserahkan: pd.DataFrame,
    bands: Sequence[Band | Mapping[str, Any]],
) -> pd.DataFrame:
    """Totals per period x unit, for every unit with a row, a document or a file in the period."""
    counts = _indicator_counts(work, _PU).reset_index()
    docs = dokumen.groupby(_PU, sort=False)["jumlah"].sum(min_count=1).rename("jumlah_dokumen")
    frame = counts.merge(docs.reset_index(), on=_PU, how="outer")
    frame = frame.merge(diserahkan, on=_PU, how="outer")
    frame["diserahkan"] = frame.pop("berkas").notna()
    for column in _COUNTS:
        frame[column] = frame[column].fillna(0).astype("int64")
    frame["jumlah_dokumen"] = frame["jumlah_dokumen"].astype("Int64")
    frame["rata_capaian"] = frame["rata_capaian"].astype("float64")
    frame["predikat"] = predikat_series(frame["rata_capaian"], bands)
    frame = add_period_columns(frame).sort_values(["_urut", "unit"], kind="mergesort")
    return frame.loc[:, list(COLUMNS["per_unit"])].reset_index(drop=True)


def per_periode_view(
    work: pd.DataFrame, per_unit: pd.DataFrame, bands: Sequence[Band | Mapping[str, Any]]
) -> pd.DataFrame:
    """Totals per period: units involved and handing in, indicator counts, mean capaian, docs."""
    counts = _indicator_counts(work, ["periode"]).reset_index()
    grouped = per_unit.groupby("periode", sort=False)
    units = grouped.agg(jumlah_unit=("unit", "size"), unit_menyerahkan=("diserahkan", "sum"))
    units["jumlah_dokumen"] = grouped["jumlah_dokumen"].sum(min_count=1)
    frame = units.reset_index().merge(counts, on="periode", how="left")
    for column in (*_COUNTS, "jumlah_unit", "unit_menyerahkan"):
        frame[column] = frame[column].fillna(0).astype("int64")
    frame["jumlah_dokumen"] = frame["jumlah_dokumen"].astype("Int64")
    frame["rata_capaian"] = frame["rata_capaian"].astype("float64")
    frame["predikat"] = predikat_series(frame["rata_capaian"], bands)
    frame = add_period_columns(frame).sort_values("_urut", kind="mergesort")
    return frame.loc[:, list(COLUMNS["per_periode"])].reset_index(drop=True)
