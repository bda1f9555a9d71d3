"""Reporting periods: ``YYYY-MM`` (a month) and ``YYYY-qN`` (a quarter, triwulan).

Standard library only, so that commands that merely list or label periods do not pay for pandas.

Ordering: periods sort by year, then by the month they *end* in, a month before the quarter that
ends with it (``2026-01 < 2026-02 < 2026-03 < 2026-q1 < 2026-04``). A quarter thus comes after all
of its months, which is what "year to date as of this period" needs: everything that sorts at or
before a period within its year is part of its year-to-date figure. :class:`Period` compares in
this order, and :attr:`Period.key` is an integer that sorts the same way.

Two parsers: :func:`parse_period` returns ``None`` for text that is not a period (for callers that
word their own error), :func:`period_of` raises ``ValueError`` with an Indonesian message. The
helpers that take a period id (``period_key``, ``period_label`` ...) raise like :func:`period_of`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = [
    "MONTHS",
    "PERIOD_RE",
    "ROMAN",
    "SHORT_MONTHS",
    "Period",
    "is_period",
    "months_of_quarter",
    "parse_period",
    "period_key",
    "period_label",
    "period_of",
    "period_year",
    "periods_of_year_upto",
    "quarter_of_month",
    "quarter_period_of",
    "sort_periods",
]

PERIOD_RE = re.compile(r"^(?P<year>[0-9]{4})-(?:(?P<month>0[1-9]|1[0-2])|q(?P<quarter>[1-4]))$")

#: Indonesian month names, index 0 = January (one list for the whole package).
MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
#: Abbreviations for narrow cells and chart axes.
SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True, order=True)
class Period:
    """A month or a quarter. The compared fields are ordered so that comparing compares time."""

    year: int
    last_month: int  # the month (1-12) in which the period ends
    quarterly: bool  # False = a month, True = a quarter (sorts after its last month)
    #: The canonical text form, as used in folder names: ``2026-10`` or ``2026-q4``.
    id: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not 1 <= self.last_month <= 12 or (self.quarterly and self.last_month % 3):
            kind = "quarter" if self.quarterly else "month"
            raise ValueError(f"no {kind} ends in month {self.last_month}")
        if self.quarterly:
            text = f"{self.year}-q{self.last_month // 3}"
        else:
            text = f"{self.year}-{self.last_month:02d}"
        object.__setattr__(self, "id", text)

    @property
    def first_month(self) -> int:
        """The first month (1-12) the period covers."""
        return self.last_month - 2 if self.quarterly else self.last_month

    @property
    def quarter(self) -> int:
        """The quarter (1-4) the period falls in; for a quarter, the quarter itself."""
        return quarter_of_month(self.last_month)

    @property
    def label(self) -> str:
        """The Indonesian name: ``Oktober 2026`` or ``Triwulan IV 2026``."""
        if self.quarterly:
            return f"Triwulan {ROMAN[self.quarter - 1]} {self.year}"
        return f"{MONTHS[self.last_month - 1]} {self.year}"

    @property
    def key(self) -> int:
        """An integer that sorts like the period (handy as a pandas sort column)."""
        return self.year * 1000 + self.last_month * 10 + int(self.quarterly)


def parse_period(text: str) -> Period | None:
    """Parse ``YYYY-MM`` or ``YYYY-qN``; ``None`` for anything else."""
    match = PERIOD_RE.fullmatch(text)
    if match is None:
        return None
    year = int(match["year"])
    if match["month"]:
        return Period(year, int(match["month"]), False)
    return Period(year, int(match["quarter"]) * 3, True)


def period_of(text: str) -> Period:
    """Parse ``YYYY-MM`` or ``YYYY-qN``; raise ``ValueError`` (message in Indonesian) otherwise."""
    period = parse_period(text)
    if period is None:
        raise ValueError(
            f"Periode {text!r} tidak dikenali: tulis YYYY-MM (bulanan, mis. 2026-10) "
            "atau YYYY-qN (triwulanan, mis. 2026-q4)."
        )
    return period


def is_period(text: str) -> bool:
    """True if ``text`` is a valid period id."""
    return PERIOD_RE.fullmatch(text) is not None


def period_key(text: str) -> int:
    """Sort key of a period id (see the module docstring for the order)."""
    return period_of(text).key


def period_year(text: str) -> int:
    """The year of a period id."""
    return period_of(text).year


def period_label(text: str) -> str:
    """The Indonesian label of a period id: ``Oktober 2026``, ``Triwulan IV 2026``."""
    return period_of(text).label


def quarter_of_month(month: int) -> int:
    """The quarter (1-4) of a month (1-12)."""
    if not 1 <= month <= 12:
        raise ValueError(f"Bulan {month} tidak ada: bulan bernilai 1 sampai 12.")
    return (month - 1) // 3 + 1


def quarter_period_of(text: str) -> str:
    """The quarter id a period falls in: ``2026-11`` -> ``2026-q4``; a quarter maps to itself."""
    p = period_of(text)
    return f"{p.year}-q{p.quarter}"


def months_of_quarter(text: str) -> list[str]:
    """The month ids of a quarter (or the month itself for a month id)."""
    p = period_of(text)
    return [f"{p.year}-{m:02d}" for m in range(p.first_month, p.last_month + 1)]


def periods_of_year_upto(text: str) -> list[str]:
    """The periods of the same kind from the start of the year up to and including ``text``.

    ``2026-q3`` -> ``[2026-q1, 2026-q2, 2026-q3]``; ``2026-03`` -> ``[2026-01, 2026-02, 2026-03]``.
    This is the set a year-to-date figure over one kind of period covers.
    """
    p = period_of(text)
    if p.quarterly:
        return [f"{p.year}-q{n}" for n in range(1, p.quarter + 1)]
    return [f"{p.year}-{m:02d}" for m in range(1, p.last_month + 1)]


def sort_periods(ids: list[str] | set[str] | tuple[str, ...]) -> list[str]:
    """Period ids in time order (the order of :class:`Period`), without repeats."""
    return sorted(set(ids), key=period_key)
