"""``kinerja init DIR``: a new office's tracker repository, ready to push.

Asks nothing: every choice is a flag. Exit codes: 0 written; 2 bad flag, non-empty folder, key
path inside the repository, or Git failed.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

EXIT_OK, EXIT_USAGE = 0, 2
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "init",
        help="buat repositori pelacak untuk kantor baru",
        description=(
            "Membuat repositori pelacak baru di folder DIR (harus baru atau kosong): "
            "organisasi.yml, indikator.yml dan SOP contoh untuk disesuaikan, mkdocs.yml, alur "
            "kerja forge, CODEOWNERS, berkas kunci tepercaya dengan kunci identitas penggabung "
            "yang baru, README, paket kinerja beserta skemanya, dan commit pertama yang "
            "ditandatangani kunci itu. Kunci privat ditulis DI LUAR repositori "
            "(--kunci-keluar) dan tidak pernah di-commit."
        ),
    )
    parser.add_argument("dir", metavar="DIR", help="folder repositori baru")
    parser.add_argument("--nama", required=True, help="nama lengkap instansi")
    parser.add_argument(
        "--kode", required=True, help="kode pendek kantor (huruf kecil, angka, tanda hubung)"
    )
    parser.add_argument("--pemerintah", required=True, help="nama pemerintah daerah induk")
    parser.add_argument(
        "--zona-waktu",
        default="Asia/Jakarta",
        help="zona waktu kantor, mis. Asia/Jakarta, Asia/Makassar, Asia/Jayapura",
    )
    parser.add_argument(
        "--forge", choices=("github", "forgejo", "gitea"), default="github", help="jenis forge"
    )
    parser.add_argument("--forge-url", help="alamat web forge (bawaan GitHub: https://github.com)")
    parser.add_argument("--forge-repo", help="pemilik/nama repositori (bawaan: KODE/kinerja)")
    parser.add_argument("--admin-id", required=True, help="id pegawai admin repositori")
    parser.add_argument("--admin-nama", required=True, help="nama lengkap admin")
    parser.add_argument("--admin-akun", required=True, help="akun forge admin")
    parser.add_argument("--admin-email", required=True, help="e-mail commit admin")
    parser.add_argument(
        "--email-penggabung",
        help="e-mail identitas penggabung (prinsipal kunci; bawaan kinerja-merge@KODE.invalid)",
    )
    parser.add_argument(
        "--kunci-keluar",
        metavar="PATH",
        help="berkas kunci privat penggabung, di luar repositori (bawaan: DIR.kunci-penggabung)",
    )
    parser.add_argument(
        "--git",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="buat repositori Git dengan commit pertama bertanda tangan (bawaan: ya)",
    )
    parser.set_defaults(func=run)


def _problems(args: argparse.Namespace) -> list[str]:
    problems = []
    for flag, value in (("--kode", args.kode), ("--admin-id", args.admin_id)):
        if not _ID.match(value):
            problems.append(
                f"{flag} '{value}' tidak sah: pakai huruf kecil, angka dan tanda hubung, "
                "mis. kota-contoh."
            )
    if args.forge_repo is not None and not _REPO.match(args.forge_repo):
        problems.append(f"--forge-repo '{args.forge_repo}' harus berbentuk pemilik/nama.")
    if args.forge != "github" and not args.forge_url:
        problems.append(f"--forge-url wajib untuk {args.forge}, mis. https://git.kantor.go.id.")
    if args.forge_url and urlsplit(args.forge_url).scheme not in ("http", "https"):
        problems.append(f"--forge-url '{args.forge_url}' harus diawali https:// atau http://.")
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(args.zona_waktu)
    except (ValueError, KeyError, OSError):
        problems.append(f"--zona-waktu '{args.zona_waktu}' tidak dikenal, mis. Asia/Makassar.")
    if "@" not in args.admin_email:
        problems.append(f"--admin-email '{args.admin_email}' bukan alamat e-mail.")
    return problems


def run(args: argparse.Namespace) -> int:
    from kinerja.scaffold.office import Office
    from kinerja.scaffold.repository import ScaffoldError, write_repository

    problems = _problems(args)
    for problem in problems:
        print(f"kinerja init: {problem}", file=sys.stderr)
    if problems:
        return EXIT_USAGE
    root = Path(args.dir)
    key_path = Path(args.kunci_keluar or f"{root.resolve()}.kunci-penggabung")
    office = Office(
        nama=args.nama,
        kode=args.kode,
        pemerintah=args.pemerintah,
        zona_waktu=args.zona_waktu,
        forge=args.forge,
        forge_url=(args.forge_url or "https://github.com").rstrip("/"),
        forge_repo=args.forge_repo or f"{args.kode}/kinerja",
        admin_id=args.admin_id,
        admin_nama=args.admin_nama,
        admin_akun=args.admin_akun,
        admin_email=args.admin_email,
        merge_email=args.email_penggabung or f"kinerja-merge@{args.kode}.invalid",
    )
    try:
        result = write_repository(root, office, key_path, today=date.today(), git=args.git)
    except ScaffoldError as exc:
        print(f"kinerja init: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Repositori pelacak dibuat di {result.root} ({len(result.files)} berkas/folder).")
    if result.commit:
        print(f"Commit pertama {result.commit[:12]} ditandatangani identitas penggabung.")
        print(
            f"Setelah didorong, simpan variabel repositori KINERJA_JANGKAR={result.commit} di "
            "forge: cabang utama yang ditulis ulang lalu ditolak."
        )
    print(f"Kunci privat penggabung: {result.key_path} (JANGAN di-commit).")
    print(
        "Simpan isinya sebagai rahasia KINERJA_SIGNING_KEY pada lingkungan kinerja-merge di "
        "forge, lalu hapus berkas itu. Kunci publiknya sudah ada di .kinerja/allowed_signers."
    )
    print("Langkah berikutnya: baca README.md, ganti kerangka contoh, lalu `kinerja validate`.")
    return EXIT_OK
