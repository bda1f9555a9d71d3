"""Reporting periods: ``YYYY-MM`` (a month) and ``YYYY-qN`` (a quarter, triwulan).

Standard library only, so that commands that merely list or label periods do not pay for pandas.

Ordering: periods sort by year, then by the month they *end* in, a month before the quarter that
ends with it (``2026-01 < 2026-02 < 2026-03 < 2026-q1 < 2026-04``). A quarter thus comes after all
of its months, which is what "year to date as of this period" needs: everything that sorts at or
before a period within its year is part of its year-to-date figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kinerja.model.periods import MONTHS

__all__ = [
    "MONTH_NAMES",
    "Period",
    "is_period",
    "months_of_quarter",
    "parse_period",
    "period_key",
    "period_label",
    "period_year",
    "periods_of_year_upto",
    "quarter_of_month",
    "quarter_period_of",
    "sort_periods",
]

_MONTH = re.compile(r"(?P<tahun>\d{4})-(?P<bulan>0[1-9]|1[0-2])")
_QUARTER = re.compile(r"(?P<tahun>\d{4})-q(?P<triwulan>[1-4])")

#: Indonesian month names, index 0 = January (one list for the whole package).
MONTH_NAMES: tuple[str, ...] = MONTHS
_ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True, order=True)
class Period:
    """A parsed period. Fields are ordered so that comparing two periods compares time."""

    tahun: int
    bulan_akhir: int  # month (1-12) in which the period ends
    triwulanan: bool  # False = a month, True = a quarter (sorts after its last month)

    @property
    def kode(self) -> str:
        """The canonical text form, as used in folder names: ``2026-10`` or ``2026-q4``."""
        if self.triwulanan:
            return f"{self.tahun}-q{self.bulan_akhir // 3}"
        return f"{self.tahun}-{self.bulan_akhir:02d}"

    @property
    def bulan_awal(self) -> int:
        """The first month (1-12) the period covers."""
        return self.bulan_akhir - 2 if self.triwulanan else self.bulan_akhir

    @property
    def triwulan(self) -> int:
        """The quarter (1-4) the period falls in; for a quarter, the quarter itself."""
        return quarter_of_month(self.bulan_akhir)

    @property
    def label(self) -> str:
        """The Indonesian name: ``Oktober 2026`` or ``Triwulan IV 2026``."""
        if self.triwulanan:
            return f"Triwulan {_ROMAN[self.triwulan - 1]} {self.tahun}"
        return f"{MONTH_NAMES[self.bulan_akhir - 1]} {self.tahun}"

    @property
    def key(self) -> int:
        """An integer that sorts like the period (handy as a pandas sort column)."""
        return self.tahun * 1000 + self.bulan_akhir * 10 + int(self.triwulanan)


def parse_period(text: str) -> Period:
    """Parse ``YYYY-MM`` or ``YYYY-qN``; raise ``ValueError`` (message in Indonesian) otherwise."""
    m = _MONTH.fullmatch(text)
    if m is not None:
        return Period(int(m["tahun"]), int(m["bulan"]), False)
    q = _QUARTER.fullmatch(text)
    if q is not None:
        return Period(int(q["tahun"]), int(q["triwulan"]) * 3, True)
    raise ValueError(
        f"Periode {text!r} tidak dikenali: tulis YYYY-MM (bulanan, mis. 2026-10) "
        "atau YYYY-qN (triwulanan, mis. 2026-q4)."
    )


def is_period(text: str) -> bool:
    """True if ``text`` is a valid period code."""
    return _MONTH.fullmatch(text) is not None or _QUARTER.fullmatch(text) is not None


def period_key(text: str) -> int:
    """Sort key of a period code (see the module docstring for the order)."""
    return parse_period(text).key


def period_year(text: str) -> int:
    """The year of a period code."""
    return parse_period(text).tahun


def period_label(text: str) -> str:
    """The Indonesian label of a period code: ``Oktober 2026``, ``Triwulan IV 2026``."""
    return parse_period(text).label


def quarter_of_month(month: int) -> int:
    """The quarter (1-4) of a month (1-12)."""
    if not 1 <= month <= 12:
        raise ValueError(f"Bulan {month} tidak ada: bulan bernilai 1 sampai 12.")
    return (month - 1) // 3 + 1


def quarter_period_of(text: str) -> str:
    """The quarter code a period falls in: ``2026-11`` -> ``2026-q4``; a quarter maps to itself."""
    p = parse_period(text)
    return f"{p.tahun}-q{p.triwulan}"


def months_of_quarter(text: str) -> list[str]:
    """The month codes of a quarter (or the month itself for a month code)."""
    p = parse_period(text)
    return [f"{p.tahun}-{m:02d}" for m in range(p.bulan_awal, p.bulan_akhir + 1)]


def periods_of_year_upto(text: str) -> list[str]:
    """The periods of the same kind from the start of the year up to and including ``text``.

    ``2026-q3`` -> ``[2026-q1, 2026-q2, 2026-q3]``; ``2026-03`` -> ``[2026-01, 2026-02, 2026-03]``.
    This is the set a year-to-date figure over one kind of period covers.
    """
    p = parse_period(text)
    if p.triwulanan:
        return [f"{p.tahun}-q{n}" for n in range(1, p.triwulan + 1)]
    return [f"{p.tahun}-{m:02d}" for m in range(1, p.bulan_akhir + 1)]


def sort_periods(codes: list[str] | set[str] | tuple[str, ...]) -> list[str]:
    """Period codes in time order (the order of :attr:`Period.key`)."""
    return sorted(set(codes), key=period_key)
