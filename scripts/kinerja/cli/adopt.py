"""``kinerja adopt``: install the trust rule on a repository whose history began without it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kinerja.cli._common import add_root_argument, find_root

EXIT_OK, EXIT_USAGE = 0, 2


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "adopt",
        help="pasang aturan keabsahan pada repositori lama (sekali saja)",
        description=(
            "Menulis satu commit bertanda tangan (jangkar) yang memasang "
            ".kinerja/allowed_signers dengan kunci identitas penggabung, dan menerima riwayat "
            "sebelumnya sebagai catatan sebelum aturan keabsahan (diadopsi). Hanya untuk "
            "repositori yang belum pernah punya daftar penanda tangan yang berlaku; repositori "
            "dari kinerja init sudah berjangkar. Commit tidak didorong: dorong sendiri ke main."
        ),
    )
    parser.add_argument(
        "--kunci",
        required=True,
        metavar="BERKAS",
        help="kunci privat SSH identitas penggabung (yang disimpan sebagai KINERJA_SIGNING_KEY)",
    )
    parser.add_argument(
        "--email-penggabung",
        required=True,
        metavar="EMAIL",
        help="e-mail identitas penggabung (prinsipal kunci di daftar penanda tangan)",
    )
    parser.add_argument(
        "--nama-penggabung",
        default="kinerja-merge",
        metavar="NAMA",
        help="nama identitas penggabung pada commit (bawaan: kinerja-merge)",
    )
    parser.add_argument(
        "--tanpa-adopsi",
        action="store_true",
        help="jangan terima riwayat sebelumnya: riwayat itu tetap tidak terverifikasi",
    )
    add_root_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kinerja.history.adopt import AdoptError, adopt

    root = find_root(args.root)
    if root is None:
        return EXIT_USAGE
    try:
        done = adopt(
            root,
            Path(args.kunci).expanduser(),
            args.email_penggabung,
            args.nama_penggabung,
            adopt_history=not args.tanpa_adopsi,
        )
    except AdoptError as exc:
        print(f"kinerja adopt: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Jangkar aturan keabsahan ditulis: commit {done.commit}.")
    print(f"Daftar penanda tangan berisi satu kunci: {args.email_penggabung} {done.fingerprint}")
    print(f"Sidik jari kunci: {done.fingerprint}")
    if args.tanpa_adopsi:
        print("Riwayat sebelumnya tidak diadopsi dan tetap tidak terverifikasi.")
    else:
        print(f"{done.adopted} pendaratan sebelumnya diadopsi (ditandai 'diadopsi' di riwayat).")
        if done.flagged:
            print(f"{done.flagged} pendaratan tidak diadopsi karena waktunya tidak berurutan.")
        if done.claims:
            shown = ", ".join(sha[:10] for sha in done.claims[:5])
            more = f" dan {len(done.claims) - 5} lainnya" if len(done.claims) > 5 else ""
            print(
                f"Perhatian: {len(done.claims)} perubahan langsung (tanpa pengajuan) menuliskan "
                f"paraf, tanda tangan atau waktu pengajuannya sendiri dan ikut diadopsi: "
                f"{shown}{more}. Periksa sebelum mendorong; bila meragukan, batalkan dengan "
                "`git reset --hard HEAD^` dan pakai --tanpa-adopsi."
            )
    print(
        "Langkah berikutnya: dorong commit ini ke main (izinkan admin mendorong sekali), "
        "periksa bahwa sidik jari di atas sama dengan yang tampil di halaman Riwayat, lalu "
        f"tetapkan variabel repositori KINERJA_JANGKAR={done.commit} di forge agar cabang "
        "utama yang ditulis ulang ditolak."
    )
    return EXIT_OK
