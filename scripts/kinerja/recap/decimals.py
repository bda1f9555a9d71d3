"""How many decimals a published number carries, and how it is written: no binary float noise.

A capaian computed as ``realisasi / target * 100`` is a binary float (``90.36250000000001``); the
site shows it with two decimals (``90,36``). Spreadsheet downloads (CSV, XLSX) carry the same
value the site shows, so a reader who copies a cell, sums a column or compares with the page
gets what they saw:

* capaian columns (:data:`SHOWN_DECIMALS`) are rounded to the decimals the site shows;
* every other number keeps its exact decimal value, up to :data:`EXACT_DECIMALS` places (the
  largest ``presisi`` the indicator schema allows); that removes float noise (``0.1 + 0.2``) and
  keeps every value a person typed with up to six decimals unchanged.

Rounding is Python's :func:`round` (correctly rounded on the binary value, as the site's
``format(x, ".2f")``), so the download and the page never differ in the last digit. Standard
library only, like :mod:`kinerja.recap.neutralise`, so any exporter can use it.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["EXACT_DECIMALS", "SHOWN_DECIMALS", "decimal_text", "decimals_of", "rounded"]

#: Columns the site shows rounded, and to how many decimals.
SHOWN_DECIMALS: dict[str, int] = {"capaian": 2, "rata_capaian": 2}
#: Decimals kept for every other number (the indicator schema's largest ``presisi``).
EXACT_DECIMALS = 6


def decimals_of(column: str) -> int:
    """The decimals a published value of ``column`` carries."""
    return SHOWN_DECIMALS.get(column, EXACT_DECIMALS)


def rounded(value: float, places: int) -> float:
    """``value`` rounded to ``places`` decimals; ``-0.0`` becomes ``0.0``."""
    return round(float(value), places) + 0.0


def decimal_text(value: float, decimal_mark: str = ".") -> str:
    """The shortest text of ``value`` in plain decimal notation (never an exponent), without a
    trailing ``.0``: ``12``, ``90.36``, ``0.000001``."""
    text = format(Decimal(repr(float(value))), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace(".", decimal_mark) if decimal_mark != "." else text
