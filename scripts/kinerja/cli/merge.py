"""``kinerja merge PR``: squash-merge a pull request once the required paraf are present.

Exit codes (documented for admins in ``docs/panduan/admin.md``; the merge workflow acts on them):

====  ==========================================================================================
0     merged (with ``--coba``: the paraf are complete, it would be merged)
1     waiting: the required paraf are missing or stale, or the pull request is a draft; a
      normal outcome, the workflow runs again on the next approval
2     usage: bad options, no readable ``organisasi.yml``, the forge not configured, no token
3     the forge: unreachable, refused (HTTP 4xx/5xx, e.g. a merge conflict or a head that moved
      while merging), or answered something unreadable; or the pull request changes more files
      than the forge can list (GitHub: over 3,000), so its paraf cannot all be checked: it is
      never merged on a partial list
4     nothing to do: the pull request is already merged, or closed
====  ==========================================================================================
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kinerja.cli._common import add_root_argument, find_root

EXIT_OK, EXIT_WAITING, EXIT_USAGE, EXIT_FORGE, EXIT_NOT_OPEN = 0, 1, 2, 3, 4

#: What to do about a forge error, by HTTP status (None: no answer at all).
_HINTS = {
    None: "Periksa alamat forge (--url/--api, instansi.forge.url) dan jaringan, lalu jalankan "
    "lagi.",
    401: "Token forge tidak sah atau kedaluwarsa: periksa KINERJA_FORGE_TOKEN atau GITHUB_TOKEN.",
    403: "Token tidak berhak melakukan ini (alur merge memerlukan izin contents: write), atau "
    "batas permintaan API forge tercapai; coba lagi nanti.",
    404: "Pull request atau repositori tidak ditemukan, atau token tidak punya akses ke "
    "repositori ini: periksa nomor PR dan --repo/instansi.forge.repo.",
    405: "Forge belum mengizinkan penggabungan: ada konflik dengan cabang utama, atau pemeriksaan "
    "wajib/perlindungan cabang belum terpenuhi. Selesaikan konflik (tombol Resolve conflicts "
    "atau Update branch) lalu jalankan lagi.",
    409: "Konflik: cabang pull request berubah saat digabung, atau bertentangan dengan cabang "
    "utama. Perbarui cabang, minta paraf untuk commit terakhir bila perlu, lalu jalankan lagi.",
    422: "Forge menolak permintaan penggabungan (mis. cara squash tidak diizinkan di pengaturan "
    "repositori).",
}


def forge_hint(status: int | None) -> str:
    if status is not None and status >= 500:
        return "Forge sedang bermasalah; jalankan lagi beberapa saat kemudian."
    return _HINTS.get(status, "")


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "merge",
        help="gabungkan pull request setelah paraf lengkap (mencatat paraf di Git)",
        description=(
            "Membaca review pull request, hanya menghitung persetujuan untuk commit terakhir, "
            "memeriksa paraf/tanda tangan yang disyaratkan organisasi.yml untuk berkas yang "
            "diubah, lalu melakukan squash merge dengan trailer Reviewed-by, Approved-by, "
            "Reviewed-on dan Opened-at. Token dibaca dari KINERJA_FORGE_TOKEN atau GITHUB_TOKEN."
        ),
        epilog=(
            "Kode keluar: 0 digabung (dengan --coba: siap digabung); 1 menunggu paraf (belum "
            "lengkap, usang, atau PR masih draf); 2 salah penggunaan atau pengaturan (opsi, "
            "organisasi.yml, alamat/repositori forge, token); 3 forge menolak atau tidak dapat "
            "dihubungi (jaringan, HTTP 4xx/5xx, konflik merge); 4 tidak ada yang digabung (PR "
            "sudah digabung atau ditutup)."
        ),
    )
    parser.add_argument("number", type=int, metavar="PR", help="nomor pull request")
    parser.add_argument(
        "--jenis",
        choices=("github", "forgejo", "gitea"),
        help="jenis forge (bawaan: instansi.forge.jenis)",
    )
    parser.add_argument("--url", help="alamat web forge (bawaan: instansi.forge.url)")
    parser.add_argument(
        "--repo", metavar="PEMILIK/NAMA", help="repositori di forge (bawaan: instansi.forge.repo)"
    )
    parser.add_argument("--api", metavar="URL", help="alamat API bila bukan yang biasa")
    add_root_argument(parser)
    parser.add_argument(
        "--coba",
        "--dry-run",
        dest="dry_run",
        action="store_true",
        help="hanya periksa dan tampilkan pesan merge, tanpa menggabungkan",
    )
    parser.set_defaults(func=run)


def _fail(message: str, code: int) -> int:
    print(f"kinerja merge: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    from kinerja.forge.api import make_forge
    from kinerja.forge.config import resolve_config
    from kinerja.forge.http import ForgeError
    from kinerja.forge.merge import (
        MergeIncomplete,
        MergeNotOpen,
        MergeWaiting,
        merge_pull_request,
    )
    from kinerja.history.people import (
        OrganisationError,
        load_organisation_data,
        roster_from_mapping,
    )

    if args.number < 1:
        return _fail(f"nomor pull request harus 1 atau lebih, bukan {args.number}.", EXIT_USAGE)
    root = find_root(args.root)
    if root is None:
        return EXIT_USAGE
    organisation_path = root / "submissions" / "organisasi.yml"
    try:
        data = load_organisation_data(organisation_path)
        roster = roster_from_mapping(data)
    except (OrganisationError, KeyError, TypeError, ValueError) as exc:
        return _fail(f"{exc}", EXIT_USAGE)
    try:
        config = resolve_config(
            kind=args.jenis, url=args.url, repo=args.repo, api_url=args.api, organisation=data
        )
        forge = make_forge(config.kind, config.api_url, config.owner, config.repo, config.token)
    except ForgeError as exc:
        return _fail(f"{exc}", EXIT_USAGE)
    if not config.token and not args.dry_run:
        return _fail(
            "token forge belum ada: isi KINERJA_FORGE_TOKEN (atau GITHUB_TOKEN) dengan token "
            "yang boleh menggabungkan pull request.",
            EXIT_USAGE,
        )
    try:
        outcome = merge_pull_request(
            forge, args.number, roster, host=config.host, dry_run=args.dry_run
        )
    except MergeWaiting as exc:
        return _fail(f"{exc}", EXIT_WAITING)
    except MergeNotOpen as exc:
        return _fail(f"{exc}", EXIT_NOT_OPEN)
    except MergeIncomplete as exc:  # never mergeable by this tool: fail the job, loudly
        return _fail(f"{exc}", EXIT_FORGE)
    except ForgeError as exc:
        hint = forge_hint(exc.status)
        return _fail(f"{exc}" + (f"\n{hint}" if hint else ""), EXIT_FORGE)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:  # an unexpected payload
        return _fail(
            f"jawaban forge tidak dikenali ({type(exc).__name__}: {exc}); periksa --jenis dan "
            "--api.",
            EXIT_FORGE,
        )
    if args.dry_run:
        print(f"PR #{outcome.number} memenuhi syarat persetujuan. Pesan merge yang akan ditulis:")
        print()
        print(outcome.title)
        print()
        print(outcome.message)
        return EXIT_OK
    where = f" sebagai commit {outcome.sha[:10]}" if outcome.sha else ""
    print(f"PR #{outcome.number} digabung (squash){where}; paraf tercatat di riwayat Git.")
    return EXIT_OK
