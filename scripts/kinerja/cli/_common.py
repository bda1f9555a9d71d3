"""Helpers shared by the commands: finding the repository, progress on a terminal."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from kinerja.model.layout import ORGANISATION
from kinerja.suggest import did_you_mean

#: Exit code of a command given something that does not exist (a period, unit, indicator).
EXIT_UNKNOWN = 2


def unknown(command: str, what: str, value: str, known: Iterable[str]) -> int:
    """Say that ``value`` is not a known ``what`` (with the closest known one), return 2.

    One convention for every command: an unknown period, unit or indicator is a usage error,
    never an empty answer that exits 0."""
    choices = sorted({str(k) for k in known})
    guess = did_you_mean(value, choices)
    hint = f" Mungkin maksud Anda: {guess}." if guess else ""
    if not guess and choices:
        shown = ", ".join(choices[:8]) + (", ..." if len(choices) > 8 else "")
        hint = f" Yang ada: {shown}."
    print(f"kinerja {command}: {what} '{value}' tidak ada.{hint}", file=sys.stderr)
    return EXIT_UNKNOWN


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
