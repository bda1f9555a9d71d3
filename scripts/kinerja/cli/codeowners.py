"""``kinerja codeowners``: write (or check) the forge's CODEOWNERS from organisasi.yml."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kinerja.cli._common import add_root_argument, find_root

EXIT_OK, EXIT_STALE, EXIT_USAGE = 0, 1, 2


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "codeowners",
        help="tulis CODEOWNERS forge dari organisasi.yml",
        description=(
            "Menulis CODEOWNERS dari organisasi.yml (.github/CODEOWNERS untuk GitHub, "
            ".gitea/CODEOWNERS untuk Forgejo/Gitea): berkas tiap unit untuk pemberi "
            "parafnya, permintaan dan analisis untuk pemberi paraf dan tanda tangan, serta "
            "schema/, scripts/, folder forge dan data acuan untuk admin."
        ),
    )
    parser.add_argument(
        "--jenis",
        choices=("github", "forgejo", "gitea"),
        help="jenis forge (bawaan: instansi.forge.jenis)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="jangan menulis; gagal (kode 1) bila berkas tidak mutakhir",
    )
    add_root_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kinerja.forge.codeowners import codeowners_text, path_for
    from kinerja.history.people import OrganisationError, load_organisation_data

    root = find_root(args.root)
    if root is None:
        return EXIT_USAGE
    try:
        data = load_organisation_data(root / "submissions" / "organisasi.yml")
        forge = (data.get("instansi") or {}).get("forge") or {}
        kind = args.jenis or str(forge.get("jenis") or "github")
        text = codeowners_text(data, kind)
    except (OrganisationError, KeyError, TypeError, AttributeError) as exc:
        print(f"kinerja codeowners: {exc}", file=sys.stderr)
        return EXIT_USAGE
    path = path_for(kind)
    target = root / path
    try:
        current = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        current = None
    if args.check:
        if current == text:
            print(f"{path} mutakhir.")
            return EXIT_OK
        state = "belum ada" if current is None else "tidak sesuai dengan organisasi.yml"
        print(
            f"kinerja codeowners: {path} {state}; jalankan `kinerja codeowners` lalu commit "
            "hasilnya.",
            file=sys.stderr,
        )
        return EXIT_STALE
    if current == text:
        print(f"{path} sudah mutakhir.")
        return EXIT_OK
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8", newline="\n")
    print(f"{path} ditulis.")
    return EXIT_OK
