"""Turn the loaded, validated files (plain dicts) into the flat tables the recap works on.

This is the one place with Python loops over the input: each submission's items are visited once to
fill column lists, and everything after that is vectorised pandas. The recap does not depend on the
model classes; callers pass the YAML dicts as described in docs/dev/data-contract.md.

Input that validation should have rejected is not dropped here: an unknown indicator keeps its row
(with no metadata, so no capaian), a non-numeric ``nilai`` becomes a missing realisasi. Only what
cannot be placed at all (a submission without ``unit`` or ``periode``) raises ``ValueError``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kinerja.model.periods import period_of
from kinerja.recap.capaian import as_number

__all__ = ["Inputs", "SubmissionsArg", "add_period_columns", "indicator_meta", "read_inputs"]

#: Submissions as ``(source path, submission dict)`` pairs, or a mapping from path to dict.
SubmissionsArg = Iterable[tuple[str, Mapping[str, Any]]] | Mapping[str, Mapping[str, Any]]

KEY = ["periode", "unit", "indikator"]


@dataclass(frozen=True)
class Inputs:
    """The input as tables, in no particular row order (the builder sorts)."""

    realisasi: pd.DataFrame  # periode, unit, indikator, nilai, catatan, sumber, urut
    diminta: pd.DataFrame  # periode, unit, indikator (requested indicators)
    dokumen: pd.DataFrame  # periode, unit, jenis, jumlah (documents listed, summed over files)
    dokumen_diminta: pd.DataFrame  # periode, unit, jenis (requested document types)
    diserahkan: pd.DataFrame  # periode, unit, berkas (units that handed in at least one file)


def _pairs(submissions: SubmissionsArg) -> list[tuple[str, Mapping[str, Any]]]:
    if isinstance(submissions, Mapping):
        return [(str(path), sub) for path, sub in submissions.items()]
    return [(str(path), sub) for path, sub in submissions]


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if text.strip() else None


def _where(sub: Mapping[str, Any], path: str) -> tuple[str, str]:
    periode, unit = sub.get("periode"), sub.get("unit")
    if not periode or not unit:
        raise ValueError(f"{path}: submisi tanpa 'periode' atau 'unit' tidak dapat direkap.")
    return str(periode), str(unit)


def read_inputs(requests: Mapping[str, Mapping[str, Any]], submissions: SubmissionsArg) -> Inputs:
    """Build the :class:`Inputs` tables from the request and submission dicts."""
    cols: dict[str, list[Any]] = {k: [] for k in (*KEY, "nilai", "catatan", "sumber", "urut")}
    doc_rows: list[tuple[str, str, str, int]] = []
    handed: list[tuple[str, str, str]] = []
    for path, sub in _pairs(submissions):
        periode, unit = _where(sub, path)
        handed.append((periode, unit, path))
        items = [item for item in (sub.get("realisasi") or []) if isinstance(item, Mapping)]
        n = len(items)
        cols["periode"].extend([periode] * n)
        cols["unit"].extend([unit] * n)
        cols["indikator"].extend(str(item.get("indikator")) for item in items)
        cols["nilai"].extend(as_number(item.get("nilai")) for item in items)
        cols["catatan"].extend(_text(item.get("catatan")) for item in items)
        cols["sumber"].extend([path] * n)
        cols["urut"].extend(range(n))
        kinds = Counter(
            str(doc.get("jenis")) for doc in (sub.get("dokumen") or []) if isinstance(doc, Mapping)
        )
        doc_rows.extend((periode, unit, jenis, count) for jenis, count in kinds.items())

    realisasi = pd.DataFrame(
        {
            "periode": pd.Series(cols["periode"], dtype="str"),
            "unit": pd.Series(cols["unit"], dtype="str"),
            "indikator": pd.Series(cols["indikator"], dtype="str"),
            "nilai": pd.Series(cols["nilai"], dtype="float64"),
            "catatan": pd.Series(cols["catatan"], dtype="str"),
            "sumber": pd.Series(cols["sumber"], dtype="str"),
            "urut": pd.Series(cols["urut"], dtype="int64"),
        }
    )

    asked: list[tuple[str, str, str]] = []
    asked_docs: list[tuple[str, str, str]] = []
    for periode, request in requests.items():
        for penerima in request.get("penerima") or []:
            if not isinstance(penerima, Mapping) or not penerima.get("unit"):
                continue
            unit = str(penerima["unit"])
            asked.extend((str(periode), unit, str(i)) for i in penerima.get("indikator") or [])
            asked_docs.extend((str(periode), unit, str(j)) for j in penerima.get("dokumen") or [])

    dokumen = _frame(doc_rows, ["periode", "unit", "jenis", "jumlah"])
    dokumen = dokumen.groupby(["periode", "unit", "jenis"], as_index=False).agg(
        jumlah=("jumlah", "sum")
    )
    diserahkan = _frame(handed, ["periode", "unit", "berkas"])
    diserahkan = diserahkan.groupby(["periode", "unit"], as_index=False).agg(
        berkas=("berkas", "size")
    )
    return Inputs(
        realisasi=realisasi,
        diminta=_frame(asked, KEY).drop_duplicates(),
        dokumen=dokumen,
        dokumen_diminta=_frame(asked_docs, ["periode", "unit", "jenis"]).drop_duplicates(),
        diserahkan=diserahkan,
    )


def _frame(rows: list[tuple[Any, ...]], columns: list[str]) -> pd.DataFrame:
    """A frame with text key columns (``str``) and int64 counts, also when ``rows`` is empty."""
    frame = pd.DataFrame(rows, columns=columns)
    dtypes = {c: ("int64" if c == "jumlah" else "str") for c in columns}
    return frame.astype(dtypes)


def indicator_meta(indicators: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """One row per indicator id: nama, satuan, arah, agregasi, presisi (first definition wins)."""
    rows: dict[str, tuple[Any, ...]] = {}
    for ind in indicators:
        ident = str(ind.get("id"))
        presisi = ind.get("presisi")
        rows.setdefault(
            ident,
            (
                ident,
                _text(ind.get("nama")),
                _text(ind.get("satuan")),
                _text(ind.get("arah")),
                _text(ind.get("agregasi")),
                presisi if isinstance(presisi, int) and not isinstance(presisi, bool) else None,
            ),
        )
    frame = pd.DataFrame(
        list(rows.values()),
        columns=["indikator", "nama", "satuan", "arah", "agregasi", "presisi"],
    )
    frame = frame.astype(dict.fromkeys(("indikator", "nama", "satuan", "arah", "agregasi"), "str"))
    frame["presisi"] = pd.array(
        [np.nan if p is None else p for p in frame["presisi"]], dtype="Int64"
    )
    return frame


def add_period_columns(frame: pd.DataFrame, column: str = "periode") -> pd.DataFrame:
    """Add ``tahun`` (int) and ``_urut`` (the period's sort key) computed from ``column``.

    Periods are parsed once per distinct value, then mapped: the table may have many rows but only
    a few dozen periods.
    """
    codes, uniques = pd.factorize(frame[column])
    parsed = [period_of(str(p)) for p in uniques]
    frame["tahun"] = np.array([p.year for p in parsed], dtype=np.int64)[codes]
    frame["_urut"] = np.array([p.key for p in parsed], dtype=np.int64)[codes]
    return frame
