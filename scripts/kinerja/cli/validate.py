"""``kinerja validate``: check the data files and report findings."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kinerja.cli._common import add_root_argument, find_root, progress_printer

if TYPE_CHECKING:
    from kinerja.findings import Finding
    from kinerja.validate.author import CommitPerson


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "validate",
        help="periksa berkas data (skema dan aturan lintas berkas)",
        description=(
            "Memeriksa berkas di submissions/ dan data SOP di docs/sop/. Keluar dengan kode 0 bila "
            "sah, 1 bila ada galat, 2 bila perintah salah."
        ),
    )
    parser.add_argument(
        "paths", nargs="*", metavar="BERKAS", help="berkas yang diperiksa (bawaan: semua data)"
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="bentuk laporan (bawaan: text)",
    )
    parser.add_argument(
        "--author",
        metavar="AKUN",
        help="akun forge pengusul pull request: berkas unit hanya boleh diubah "
        "oleh anggota unit itu atau admin (analisis dan permintaan: unit pelaksana langkahnya "
        "di SOP)",
    )
    parser.add_argument(
        "--changed-from",
        metavar="BASIS",
        help="periksa pengusul atas semua berkas yang diubah sejak BASIS (git diff BASIS...HEAD, "
        "termasuk yang dihapus dan nama lama berkas yang dipindah), dan penulis serta "
        "committer setiap commit BASIS..HEAD",
    )
    parser.add_argument(
        "--head",
        metavar="REVISI",
        default="HEAD",
        help="ujung pull request untuk --changed-from (bawaan: HEAD)",
    )
    parser.add_argument("--no-cache", action="store_true", help="abaikan cache hasil sebelumnya")
    parser.add_argument(
        "--strict", action="store_true", help="peringatan juga membuat kode keluar 1"
    )
    add_root_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kinerja import report
    from kinerja.validate.author import author_findings
    from kinerja.validate.runner import relpath, validate_repository

    root = find_root(args.root)
    if root is None:
        return 2
    paths = [relpath(root, p) for p in args.paths] or None
    result = validate_repository(
        root, paths, use_cache=not args.no_cache, progress=progress_printer("Memeriksa")
    )
    findings = list(result.findings)
    if args.author or args.changed_from:
        touched, people, problem = _changes(root, args.changed_from, args.head, paths)
        findings += problem
        findings += author_findings(result, args.author, touched, people)
        findings.sort(key=lambda f: f.sort_key())
    files = len(paths) if paths else len(result.results)
    if args.format == "json":
        report.write_json(findings, files, sys.stdout)
    elif args.format == "github":
        for line in report.github_annotations(findings):
            print(line)
        print(report.summary_line(findings, files))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with Path(summary).open("a", encoding="utf-8") as handle:
                handle.write(report.github_summary(findings, files))
    else:
        report.write_text(findings, files, sys.stdout)
    errors = sum(1 for f in findings if f.severity.value == "error")
    if errors or (args.strict and findings):
        return 1
    return 0


def _changes(
    root: Path, base: str | None, head: str, paths: list[str] | None
) -> tuple[list[str] | None, list[CommitPerson], list[Finding]]:
    """The paths the author check covers, the commit people, and a finding if Git failed."""
    from kinerja import codes
    from kinerja.findings import Position
    from kinerja.validate.author import ChangesError, read_changes, touched_paths

    if base is None:
        return paths, [], []
    try:
        changes, people = read_changes(root, base, head)
    except ChangesError as exc:
        problem = codes.make(
            "author-changes-unreadable", ".", Position(1, 1), base=base, detail=str(exc)
        )
        return paths, [], [problem]
    return touched_paths(changes), people, []
