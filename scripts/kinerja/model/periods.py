"""Period ids: ``YYYY-MM`` (monthly) and ``YYYY-qN`` (quarterly)."""

from __future__ import annotations

import re
from dataclasses import dataclass

PERIOD_RE = re.compile(r"^(?P<year>[0-9]{4})-(?:(?P<month>0[1-9]|1[0-2])|q(?P<quarter>[1-4]))$")

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
#: Abbreviations for narrow cells and chart axes.
SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    first_month: int
    last_month: int
    id: str

    @property
    def quarterly(self) -> bool:
        return self.first_month != self.last_month

    @property
    def label(self) -> str:
        if self.quarterly:
            return f"Triwulan {ROMAN[self.last_month // 3 - 1]} {self.year}"
        return f"{MONTHS[self.first_month - 1]} {self.year}"


def parse_period(text: str) -> Period | None:
    match = PERIOD_RE.match(text)
    if not match:
        return None
    year = int(match["year"])
    if match["month"]:
        month = int(match["month"])
        return Period(year, month, month, text)
    quarter = int(match["quarter"])
    return Period(year, quarter * 3 - 2, quarter * 3, text)


def is_period(text: str) -> bool:
    return PERIOD_RE.match(text) is not None
