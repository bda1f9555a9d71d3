"""``kinerja laporan TAHUN|TAHUN-qN``: the Laporan Kinerja draft as DOCX, PDF and Markdown."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from kinerja.cli._common import add_root_argument, find_root, progress_printer, unknown

FORMATS = ("docx", "pdf", "md")
#: Exit code when the PDF cannot be made (LibreOffice missing or failing); the DOCX is written.
EXIT_NO_PDF = 3


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "laporan",
        help="draf Laporan Kinerja (Bab III) sebagai DOCX, PDF, Markdown",
        description=(
            "Menyusun draf Laporan Kinerja (LKjIP) Bab III Akuntabilitas Kinerja dari data "
            "repositori: capaian tiap indikator, perbandingan antartahun, kemajuan terhadap "
            "target Renstra, kutipan analisis, realisasi anggaran, ikhtisar eksekutif dan "
            "lampiran sumber data. TAHUN-qN menyusun rekap hasil capaian triwulan."
        ),
    )
    parser.add_argument("periode", metavar="TAHUN|TAHUN-qN", help="mis. 2026 atau 2026-q3")
    parser.add_argument(
        "-o", "--out", metavar="FOLDER", default=".", help="folder keluaran (bawaan: folder ini)"
    )
    parser.add_argument(
        "--format",
        default="docx,pdf",
        metavar="FORMAT",
        help="satu atau lebih dari docx, pdf, md, dipisah koma (bawaan: docx,pdf)",
    )
    add_root_argument(parser)
    parser.set_defaults(func=run)


def file_stem(scope_id: str, quarterly: bool) -> str:
    return f"rekap-capaian-{scope_id}" if quarterly else f"laporan-kinerja-{scope_id}"


def _scopes(periods: Iterable[str]) -> set[str]:
    """The years and quarters (``2026``, ``2026-q3``) that have at least one period."""
    from kinerja.model.periods import parse_period

    found: set[str] = set()
    for pid in periods:
        period = parse_period(pid)
        if period is not None:
            found |= {str(period.year), f"{period.year}-q{period.quarter}"}
    return found


def run(args: argparse.Namespace) -> int:
    from kinerja.laporan import parse_scope
    from kinerja.laporan.scope import Scope

    scope: Scope | None = None
    problem = ""
    try:
        scope = parse_scope(args.periode)
    except ValueError as exc:
        problem = str(exc)  # said below, with the closest year or quarter that has data
    formats = [f.strip().lower() for f in str(args.format).split(",") if f.strip()]
    strange = [f for f in formats if f not in FORMATS]
    if strange or not formats:
        print(
            f"kinerja: format '{', '.join(strange) or args.format}' tidak dikenal; "
            f"pilih dari {', '.join(FORMATS)} (dipisah koma).",
            file=sys.stderr,
        )
        return 2
    root = find_root(args.root)
    if root is None:
        return 2

    from kinerja.laporan.docx_out import write_docx
    from kinerja.laporan.model import build_laporan
    from kinerja.snapshot import take_snapshot

    snapshot = take_snapshot(root, progress=progress_printer("Membaca"))
    if snapshot.tracker.config is None:
        print(
            "kinerja: organisasi.yml atau indikator.yml tidak sah; jalankan `kinerja validate` "
            "dan perbaiki temuannya dulu.",
            file=sys.stderr,
        )
        return 1
    errors = snapshot.tracker.report.errors
    if errors:
        print(
            f"Peringatan: {errors} galat data; berkas yang tidak sah tidak dihitung "
            "(lihat `kinerja validate`).",
            file=sys.stderr,
        )
    if snapshot.history_error:
        print(f"Peringatan: riwayat Git tidak terbaca: {snapshot.history_error}", file=sys.stderr)
    known = _scopes(snapshot.states)
    if scope is None or scope.id not in known:
        if scope is None:
            print(f"kinerja laporan: {problem}", file=sys.stderr)
        # The one convention of every command: a year or quarter without any period is a
        # usage error with the closest one that has data, not an empty draft that exits 0.
        return unknown("laporan", "periode", args.periode, known)
    laporan = build_laporan(snapshot, scope)
    out = Path(args.out)
    stem = file_stem(scope.id, scope.quarterly)
    written: list[Path] = []
    docx_path = out / f"{stem}.docx"
    if "docx" in formats or "pdf" in formats:
        written.append(write_docx(laporan, docx_path))
    if "md" in formats:
        from kinerja.laporan.markdown_out import markdown

        md_path = out / f"{stem}.md"
        out.mkdir(parents=True, exist_ok=True)
        md_path.write_text(markdown(laporan), encoding="utf-8", newline="\n")
        written.append(md_path)
    code = 0
    if "pdf" in formats:
        from kinerja.laporan.pdf import PdfError, to_pdf

        try:
            written.append(to_pdf(docx_path, out))
        except PdfError as exc:
            print(f"kinerja: {exc}", file=sys.stderr)
            code = EXIT_NO_PDF
        if "docx" not in formats and code == 0:
            docx_path.unlink()
            written.remove(docx_path)
    for path in written:
        print(f"Ditulis: {path}")
    return code
