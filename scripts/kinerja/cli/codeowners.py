"""``kinerja codeowners``: write (or check) the forge's CODEOWNERS from organisasi.yml."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import Any

from kinerja.cli._common import add_root_argument, find_root

EXIT_OK, EXIT_STALE, EXIT_USAGE = 0, 1, 2
SHOWN = 20  # unowned paths named in the message


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "codeowners",
        help="tulis CODEOWNERS forge dari organisasi.yml",
        description=(
            "Menulis CODEOWNERS dari organisasi.yml (.github/CODEOWNERS untuk GitHub, "
            ".gitea/CODEOWNERS untuk Forgejo/Gitea): setiap berkas untuk admin, kecuali "
            "berkas tiap unit untuk pemberi parafnya, permintaan dan analisis untuk pemberi "
            "paraf dan tanda tangan, serta data acuan dan SOP bila persetujuan menyebut "
            "pemberi paraf lain."
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
        help="jangan menulis; gagal (kode 1) bila berkas tidak mutakhir atau ada berkas "
        "terlacak (git ls-files) tanpa pemilik menurut aturan forge",
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
        return _check(root, kind, path, current, text)
    if current == text:
        print(f"{path} sudah mutakhir.")
        return EXIT_OK
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8", newline="\n")
    print(f"{path} ditulis.")
    return EXIT_OK


def _check(root: Path, kind: str, path: str, current: str | None, expected: str) -> int:
    """Stale, shadowed, or leaving a tracked file without an owner: each one is an error."""
    from kinerja import codes, report
    from kinerja.findings import Position
    from kinerja.forge.codeowners import shadowing_files
    from kinerja.forge.codeowners_match import unowned

    findings = []
    if current != expected:
        state = "belum ada" if current is None else "tidak sesuai dengan organisasi.yml"
        findings.append(
            codes.make("codeowners-stale", path, Position(1, 1), file=path, state=state)
        )
    tracked = _tracked(root)
    for other in shadowing_files(kind, tracked):
        findings.append(
            codes.make("codeowners-shadowed", other, Position(1, 1), file=path, other=other)
        )
    if current is not None and tracked is not None:
        orphans = unowned(current, kind, sorted(tracked))
        if orphans:
            shown = ", ".join(orphans[:SHOWN])
            if len(orphans) > SHOWN:
                shown += f", dan {len(orphans) - SHOWN} lainnya"
            findings.append(
                codes.make(
                    "codeowners-unowned",
                    path,
                    Position(1, 1),
                    file=path,
                    count=len(orphans),
                    paths=shown,
                )
            )
    if not findings:
        checked = f", {len(tracked)} berkas terlacak punya pemilik" if tracked else ""
        print(f"{path} mutakhir{checked}.")
        return EXIT_OK
    report.write_text(findings, 1, sys.stderr)
    return EXIT_STALE


def _tracked(root: Path) -> set[str] | None:
    """Every path Git tracks (``git ls-files``), or None outside a Git repository."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z"], capture_output=True, check=False
        )
    except OSError:
        return None
    if done.returncode != 0:
        return None
    return {p.decode("utf-8", "surrogateescape") for p in done.stdout.split(b"\0") if p}
