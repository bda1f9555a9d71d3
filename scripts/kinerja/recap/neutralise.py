"""Spreadsheet formula injection (CSV injection) guard, as OWASP recommends.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return can be run as a
formula when a published CSV or XLSX is opened in a spreadsheet program. Such a cell gets a leading
apostrophe, which makes it inert text. Only text is touched: numbers stay numbers (a negative
realisasi is a number, not text starting with ``-``). Standard library only, so any exporter can
use it.
"""

from __future__ import annotations

__all__ = ["DANGEROUS_START", "neutralise"]

#: First characters that make a spreadsheet treat a cell as a formula.
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """``text`` with a leading ``'`` if it starts like a formula; otherwise unchanged."""
    return "'" + text if text.startswith(DANGEROUS_START) else text
