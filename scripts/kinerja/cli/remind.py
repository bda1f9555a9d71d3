"""``kinerja remind``: comment on the issues of units due soon or late; close the ones done."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kinerja.cli._common import add_root_argument, find_root
from kinerja.cli.period import EXIT_FORGE, EXIT_OK, EXIT_USAGE, add_forge_arguments


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "remind",
        help="ingatkan unit yang mendekati tenggat atau terlambat; tutup issue yang selesai",
        description=(
            "Membaca status setiap unit (sama dengan situs) dan issue permintaan data di forge: "
            "menulis pengingat pada issue unit yang tenggatnya tinggal --hari hari atau sudah "
            "lewat (paling banyak sekali sehari), dan menutup issue unit yang datanya sudah "
            "digabung. Token dibaca dari KINERJA_FORGE_TOKEN atau GITHUB_TOKEN."
        ),
    )
    parser.add_argument(
        "--hari",
        type=float,
        default=3.0,
        metavar="N",
        help="ingatkan bila tenggat tinggal N hari atau kurang (bawaan: 3)",
    )
    parser.add_argument(
        "--hanya-tutup",
        dest="only_close",
        action="store_true",
        help="hanya tutup issue unit yang datanya sudah diterima, tanpa pengingat",
    )
    parser.add_argument("--now", metavar="WAKTU", help="waktu acuan ISO 8601 (bawaan: sekarang)")
    add_forge_arguments(parser)
    add_root_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from datetime import datetime

    from kinerja.cli.period import forge_api_from
    from kinerja.forge.http import ForgeError
    from kinerja.forge.notify import run_reminders
    from kinerja.history.people import OrganisationError, load_organisation_data
    from kinerja.snapshot import take_snapshot

    root = find_root(args.root)
    if root is None:
        return EXIT_USAGE
    if args.hari < 0:
        print("kinerja remind: --hari tidak boleh negatif.", file=sys.stderr)
        return EXIT_USAGE
    try:
        now = datetime.fromisoformat(args.now) if args.now else None
    except ValueError:
        print(f"kinerja remind: waktu '{args.now}' tidak sah.", file=sys.stderr)
        return EXIT_USAGE
    if now is not None and now.tzinfo is None:
        print(
            "kinerja remind: tulis --now dengan zona waktu, mis. 2026-10-07T09:00+07:00.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    snapshot = take_snapshot(root, now=now, use_cache=False)
    if snapshot.history_error:
        print(f"Peringatan: {snapshot.history_error}", file=sys.stderr)
    try:
        organisation: Any = load_organisation_data(root / "submissions" / "organisasi.yml")
        api = forge_api_from(args, organisation)
        lines = run_reminders(
            api,
            snapshot.states,
            snapshot.now,
            days=args.hari,
            dry_run=args.dry_run,
            only_close=args.only_close,
            zone=snapshot.zone,
        )
    except (OrganisationError, ForgeError) as exc:
        print(f"kinerja remind: {exc}", file=sys.stderr)
        return EXIT_FORGE if isinstance(exc, ForgeError) else EXIT_USAGE
    for line in lines or ["Tidak ada issue yang perlu diingatkan atau ditutup."]:
        print(line)
    return EXIT_OK
