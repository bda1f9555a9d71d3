"""``kinerja history``: the audit history of a file, a period or a unit, read from Git."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kinerja.cli._common import add_root_argument, find_root, unknown
from kinerja.timing.zone import DEFAULT_ZONE, Zone

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "history",
        help="riwayat audit (diterima, direvisi, paraf, pengesahan) dari Git",
        description=(
            "Menampilkan riwayat audit dari riwayat Git: permintaan, data diterima, revisi, "
            "paraf, tanda tangan dan revisi SOP, dengan orang, peran, waktu (zona kantor: WIB, "
            "WITA atau WIT), commit dan pull request. Tanpa argumen: seluruh riwayat."
        ),
    )
    parser.add_argument("path", nargs="?", metavar="BERKAS", help="berkas yang ditelusuri")
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--period",
        "--periode",
        dest="period",
        metavar="P",
        help="hanya periode ini, mis. 2026-q4 atau 2026-10",
    )
    group.add_argument("--unit", metavar="U", help="hanya unit ini, mis. wilayah-1")
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="bentuk keluaran (bawaan: text)"
    )
    add_root_argument(parser)
    parser.set_defaults(func=run)


def _relative(path: str, root: Path) -> str:
    candidate = Path(path)
    resolved = candidate.resolve() if candidate.exists() or candidate.is_absolute() else None
    if resolved is not None:
        try:
            return resolved.relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return candidate.as_posix().removeprefix("./")


def _zone(organisation: Path) -> Zone:
    """The office zone from organisasi.yml's pengaturan (the package default when unreadable:
    the load above has already said so)."""
    from kinerja.history.people import OrganisationError, load_organisation_data
    from kinerja.model.settings import Settings

    try:
        data = load_organisation_data(organisation) if organisation.is_file() else {}
        override = data.get("pengaturan") if isinstance(data, dict) else None
        return Settings.from_override(override if isinstance(override, dict) else None).zone
    except (OSError, ValueError, OrganisationError):
        return DEFAULT_ZONE


def _folders(root: Path) -> set[str]:
    base = root / "submissions"
    return {p.name for p in base.iterdir() if p.is_dir()} if base.is_dir() else set()


def run(args: argparse.Namespace) -> int:
    from kinerja.history import HistoryError
    from kinerja.history.people import load_roster
    from kinerja.history.reader import derive_history, read_landings
    from kinerja.history.render import render_json, render_text
    from kinerja.model.layout import ORGANISATION

    root = find_root(args.root)
    if root is None:
        return EXIT_USAGE
    try:
        base = read_landings(root)
    except HistoryError as exc:
        print(f"kinerja history: {exc}", file=sys.stderr)
        return EXIT_ERROR
    # People are matched with the trusted organisasi.yml: an unverified change of it counts
    # for nothing, roles included.
    organisation = root / ORGANISATION
    trusted = base.trusted_content((ORGANISATION,))
    try:
        if ORGANISATION in trusted:
            content = trusted[ORGANISATION]
            roster = load_roster(organisation, content) if content is not None else None
        else:
            roster = load_roster(organisation) if organisation.is_file() else None
    except (OSError, ValueError) as exc:
        print(
            f"kinerja history: organisasi.yml tidak terbaca ({exc}); peran tidak dicocokkan.",
            file=sys.stderr,
        )
        roster = None
    history = derive_history(base, roster)
    path = _relative(args.path, root) if args.path else "."
    if path not in (".", ""):
        events, title = history.for_path(path), f"Riwayat {path}"
    elif args.period:
        known = {e.period for e in history.events if e.period} | _folders(root)
        if args.period not in known:
            return unknown("history", "periode", args.period, known)
        # In time order (the main line's order can differ: a pull request opened earlier may
        # land later).
        events = tuple(sorted(history.for_period(args.period), key=lambda e: e.time))
        title = f"Riwayat periode {args.period}"
    elif args.unit:
        units = {e.unit for e in history.events if e.unit}
        if roster is not None:
            units |= set(roster.unit_names)
        if args.unit not in units:
            return unknown("history", "unit", args.unit, units)
        events, title = history.for_unit(args.unit), f"Riwayat unit {args.unit}"
    else:
        events, title = history.events, "Riwayat audit"
    if args.format == "json":
        sys.stdout.write(render_json(events, _zone(organisation)))
    else:
        sys.stdout.write(render_text(events, title, _zone(organisation)))
    return EXIT_OK
