"""CSV and JSON exports of a recap: byte-identical for the same input.

CSV is for people and their spreadsheets: Indonesian headers, ``ya``/``tidak`` for yes/no, text
cells neutralised against formula injection (:mod:`kinerja.recap.neutralise`). The default dialect
``excel-id`` is what Excel with Indonesian regional settings opens without an import dialog:
``;`` separator, decimal comma, UTF-8 with a byte-order mark (the same dialect the submission reader
accepts). ``standar`` is ``,`` and a decimal point, without BOM, for other programs.

JSON is for programs (the site's tables and charts): the column *keys* of
:data:`kinerja.recap.columns.COLUMNS`, ``null`` for missing values, numbers in Python's shortest
round-trip form, no neutralisation (JSON is not opened by spreadsheets; the site escapes HTML).

Numbers in CSV and XLSX are the values the site shows: capaian rounded to two decimals, every
other number to its exact decimal value (:mod:`kinerja.recap.decimals`), never binary float noise
such as ``90,36250000000001``. JSON keeps full precision (programs round for themselves).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kinerja.recap.columns import SHEETS, VIEWS, header
from kinerja.recap.decimals import decimal_text, decimals_of, rounded
from kinerja.recap.neutralise import neutralise
from kinerja.recap.result import Recap

__all__ = [
    "DIALECTS",
    "JSON_VERSION",
    "for_people",
    "neutralise_series",
    "rounded_series",
    "to_csv",
    "to_json",
    "write_csv",
    "write_json",
]

#: CSV dialects: name -> (separator, decimal mark, write a BOM).
DIALECTS: dict[str, tuple[str, str, bool]] = {
    "excel-id": (";", ",", True),
    "standar": (",", ".", False),
}
#: Version of the JSON document's shape; raise it when a consumer would break.
JSON_VERSION = 1

_YA_TIDAK = {True: "ya", False: "tidak"}


def _is_text(series: pd.Series[Any]) -> bool:
    return pd.api.types.is_string_dtype(series.dtype) or series.dtype == object


def neutralise_series(series: pd.Series[Any]) -> pd.Series[Any]:
    """Text cells that start like a formula get a leading ``'``; missing cells stay missing.

    Recap text columns repeat a few values (ids, names, predikat), so the check runs once per
    distinct value and the result is spread back by position.
    """
    codes, uniques = pd.factorize(series.astype("str"))
    safe = np.array([neutralise(str(u)) for u in uniques] + [np.nan], dtype=object)
    return pd.Series(safe[codes], index=series.index, dtype="str", name=series.name)


def rounded_series(series: pd.Series[Any], places: int) -> pd.Series[Any]:
    """Floats rounded to ``places`` decimals the way the site rounds them (Python's ``round``,
    once per distinct value); missing stays missing."""
    codes, uniques = pd.factorize(series)
    table = np.array([rounded(v, places) for v in uniques.tolist()] + [np.nan], dtype="float64")
    return pd.Series(table[codes], index=series.index, dtype="float64", name=series.name)


def for_people(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of a recap table made safe and readable for a spreadsheet (values, not headers):
    booleans as ``ya``/``tidak``, text neutralised, floats rounded as the site shows them
    (:func:`kinerja.recap.decimals.decimals_of`)."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_float_dtype(series.dtype):
            out[column] = rounded_series(series, decimals_of(str(column)))
        elif pd.api.types.is_bool_dtype(series.dtype):
            out[column] = series.map(_YA_TIDAK).astype("str")
        elif _is_text(series):
            out[column] = neutralise_series(series)
    return out


def _number_text(series: pd.Series[Any], decimal: str) -> pd.Series[Any]:
    """Floats as their shortest plain decimal text (``12`` for 12.0, never an exponent), with
    the dialect's decimal mark; missing stays missing. Formatted once per distinct value."""
    codes, uniques = pd.factorize(series)
    texts = [decimal_text(value, decimal) for value in uniques.tolist()]
    table = np.array([*texts, np.nan], dtype=object)
    return pd.Series(table[codes], index=series.index, dtype="str", name=series.name)


def to_csv(recap: Recap, view: str, *, dialek: str = "excel-id") -> str:
    """One recap table as CSV text (no BOM; :func:`write_csv` adds it for ``excel-id``)."""
    if dialek not in DIALECTS:
        raise ValueError(f"Dialek CSV {dialek!r} tidak dikenal; pilihan: {', '.join(DIALECTS)}.")
    separator, decimal, _ = DIALECTS[dialek]
    frame = for_people(recap.view(view))
    for column in frame.columns:
        if pd.api.types.is_float_dtype(frame[column].dtype):
            frame[column] = _number_text(frame[column], decimal)
    frame.columns = pd.Index([header(c) for c in frame.columns])
    text: str = frame.to_csv(sep=separator, index=False, lineterminator="\n", na_rep="")
    return text


def write_csv(recap: Recap, directory: Path | str, *, dialek: str = "excel-id") -> list[Path]:
    """Write every table as ``rekap-<tabel>.csv`` into ``directory``; return the paths."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    bom = DIALECTS[dialek][2] if dialek in DIALECTS else False
    paths = []
    for view in VIEWS:
        path = folder / f"rekap-{view.replace('_', '-')}.csv"
        text = to_csv(recap, view, dialek=dialek)
        path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
        paths.append(path)
    return paths


def _rows(frame: pd.DataFrame) -> list[list[Any]]:
    values = frame.astype(object).where(frame.notna().to_numpy(), None)
    rows: list[list[Any]] = values.to_numpy().tolist()
    return rows


def _plain(value: Any) -> Any:
    """``json.dumps`` fallback for numpy scalars that slipped through."""
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"tidak dapat ditulis sebagai JSON: {type(value).__name__}")


def to_json(recap: Recap) -> str:
    """All tables as one JSON document.

    Shape: ``{"versi": 1, "tabel": {name: {"judul", "kolom", "baris"}}}`` with ``kolom`` the
    column keys and ``baris`` one array per row in that column order (the "split" layout: half
    the size of one object per row, and as easy to read into a table).
    """
    document = {
        "versi": JSON_VERSION,
        "tabel": {
            view: {
                "judul": SHEETS[view],
                "kolom": list(recap.view(view).columns),
                "baris": _rows(recap.view(view)),
            }
            for view in VIEWS
        },
    }
    text = json.dumps(
        document, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=_plain
    )
    return text + "\n"


def write_json(recap: Recap, path: Path | str) -> Path:
    """Write :func:`to_json` to ``path`` (UTF-8)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(to_json(recap), encoding="utf-8", newline="\n")
    return target
