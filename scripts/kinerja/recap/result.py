"""The recap as a value: a frozen set of tables with fixed columns and a fixed row order."""

from __future__ import annotations

from dataclasses import dataclass, fields

import pandas as pd

from kinerja.recap.columns import VIEWS

__all__ = ["Recap"]


@dataclass(frozen=True, eq=False)
class Recap:
    """The computed recap. Every table is sorted by period (time order), unit, then indicator or
    document type, with the columns of :data:`kinerja.recap.columns.COLUMNS`.

    * ``indikator``: one row per period x unit x indicator that was requested or reported.
    * ``ytd``: year to date per unit and indicator, as of each period the unit has a row in.
    * ``ytd_instansi``: year to date for the whole instansi (all units), as of each period.
    * ``dokumen``: documents per period x unit x type: requested?, listed, planned.
    * ``per_unit`` / ``per_periode``: totals per period x unit and per period.

    ``eq=False``: DataFrames have no single truth value; compare exports instead.
    """

    indikator: pd.DataFrame
    ytd: pd.DataFrame
    ytd_instansi: pd.DataFrame
    dokumen: pd.DataFrame
    per_unit: pd.DataFrame
    per_periode: pd.DataFrame

    def view(self, name: str) -> pd.DataFrame:
        """A table by its name (one of :data:`~kinerja.recap.columns.VIEWS`)."""
        if name not in VIEWS:
            raise KeyError(f"Tabel rekap {name!r} tidak ada; pilihan: {', '.join(VIEWS)}.")
        frame: pd.DataFrame = getattr(self, name)
        return frame

    def views(self) -> dict[str, pd.DataFrame]:
        """All tables, in export order."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def to_csv(self, name: str, *, dialek: str = "excel-id") -> str:
        """One table as CSV text (see :func:`kinerja.recap.export.to_csv`)."""
        from kinerja.recap.export import to_csv

        return to_csv(self, name, dialek=dialek)

    def to_json(self) -> str:
        """All tables as one JSON document (see :func:`kinerja.recap.export.to_json`)."""
        from kinerja.recap.export import to_json

        return to_json(self)
