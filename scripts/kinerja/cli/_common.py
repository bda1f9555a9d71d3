"""Helpers shared by the commands: finding the repository, progress on a terminal."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from kinerja.model.layout import ORGANISATION
from kinerja.suggest import did_you_mean

#: Exit code of a command given something that does not exist (a period, unit, indicator).
EXIT_UNKNOWN = 2


def unknown(command: str, what: str, value: str, known: Iterable[str]) -> int:
    """Say that ``value`` is not a known ``what`` (with the closest known one), return 2.

    One convention for every command: an unknown period, unit or indicator is a usage error,
    never an empty answer that exits 0."""
    choices = newest_first({str(k) for k in known})
    guess = _nearest_in_time(value, choices) or did_you_mean(value, choices)
    hint = f" Mungkin maksud Anda: {guess}." if guess else ""
    if not guess and choices:
        shown = ", ".join(choices[:8]) + (", ..." if len(choices) > 8 else "")
        hint = f" Yang ada: {shown}."
    if "periode" in what and not _period_like(value):
        hint += " Periode ditulis TTTT-qN (triwulan) atau TTTT-BB (bulan), mis. 2026-q4."
    print(f"kinerja {command}: {what} '{value}' tidak ada.{hint}", file=sys.stderr)
    return EXIT_UNKNOWN


def _month(value: str) -> int | None:
    """A period's (or a year's) last month counted from year 0, for distances in time."""
    from kinerja.model.periods import parse_period

    period = parse_period(value)
    if period is not None:
        return period.year * 12 + period.last_month
    return int(value) * 12 + 12 if value.isdigit() and len(value) == 4 else None


def _nearest_in_time(value: str, choices: list[str]) -> str:
    """For a well-formed period or year: the known one closest in time (the newer on a tie),
    a better guess than spelling (``2019`` is nearer ``2024`` than ``2029``)."""
    month = _month(value)
    if month is None:
        return ""
    timed = [(abs(m - month), -m, c) for c in choices if (m := _month(c)) is not None]
    same_kind = [t for t in timed if ("-" in t[2]) == ("-" in value)]
    return min(same_kind or timed)[2] if timed else ""


def _period_like(value: str) -> bool:
    from kinerja.model.periods import parse_period

    return parse_period(value) is not None or (value.isdigit() and len(value) == 4)


def newest_first(names: Iterable[str]) -> list[str]:
    """Names as a listing shows them: periods (and years) newest first, the current one being
    the one people ask about; anything else in alphabetical order after them."""
    from kinerja.model.periods import parse_period

    def key(name: str) -> tuple[int, Any, str]:
        period = parse_period(name)
        if period is not None:
            return (0, (-period.year, -period.last_month, -int(period.quarterly)), name)
        if name.isdigit() and len(name) == 4:
            return (0, (-int(name), -13, 0), name)  # a year: before its own periods
        return (1, (), name)

    return sorted(set(names), key=key)


def add_root_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-C",
        "--root",
        metavar="DIR",
        default=None,
        help="folder repositori pelacak (bawaan: folder ini atau induknya)",
    )


def find_root(given: str | None) -> Path | None:
    """The tracker repository: the given folder, or the nearest parent with organisasi.yml."""
    if given is not None:
        root = Path(given).resolve()
        if not root.is_dir():
            print(f"kinerja: folder '{given}' tidak ada.", file=sys.stderr)
            return None
        return root
    here = Path.cwd().resolve()
    for candidate in (here, *here.parents):
        if (candidate / ORGANISATION).is_file():
            return candidate
    for candidate in (here, *here.parents):
        if (candidate / ".git").exists():
            return candidate
    return here


def progress_printer(label: str, unit: str = "berkas") -> Callable[[int, int], None] | None:
    """Progress for long runs on a terminal; nothing in CI logs or pipes."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return None
    started = time.monotonic()

    def show(done: int, total: int) -> None:
        elapsed = time.monotonic() - started
        end = "\n" if done >= total else ""
        sys.stderr.write(f"\r{label}: {done}/{total} {unit} ({elapsed:.1f} dtk){end}")
        sys.stderr.flush()

    return show
