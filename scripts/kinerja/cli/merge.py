"""``kinerja merge PR``: squash-merge a pull request once the required paraf are present."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kinerja.cli._common import add_root_argument, find_root

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "merge",
        help="gabungkan pull request setelah paraf lengkap (mencatat paraf di Git)",
        description=(
            "Membaca review pull request, hanya menghitung persetujuan untuk commit terakhir, "
            "memeriksa paraf/tanda tangan yang disyaratkan organisasi.yml untuk berkas yang "
            "diubah, lalu melakukan squash merge dengan trailer Reviewed-by, Approved-by, "
            "Reviewed-on dan Opened-at. Token dibaca dari KINERJA_FORGE_TOKEN atau GITHUB_TOKEN."
        ),
    )
    parser.add_argument("number", type=int, metavar="PR", help="nomor pull request")
    parser.add_argument(
        "--jenis",
        choices=("github", "forgejo", "gitea"),
        help="jenis forge (bawaan: instansi.forge.jenis)",
    )
    parser.add_argument("--url", help="alamat web forge (bawaan: instansi.forge.url)")
    parser.add_argument(
        "--repo", metavar="PEMILIK/NAMA", help="repositori di forge (bawaan: instansi.forge.repo)"
    )
    parser.add_argument("--api", metavar="URL", help="alamat API bila bukan yang biasa")
    add_root_argument(parser)
    parser.add_argument(
        "--coba",
        "--dry-run",
        dest="dry_run",
        action="store_true",
        help="hanya periksa dan tampilkan pesan merge, tanpa menggabungkan",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kinerja.forge.api import make_forge
    from kinerja.forge.config import resolve_config
    from kinerja.forge.http import ForgeError
    from kinerja.forge.merge import MergeRefused, merge_pull_request
    from kinerja.history.people import (
        OrganisationError,
        load_organisation_data,
        roster_from_mapping,
    )

    root = find_root(args.root)
    if root is None:
        return EXIT_USAGE
    organisation_path = root / "submissions" / "organisasi.yml"
    try:
        data = load_organisation_data(organisation_path)
        roster = roster_from_mapping(data)
    except (OrganisationError, KeyError, TypeError) as exc:
        print(f"kinerja merge: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        config = resolve_config(
            kind=args.jenis, url=args.url, repo=args.repo, api_url=args.api, organisation=data
        )
        forge = make_forge(config.kind, config.api_url, config.owner, config.repo, config.token)
        outcome = merge_pull_request(
            forge, args.number, roster, host=config.host, dry_run=args.dry_run
        )
    except MergeRefused as exc:
        print(f"kinerja merge: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except ForgeError as exc:
        print(f"kinerja merge: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    if args.dry_run:
        print(f"PR #{outcome.number} memenuhi syarat persetujuan. Pesan merge yang akan ditulis:")
        print()
        print(outcome.title)
        print()
        print(outcome.message)
        return EXIT_OK
    where = f" sebagai commit {outcome.sha[:10]}" if outcome.sha else ""
    print(f"PR #{outcome.number} digabung (squash){where}; paraf tercatat di riwayat Git.")
    return EXIT_OK
