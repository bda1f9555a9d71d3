"""What a change to the files does to the recap: rows added, removed or changed.

Used by CI to summarise a pull request ("this submission changes the capaian of ..."). Two recaps'
``indikator`` tables are compared on (periode, unit, indikator). A row is *diubah* when its
realisasi, capaian or predikat differs (a target change shows through the capaian). Missing equals
missing; numbers are compared exactly, since the recap is deterministic.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from kinerja.model.periods import is_period, period_label
from kinerja.recap.columns import header
from kinerja.recap.inputs import add_period_columns
from kinerja.recap.result import Recap

__all__ = ["DIFF_COLUMNS", "diff_markdown", "diff_recaps"]

_KEY = ["periode", "unit", "indikator"]
_COMPARED = ["realisasi", "capaian", "predikat"]
DIFF_COLUMNS: tuple[str, ...] = (
    *_KEY,
    "perubahan",
    "realisasi_lama",
    "realisasi_baru",
    "capaian_lama",
    "capaian_baru",
    "predikat_lama",
    "predikat_baru",
)
_ORDER = {"ditambah": 0, "diubah": 1, "dihapus": 2}


def _differs(old: pd.Series[Any], new: pd.Series[Any]) -> np.ndarray[Any, np.dtype[np.bool_]]:
    both_missing = (old.isna() & new.isna()).to_numpy()
    same = (old == new).fillna(False).to_numpy(dtype=bool)
    return ~(same | both_missing)


def diff_recaps(old: Recap, new: Recap) -> pd.DataFrame:
    """Rows of ``indikator`` that were added, removed or changed, sorted like the recap.

    Columns: :data:`DIFF_COLUMNS`; ``perubahan`` is ``ditambah``, ``dihapus`` or ``diubah``.
    """
    left = old.indikator[[*_KEY, *_COMPARED]]
    right = new.indikator[[*_KEY, *_COMPARED]]
    both = left.merge(right, on=_KEY, how="outer", suffixes=("_lama", "_baru"), indicator=True)
    side = both.pop("_merge").astype("str")
    changed = np.zeros(len(both), dtype=bool)
    for column in _COMPARED:
        changed |= _differs(both[f"{column}_lama"], both[f"{column}_baru"])
    both["perubahan"] = np.select(
        [side.eq("right_only").to_numpy(), side.eq("left_only").to_numpy(), changed],
        ["ditambah", "dihapus", "diubah"],
        "",
    )
    both = both.loc[both["perubahan"] != ""].copy()
    both["perubahan"] = both["perubahan"].astype("str")
    both = add_period_columns(both).sort_values(["_urut", "unit", "indikator"], kind="mergesort")
    return both.loc[:, list(DIFF_COLUMNS)].reset_index(drop=True)


def _number(value: Any, decimals: int | None) -> str:
    """Indonesian number text: ``1.234,5``; an en dash for missing."""
    if value is None or pd.isna(value):
        return "–"
    number = float(value)
    text = f"{number:,.{decimals}f}" if decimals is not None else f"{number:,.4f}".rstrip("0")
    text = text.rstrip(".") if decimals is None else text
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def _cell(text: str) -> str:
    """Text made safe for a Markdown table cell (no table breaks, no HTML, no mentions)."""
    for raw, safe in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "\\|")):
        text = text.replace(raw, safe)
    return " ".join(text.split()).replace("@", "@\u200b")


def _pair(old: str, new: str, kind: str) -> str:
    if kind == "ditambah":
        return new
    if kind == "dihapus":
        return old
    return new if old == new else f"{old} → {new}"


def diff_markdown(diff: pd.DataFrame, *, max_baris: int = 50) -> str:
    """The diff as an Indonesian Markdown section for a pull-request summary."""
    if diff.empty:
        return "### Perubahan rekap capaian\n\nTidak ada perubahan pada rekap capaian.\n"
    counts = diff["perubahan"].value_counts()
    summary = ", ".join(
        f"{int(counts.get(kind, 0))} baris {kind}" for kind in ("ditambah", "diubah", "dihapus")
    )
    lines = [
        "### Perubahan rekap capaian",
        "",
        f"Dibandingkan dengan rekap sebelum perubahan: {summary}.",
        "",
        "| " + " | ".join(["Periode", header("unit"), header("indikator"), "Perubahan",
                           header("realisasi"), header("capaian"), header("predikat")]) + " |",
        "|---|---|---|---|--:|--:|---|",
    ]  # fmt: skip
    for row in diff.head(max_baris).itertuples(index=False):
        kind = str(row.perubahan)
        periode = str(row.periode)
        label = period_label(periode) if is_period(periode) else periode
        cells = [
            _cell(label),
            _cell(str(row.unit)),
            _cell(str(row.indikator)),
            kind,
            _pair(_number(row.realisasi_lama, None), _number(row.realisasi_baru, None), kind),
            _pair(_number(row.capaian_lama, 2), _number(row.capaian_baru, 2), kind),
            _pair(_text(row.predikat_lama), _text(row.predikat_baru), kind),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    if len(diff) > max_baris:
        lines += ["", f"… dan {len(diff) - max_baris} baris lainnya (lihat rekap lengkap)."]
    return "\n".join(lines) + "\n"


def _text(value: Any) -> str:
    return "–" if value is None or pd.isna(value) else _cell(str(value))
