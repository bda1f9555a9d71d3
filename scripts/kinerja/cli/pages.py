"""``kinerja pages --out DIR``: the site's generated pages for another engine (e.g. Zensical)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kinerja.cli._common import add_root_argument, find_root, progress_printer


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "pages",
        help="tulis halaman situs buatan ke sebuah folder",
        description=(
            "Menulis halaman yang biasanya dibuat plugin MkDocs `kinerja` (Beranda, Status, "
            "Periode, Unit, Indikator, SOP, Riwayat, Unduh, Organisasi) ke folder OUT, untuk mesin "
            "situs lain yang tidak menjalankan plugin MkDocs."
        ),
    )
    parser.add_argument("--out", required=True, metavar="OUT", help="folder tujuan")
    parser.add_argument(
        "--now",
        metavar="WAKTU",
        help="waktu acuan ISO 8601 (bawaan: sekarang), untuk hasil yang sama",
    )
    add_root_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from datetime import datetime

    from kinerja.site.pages import build_pages, static_assets
    from kinerja.snapshot import take_snapshot

    root = find_root(args.root)
    if root is None:
        return 2
    try:
        now = datetime.fromisoformat(args.now) if args.now else None
    except ValueError:
        print(
            f"kinerja: waktu '{args.now}' tidak sah; contoh: 2026-11-25T09:00+07:00",
            file=sys.stderr,
        )
        return 2
    if now is not None and now.tzinfo is None:
        print("kinerja: waktu harus menyebut zona, mis. +07:00", file=sys.stderr)
        return 2
    snapshot = take_snapshot(root, now=now, progress=progress_printer("Membaca"))
    out = Path(args.out)
    files = {**static_assets(), **build_pages(snapshot)}
    kept = []
    for src_uri, content in sorted(files.items()):
        target = out / src_uri
        if src_uri.startswith("panduan/") and src_uri.endswith(".md") and target.is_file():
            # The office's own wording of a guide wins, as in the plugin: never overwritten.
            kept.append(src_uri)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    print(f"{len(files) - len(kept)} berkas ditulis ke {out}.")
    if kept:
        print(f"Panduan milik kantor dipertahankan (tidak ditimpa): {', '.join(kept)}.")
    return 0
