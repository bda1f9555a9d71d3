"""What a report covers: a year (``2026``) or a quarter (``2026-q3``), up to its last month."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kinerja.model.periods import ROMAN, Period

__all__ = ["Scope", "parse_scope"]

_SCOPE = re.compile(r"^(?P<year>[0-9]{4})(?:-[qQ](?P<quarter>[1-4]))?$")


@dataclass(frozen=True)
class Scope:
    """A reporting year, or one quarter of it (the quarterly capaian recap of SOP step 6)."""

    tahun: int
    triwulan: int | None = None

    @property
    def id(self) -> str:
        return f"{self.tahun}-q{self.triwulan}" if self.triwulan else str(self.tahun)

    @property
    def quarterly(self) -> bool:
        return self.triwulan is not None

    @property
    def last_month(self) -> int:
        return self.triwulan * 3 if self.triwulan else 12

    @property
    def label(self) -> str:
        """``Tahun 2026`` or ``Triwulan III 2026``."""
        if self.triwulan:
            return f"Triwulan {ROMAN[self.triwulan - 1]} {self.tahun}"
        return f"Tahun {self.tahun}"

    @property
    def label_in_text(self) -> str:
        """The label inside a sentence: ``tahun 2026``, ``triwulan III 2026`` (numeral kept)."""
        return self.label[0].lower() + self.label[1:]

    def covers(self, period: Period) -> bool:
        """Whether a period counts for this report (its year, ending by the scope's last month)."""
        return period.year == self.tahun and period.last_month <= self.last_month

    def within_quarter(self, period: Period) -> bool:
        """For a quarterly scope: the period falls in that quarter (its months or itself)."""
        return (
            self.triwulan is not None
            and period.year == self.tahun
            and period.quarter == self.triwulan
        )


def parse_scope(text: str) -> Scope:
    """``2026`` or ``2026-q3``; raise ``ValueError`` with an Indonesian message otherwise."""
    match = _SCOPE.fullmatch(text.strip())
    if match is None:
        raise ValueError(
            f"'{text}' bukan tahun atau triwulan: tulis TTTT untuk laporan tahunan (mis. 2026) "
            "atau TTTT-qN untuk laporan triwulan (mis. 2026-q3)."
        )
    year = int(match["year"])
    if not 2000 <= year <= 2100:
        raise ValueError(f"Tahun {year} di luar rentang 2000-2100.")
    quarter = int(match["quarter"]) if match["quarter"] else None
    return Scope(year, quarter)
