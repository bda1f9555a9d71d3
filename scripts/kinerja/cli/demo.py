"""``kinerja demo DIR``: make the example tracker repository with a backdated history."""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

DEMO_MARK = "kinerja demo"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "demo",
        help="buat repositori contoh lengkap dengan riwayat Git yang dimundurkan",
        description=(
            "Membuat repositori pelacak contoh di folder DIR: organisasi, indikator dan SOP "
            "bawaan, permintaan dan data unit (YAML, CSV, XLSX) beberapa triwulan dan bulan "
            "terakhir, analisis, paraf dan pengesahan, dengan riwayat Git yang tanggalnya "
            "dimundurkan. Semua isinya data contoh."
        ),
    )
    parser.add_argument("dir", metavar="DIR", help="folder tujuan (baru atau kosong)")
    parser.add_argument(
        "--force",
        action="store_true",
        help="kosongkan DIR lebih dahulu bila sudah berisi (hanya folder biasa atau "
        "repositori contoh sebelumnya)",
    )
    parser.add_argument("--seed", type=int, default=1, metavar="N", help="benih acak (bawaan 1)")
    parser.add_argument(
        "--today", metavar="TTTT-BB-HH", help="anggap hari ini tanggal ini (bawaan: hari ini)"
    )
    parser.add_argument(
        "--source",
        metavar="DIR",
        help="repositori sumber organisasi.yml, indikator.yml, SOP dan docs/ "
        "(bawaan: repositori paket ini)",
    )
    synthetic = parser.add_argument_group(
        "organisasi sintetis (untuk uji dan tolok ukur; tanpa ini: organisasi bawaan)"
    )
    synthetic.add_argument("--years", type=int, metavar="N", help="jumlah tahun data")
    synthetic.add_argument("--units", type=int, metavar="N", help="jumlah unit (unit-001...)")
    synthetic.add_argument(
        "--indicators", type=int, metavar="N", help="indikator per unit (bawaan 10)"
    )
    synthetic.add_argument(
        "--documents", type=int, metavar="N", help="dokumen per data unit (bawaan 2)"
    )
    synthetic.add_argument(
        "--monthly", action="store_true", help="periode bulanan (bawaan: triwulanan)"
    )
    parser.set_defaults(func=run)


def _error(message: str) -> int:
    print(f"kinerja demo: {message}", file=sys.stderr)
    return 2


def _refusal(target: Path) -> str | None:
    """Why ``target`` must not be emptied, or None when ``--force`` may empty it."""
    here = Path.cwd().resolve()
    if target == Path(target.anchor) or target == Path.home().resolve():
        return f"{target} adalah folder akar atau folder rumah; tidak dikosongkan"
    if target == here or target in here.parents:
        return f"{target} adalah folder kerja saat ini atau induknya; tidak dikosongkan"
    if (target / "scripts" / "kinerja").is_dir():
        return f"{target} adalah repositori sumber kinerja; tidak dikosongkan"
    if (target / ".git").exists():
        readme = target / "README.md"
        text = readme.read_text(encoding="utf-8", errors="replace") if readme.is_file() else ""
        if DEMO_MARK not in text:
            return f"{target} berisi repositori Git yang bukan repositori contoh; tidak dikosongkan"
    return None


def _empty(target: Path) -> None:
    for child in target.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


def _progress() -> Callable[[str, int, int], None] | None:
    """Two progress lines on a terminal: files rendered, then commits written."""
    from kinerja.cli._common import progress_printer

    printers = {
        "berkas": progress_printer("Menyusun isi", "berkas"),
        "commit": progress_printer("Menulis riwayat", "commit"),
    }
    if not any(printers.values()):
        return None

    def show(stage: str, done: int, total: int) -> None:
        printer = printers.get(stage)
        if printer:
            printer(done, total)

    return show


def run(args: argparse.Namespace) -> int:
    from kinerja.demo import DemoError, Scale, generate

    today: date | None = None
    if args.today:
        try:
            today = date.fromisoformat(args.today)
        except ValueError:
            return _error(f"tanggal --today '{args.today}' tidak sah; tulis TTTT-BB-HH")
    scale: Scale | None = None
    if any(v is not None for v in (args.years, args.units, args.indicators, args.documents)) or (
        args.monthly
    ):
        try:
            scale = Scale(
                years=args.years or 1,
                units=args.units or 5,
                indicators_per_unit=args.indicators or 10,
                monthly=args.monthly,
                documents_per_submission=2 if args.documents is None else args.documents,
            )
        except ValueError as exc:
            return _error(f"ukuran tidak sah: {exc}")
    target = Path(args.dir).expanduser().resolve()
    if target.exists() and not target.is_dir():
        return _error(f"{target} bukan folder")
    if target.is_dir() and any(target.iterdir()):
        if not args.force:
            return _error(
                f"folder {args.dir} tidak kosong. Pilih folder lain, atau pakai --force untuk "
                "mengosongkannya lebih dahulu."
            )
        refusal = _refusal(target)
        if refusal:
            return _error(refusal)
        _empty(target)
    print(f"Membuat repositori contoh di {args.dir} ...", file=sys.stderr)
    try:
        source = Path(args.source).expanduser() if args.source else None
        info = generate(
            target, today=today, scale=scale, seed=args.seed, source=source, progress=_progress()
        )
    except DemoError as exc:
        return _error(str(exc))
    open_periods = sum(p.open for p in info.periods)
    print(f"Repositori contoh (DATA CONTOH) dibuat di {args.dir}:")
    print(
        f"  {len(info.periods)} periode ({open_periods} masih berjalan), "
        f"{info.submissions} berkas data unit, {info.merges} pull request, "
        f"{info.commits} commit, {info.files} berkas; {info.seconds:.1f} detik."
    )
    print("Langkah berikutnya:")
    print(f"  cd {args.dir} && mkdocs serve")
    return 0
