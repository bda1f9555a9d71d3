"""The ``kinerja`` command line: a thin adapter over the library.

Each subcommand lives in its own module of this package and exposes ``register(subparsers)``,
which adds its parser and sets ``func`` (a callable taking the parsed namespace and returning the
exit code). Modules are discovered, so adding a command is adding a file.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from kinerja import __version__

#: Exit codes shared by all commands.
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are Indonesian and exit with code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: kesalahan: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kinerja",
        description="Pelacak pengumpulan data kinerja berbasis Git.",
    )
    parser.add_argument("--version", action="version", version=f"kinerja {__version__}")
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
