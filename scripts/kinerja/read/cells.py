"""What people type into spreadsheet cells, as the values a submission holds.

Shared by the CSV, the one-sheet XLSX and the workbook template readers, so that ``04/12/2026``,
``1.234,5``, ``69,71%`` and a date cell mean the same in every format:

* a number in a cell formatted as a percentage is stored by Excel as a fraction (``69,71%`` is
  0.6971): it is read as the percentage, 69.71, computed in decimal so no binary noise appears;
* ``DD/MM/YYYY`` (the Indonesian order, what an Indonesian Excel saves), ``D-M-YYYY`` and date
  cells are dates, written ``YYYY-MM-DD`` as in YAML;
* a period that Excel turned into a date (``Nov-26``, a date cell on the 1st) is the month
  ``2026-11``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_MONTH_YEAR = re.compile(r"([A-Za-z]{3,9})[- /](\d{2}|\d{4})")
#: English and Indonesian month abbreviations as Excel shows them (``Nov-26``, ``Agu-26``).
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "mei": 5, "jun": 6, "jul": 7,
    "aug": 8, "agu": 8, "agt": 8, "sep": 9, "oct": 10, "okt": 10, "nov": 11, "nop": 11,
    "dec": 12, "des": 12,
}  # fmt: skip


def percent_of(fraction: float) -> int | float:
    """``0.6971`` -> ``69.71`` without float noise (``0.6971 * 100`` is 69.71000000000001)."""
    try:
        scaled = Decimal(repr(fraction)) * 100
    except InvalidOperation:
        return fraction * 100
    value = float(scaled)
    return int(value) if scaled == scaled.to_integral_value() and abs(value) < 2**53 else value


def date_text(value: object) -> str | None:
    """A date cell or date-like text as ``YYYY-MM-DD``; ``None`` when it is not one (the
    validator then reports the text as typed)."""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        match = _DMY.fullmatch(value.strip())
        if match:
            day, month, year = int(match[1]), int(match[2]), int(match[3])
            try:
                return dt.date(year, month, day).isoformat()
            except ValueError:
                return None
    return None


def period_text(value: object) -> str | None:
    """A period cell that Excel turned into a date (a date cell, or ``Nov-26`` saved as text)
    as ``YYYY-MM``; ``None`` otherwise."""
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{value.year:04d}-{value.month:02d}"
    if isinstance(value, str):
        match = _MONTH_YEAR.fullmatch(value.strip())
        if match:
            month = _MONTHS.get(match[1][:3].lower())
            if month is None:
                return None
            year = int(match[2])
            year += 2000 if year < 100 else 0
            return f"{year:04d}-{month:02d}"
    return None
