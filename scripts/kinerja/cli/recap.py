"""``kinerja recap``: the computed recap as a terminal table, CSV, JSON or XLSX, or its change."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kinerja.cli._common import add_root_argument, find_root, progress_printer, unknown

if TYPE_CHECKING:
    from kinerja.recap import Recap

VIEWS = ("indikator", "ytd", "ytd_instansi", "dokumen", "per_unit", "per_periode")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "recap",
        help="rekap capaian (tabel, CSV, JSON, XLSX)",
        description=(
            "Menghitung rekap capaian per periode, unit dan indikator dari berkas data, seperti "
            "di situs: berkas yang diubah tanpa penggabungan terverifikasi dihitung dalam versi "
            "terakhirnya yang terverifikasi (lihat Panduan, Keabsahan riwayat). Dengan --diff REV "
            "menampilkan perubahan rekap berkas kerja (pratinjau pull request) dibanding revisi "
            "Git REV."
        ),
    )
    parser.add_argument("--period", metavar="PERIODE", help="hanya periode ini")
    parser.add_argument("--unit", metavar="UNIT", help="hanya unit ini")
    parser.add_argument("--format", choices=("table", "csv", "json", "xlsx"), default="table")
    parser.add_argument(
        "--view",
        choices=VIEWS,
        default="indikator",
        help="tabel untuk format table/csv (bawaan: indikator)",
    )
    parser.add_argument("-o", "--output", metavar="BERKAS", help="tulis ke berkas")
    parser.add_argument("--diff", metavar="REV", help="bandingkan dengan revisi Git REV")
    add_root_argument(parser)
    parser.set_defaults(func=run)


def filtered(recap: Recap, period: str | None, unit: str | None) -> Recap:
    from dataclasses import replace

    changes = {}
    for name, frame in recap.views().items():
        mask = None
        for column, value in (("periode", period), ("sd_periode", period), ("unit", unit)):
            if value and column in frame.columns:
                part = frame[column] == value
                mask = part if mask is None else mask & part
        if mask is not None:
            changes[name] = frame[mask].reset_index(drop=True)
    return replace(recap, **changes)


def _at_revision(root: Path, rev: str) -> Recap | None:
    import io
    import subprocess
    import tarfile
    import tempfile

    from kinerja.model.repository import load_tracker
    from kinerja.snapshot import compute_recap

    archive = subprocess.run(
        ["git", "-C", str(root), "archive", "--format=tar", rev, "--", "submissions"],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        print(
            f"kinerja: revisi '{rev}' tidak ditemukan: {archive.stderr.decode().strip()}",
            file=sys.stderr,
        )
        return None
    with tempfile.TemporaryDirectory(prefix="kinerja-rev-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        return compute_recap(load_tracker(Path(tmp), use_cache=False))


def run(args: argparse.Namespace) -> int:
    from kinerja.model.repository import load_tracker
    from kinerja.snapshot import compute_recap, load_trusted

    root = find_root(args.root)
    if root is None:
        return 2
    if args.format == "xlsx" and not args.output:
        print("kinerja: format xlsx memerlukan -o BERKAS.xlsx", file=sys.stderr)
        return 2
    if args.diff:
        # A preview of the pull request: the working tree as it would count once landed.
        tracker = load_tracker(root, progress=progress_printer("Membaca"))
    else:
        # The official recap: what the trust rule lets count, the same as the site.
        tracker, _, problem = load_trusted(root, progress=progress_printer("Membaca"))
        if problem:
            print(f"Peringatan: {problem}", file=sys.stderr)
    errors = tracker.report.errors
    if errors:
        print(
            f"Peringatan: {errors} galat data; berkas yang tidak sah tidak dihitung "
            "(lihat `kinerja validate`).",
            file=sys.stderr,
        )
    if args.period and args.period not in tracker.periods:
        return unknown("recap", "periode", args.period, tracker.periods)
    units = tracker.config.organisation.units if tracker.config else {}
    if args.unit and args.unit not in units:
        return unknown("recap", "unit", args.unit, units)
    recap = filtered(compute_recap(tracker), args.period, args.unit)
    if args.diff:
        from kinerja.recap import diff_markdown, diff_recaps

        old = _at_revision(root, args.diff)
        if old is None:
            return 2
        text = diff_markdown(diff_recaps(filtered(old, args.period, args.unit), recap))
        return _emit(text, args.output)
    if args.format == "xlsx":
        from kinerja.recap import write_xlsx

        write_xlsx(recap, args.output)
        print(f"Rekap ditulis ke {args.output}.")
        return 0
    if args.format == "json":
        return _emit(recap.to_json(), args.output)
    if args.format == "csv":
        return _emit(recap.to_csv(args.view), args.output)
    return _emit(_table(recap, args.view), args.output)


def _table(recap: Recap, view: str) -> str:
    from kinerja.cli._common import newest_first
    from kinerja.cli._table import render
    from kinerja.recap.columns import header
    from kinerja.site.charts import is_missing, target_text
    from kinerja.site.html import number

    frame = recap.view(view)
    if frame.empty:
        return "Rekap kosong: belum ada realisasi untuk pilihan ini."
    wanted = {
        "indikator": ["periode", "unit", "indikator", "target", "realisasi", "capaian", "predikat"],
        "ytd": ["sd_periode", "unit", "indikator", "target", "realisasi", "capaian", "predikat"],
        "ytd_instansi": ["sd_periode", "indikator", "target", "realisasi", "capaian", "predikat"],
    }.get(view, list(frame.columns))
    numeric = [i for i, c in enumerate(wanted) if frame[c].dtype.kind in "fiu" or c == "target"]
    # A column whose every value is whole (a year, a count) prints without decimals.
    decimals = {
        c: 0 if c != "capaian" and _whole(frame[c]) else 2
        for c in wanted
        if frame[c].dtype.kind in "fiu"
    }
    records = frame.to_dict("records")
    # Newest period first, as every listing of the command line (a stable sort: the recap's
    # own order of units and indicators is kept within a period).
    when = next((c for c in ("periode", "sd_periode") if c in frame.columns), None)
    if when is not None:
        order = {p: i for i, p in enumerate(newest_first(str(v) for v in frame[when]))}
        records.sort(key=lambda rec: order[str(rec[when])])
    rows = []
    for rec in records:
        # A figure is printed with its indicator's presisi (a count of LHP as 3, not 3,00).
        presisi = rec.get("presisi")
        places = None if presisi is None or is_missing(presisi) else int(presisi)
        row = []
        for c in wanted:
            if c == "target":
                row.append(
                    target_text(
                        {str(k): v for k, v in rec.items()},
                        decimals.get("target", 2) if places is None else places,
                    )
                )
            elif c == "realisasi" and places is not None:
                row.append(number(rec[c], places))
            elif isinstance(rec[c], bool):
                row.append("ya" if rec[c] else "tidak")
            elif c == "tahun" and not is_missing(rec[c]):
                row.append(str(int(rec[c])))  # a year, not an amount: 2026, never 2.026
            elif c in decimals:
                row.append(number(rec[c], decimals[c]))
            else:
                row.append("–" if rec[c] is None or rec[c] != rec[c] else str(rec[c]))
        rows.append(row)
    return render([header(c) for c in wanted], rows, numeric=numeric)


def _whole(column: Any) -> bool:
    values = column.dropna()
    return bool(len(values)) and bool((values == values.round()).all())


def _emit(text: str, output: str | None) -> int:
    if output:
        Path(output).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
