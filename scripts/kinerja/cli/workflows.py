"""``kinerja workflows``: check that only the merge job can reach the merge identity's key.

Exit codes: 0 no problem; 1 problems (listed, one per line); 2 no repository found.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kinerja.cli._common import add_root_argument, find_root

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "workflows",
        help="periksa bahwa hanya job merge yang dapat memakai kunci identitas penggabung",
        description=(
            "Memeriksa semua alur kerja (.github/workflows, .gitea/workflows, "
            ".forgejo/workflows): rahasia identitas penggabung (KINERJA_SIGNING_KEY, "
            "KINERJA_DEPLOY_KEY, KINERJA_FORGE_TOKEN) dan lingkungan kinerja-merge hanya "
            "dipakai job merge di merge.yml; merge.yml hanya dipicu workflow_run, schedule "
            "atau workflow_dispatch dan hanya untuk cabang utama; tidak ada job lain yang "
            "meminta contents: write. Kode keluar: 0 aman, 1 ada masalah, 2 repositori tidak "
            "ditemukan."
        ),
    )
    add_root_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kinerja.forge.workflows import check_workflows

    root = find_root(args.root)
    if root is None:
        return EXIT_USAGE
    problems = check_workflows(root)
    for problem in problems:
        print(f"kinerja workflows: {problem}", file=sys.stderr)
    if problems:
        print(
            "Alur kerja ini dapat membuka kunci identitas penggabung atau menulis ke cabang "
            "utama; perbaiki sebelum digabung (lihat Panduan admin di situs, panduan/admin/).",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    print("Alur kerja aman: hanya job merge yang dapat memakai kunci identitas penggabung.")
    return EXIT_OK
