"""The ``kinerja`` command line: a thin adapter over the library.

Each subcommand lives in its own module of this package and exposes ``register(subparsers)``,
which adds its parser and sets ``func`` (a callable taking the parsed namespace and returning the
exit code). Modules are discovered, so adding a command is adding a file.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import sys
from collections.abc import Sequence
from typing import Any

from kinerja import __version__

#: Exit codes shared by all commands.
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
#: A bug in kinerja itself (an uncaught exception): never 1, which workflows read as "findings"
#: or "waiting for paraf" and keep green.
EXIT_INTERNAL = 70


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "penggunaan: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """An argument parser that speaks Indonesian and exits with code 2 on usage errors.

    argparse's own words ("usage", "options", "show this help message") are replaced here rather
    than through gettext, so the help reads the same whatever the machine's locale."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "pilihan"
        self.add_argument(
            "-h",
            "--help",
            action="help",
            default=argparse.SUPPRESS,
            help="tampilkan bantuan ini lalu keluar",
        )

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: kesalahan: {_indonesian(message)}\n")


_ARGPARSE_WORDS = (
    ("the following arguments are required", "argumen berikut wajib diisi"),
    ("unrecognized arguments", "argumen tidak dikenal"),
    ("invalid choice", "pilihan tidak sah"),
    ("choose from", "pilih dari"),
    ("expected one argument", "memerlukan satu nilai"),
    ("invalid int value", "bukan bilangan bulat"),
    ("invalid float value", "bukan bilangan"),
    ("not allowed with argument", "tidak boleh bersama argumen"),
    ("expected at most one argument", "paling banyak satu nilai"),
    ("expected at least one argument", "memerlukan paling sedikit satu nilai"),
    ("ignored explicit argument", "nilai yang diberikan diabaikan:"),
    ("ambiguous option", "pilihan ambigu"),
    ("could match", "bisa berarti"),
    ("unexpected option string", "pilihan tidak terduga"),
    ("can't open", "tidak dapat membuka"),
    ("unknown parser", "perintah tidak dikenal"),
    ("(choices:", "(pilihan:"),
    ("one of the arguments", "salah satu argumen"),
    (" is required", " wajib diisi"),
    ("argument ", "argumen "),
    ("the following argumen", "argumen"),
)
#: argparse's messages with a part in the middle: "invalid <type> value", "expected <n>
#: arguments".
_ARGPARSE_PATTERNS = (
    (re.compile(r"invalid (\w+) value"), r"nilai \1 tidak sah"),
    (re.compile(r"expected (\d+) arguments?"), r"memerlukan \1 nilai"),
)


def _indonesian(message: str) -> str:
    """argparse's English error words in Indonesian (the value the user typed unchanged)."""
    for english, indonesian in _ARGPARSE_WORDS:
        message = message.replace(english, indonesian)
    for pattern, indonesian in _ARGPARSE_PATTERNS:
        message = pattern.sub(indonesian, message)
    return message


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kinerja",
        description="Pelacak pengumpulan data kinerja berbasis Git.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"kinerja {__version__}",
        help="tampilkan versi lalu keluar",
    )
    sub = parser.add_subparsers(title="perintah", metavar="PERINTAH", parser_class=_Parser)
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(func(args))
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last line of defence, reported, not hidden
        from kinerja.snapshot import IncompleteHistoryError  # only on this path: a heavy import

        if isinstance(exc, IncompleteHistoryError):
            # A shallow or partial clone: every command that derives status refuses it, with
            # a setup error (not 1, which workflows read as "findings" and keep green).
            print(f"kinerja: {exc}", file=sys.stderr)
            return EXIT_USAGE
        import traceback

        traceback.print_exc(file=sys.stderr)
        print(
            f"kinerja: galat internal ({type(exc).__name__}); ini kesalahan program kinerja, "
            "bukan kesalahan data Anda. Laporkan keluaran di atas kepada admin.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
