"""``kinerja merge PR`` / ``kinerja merge --semua``: write the landing once the paraf are present.

The merge identity writes a signed merge commit (main tip + PR head) with the trailers itself and
pushes it (``kinerja.forge.merge``). The signing key comes from ``KINERJA_SIGNING_KEY`` or
``KINERJA_SIGNING_KEY_FILE``; the remote is ``--remote`` (or ``KINERJA_REMOTE``, else
``origin``): a remote name or URL that Git can fetch ``refs/pull/<n>/head`` from and push the
default branch to.

Exit codes (documented for admins in ``docs/panduan/admin.md``; the merge workflow acts on them):

====  ==========================================================================================
0     merged (with ``--coba``: the paraf are complete, it would be merged). ``--semua``: every
      open pull request was merged, is waiting for paraf, or had nothing to do
1     waiting: the required paraf are missing or stale, or the pull request is a draft; a
      normal outcome, the workflow runs again on the next approval
2     usage: bad options, no readable ``organisasi.yml``, the forge not configured, no token, no
      signing key, or a signing key that ``.kinerja/allowed_signers`` of main does not list
3     the forge or Git: unreachable, refused (HTTP 4xx/5xx, a push refused by branch
      protection), a conflict with main, a head that moved, a clock behind main, or an answer
      that cannot be read; or the pull request changes more files than the forge can list
      (GitHub: over 3,000), so its paraf cannot all be checked: never merged on a partial
      list. ``--semua``: at least one pull request ended so
4     nothing to do: the pull request is already merged, closed, or not for the default branch
====  ==========================================================================================
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kinerja.cli._common import add_root_argument, find_root

if TYPE_CHECKING:
    from kinerja.timing.zone import Zone

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
        help="gabungkan pull request setelah paraf lengkap (commit gabungan bertanda tangan)",
        description=(
            "Membaca review pull request, hanya menghitung persetujuan untuk commit terakhir, "
            "memeriksa paraf/tanda tangan yang disyaratkan organisasi.yml untuk berkas yang "
            "diubah, lalu menulis sendiri commit gabungan (cabang utama + kepala PR) dengan "
            "trailer Reviewed-by, Approved-by, Reviewed-on dan Opened-at, menandatanganinya "
            "dengan kunci identitas penggabung (KINERJA_SIGNING_KEY, tercantum di "
            ".kinerja/allowed_signers) dan mendorongnya ke cabang utama. Token forge dibaca "
            "dari KINERJA_FORGE_TOKEN atau GITHUB_TOKEN."
        ),
        epilog=(
            "Kode keluar: 0 digabung (dengan --coba: siap digabung; dengan --semua: tidak ada "
            "yang gagal); 1 menunggu paraf (belum lengkap, usang, atau PR masih draf); 2 salah "
            "penggunaan atau pengaturan (opsi, organisasi.yml, alamat/repositori forge, token, "
            "kunci penanda tangan tidak ada atau tidak tercantum di .kinerja/allowed_signers); "
            "3 forge atau Git menolak atau tidak dapat dihubungi (jaringan, HTTP 4xx/5xx, "
            "perlindungan cabang, konflik dengan cabang utama, jam mesin mundur); 4 tidak ada "
            "yang digabung (PR sudah digabung, ditutup, atau bukan ke cabang utama)."
        ),
    )
    parser.add_argument("number", type=int, nargs="?", metavar="PR", help="nomor pull request")
    parser.add_argument(
        "--semua",
        action="store_true",
        help="coba setiap pull request yang terbuka, dari yang tertua",
    )
    parser.add_argument(
        "--remote",
        help="remote Git (nama atau alamat) tempat refs/pull/<n>/head diambil dan cabang utama "
        "didorong (bawaan: KINERJA_REMOTE, atau origin)",
    )
    parser.add_argument(
        "--cabang",
        help="cabang utama (bawaan: cabang bawaan repositori menurut forge)",
    )
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


def trusted_organisation(root: Path) -> bytes | None:
    """organisasi.yml as the trust rule counts it at the checkout's head: ``None`` when the
    working tree's file is the trusted one; its last verified content otherwise. Raises
    :class:`~kinerja.history.HistoryError` when no verified version exists, or the history
    cannot be read (shallow)."""
    from kinerja.history import HistoryError, NotARepositoryError
    from kinerja.history.reader import read_landings
    from kinerja.model.layout import ORGANISATION

    try:
        trusted = read_landings(root).trusted_content((ORGANISATION,))
    except NotARepositoryError:
        return None  # the merge itself says what is missing (the file, then Git)
    if ORGANISATION not in trusted:
        return None
    content = trusted[ORGANISATION]
    if content is None:
        raise HistoryError(
            "organisasi.yml di cabang utama belum pernah masuk lewat penggabungan yang "
            "terverifikasi; admin perlu mengajukannya lewat pull request."
        )
    return content


def run(args: argparse.Namespace) -> int:
    import os

    from kinerja.forge.api import make_forge
    from kinerja.forge.config import resolve_config
    from kinerja.forge.http import ForgeError
    from kinerja.forge.merge import Target
    from kinerja.history import HistoryError
    from kinerja.history.people import (
        OrganisationError,
        load_organisation_data,
        roster_from_mapping,
    )
    from kinerja.model.layout import ORGANISATION

    if args.semua == (args.number is not None):
        return _fail("sebutkan satu nomor pull request, atau --semua (tidak keduanya).", EXIT_USAGE)
    if args.number is not None and args.number < 1:
        return _fail(f"nomor pull request harus 1 atau lebih, bukan {args.number}.", EXIT_USAGE)
    root = find_root(args.root)
    if root is None:
        return EXIT_USAGE
    organisation_path = root / ORGANISATION
    try:
        # The approval rules come from the trusted organisasi.yml: a version an unverified
        # change wrote on main counts for nothing, here as on the site (docs/dev/trust.md).
        content = trusted_organisation(root)
        data = load_organisation_data(organisation_path, content)
        roster = roster_from_mapping(data)
    except (OrganisationError, HistoryError, KeyError, TypeError, ValueError) as exc:
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
            "yang boleh membaca pull request (dan, di Forgejo/Gitea, menandainya digabung).",
            EXIT_USAGE,
        )
    remote = args.remote or os.environ.get("KINERJA_REMOTE") or "origin"
    target = Target(root, remote, args.cabang or None, _office_zone(data))
    try:
        if args.semua:
            return _run_all(forge, roster, config.host, target, args.dry_run)
        return _run_one(forge, args.number, roster, config.host, target, args.dry_run)
    except ForgeError as exc:
        hint = forge_hint(exc.status)
        return _fail(f"{exc}" + (f"\n{hint}" if hint else ""), EXIT_FORGE)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:  # an unexpected payload
        return _fail(
            f"jawaban forge tidak dikenali ({type(exc).__name__}: {exc}); periksa --jenis dan "
            "--api.",
            EXIT_FORGE,
        )


def _office_zone(organisation: Any) -> Zone:
    """The office's zone (organisasi.yml ``pengaturan.zona_waktu``), for the times the landing
    writes; the package default when it is not set or not readable (validate reports that)."""
    from kinerja.model.settings import Settings

    override = organisation.get("pengaturan") if isinstance(organisation, dict) else None
    return Settings.from_override(override if isinstance(override, dict) else None).zone


def _code(exc: Exception) -> int:
    from kinerja.forge.merge import MergeFailed, MergeMisconfigured, MergeNotOpen, MergeWaiting

    if isinstance(exc, MergeWaiting):
        return EXIT_WAITING
    if isinstance(exc, MergeNotOpen):
        return EXIT_NOT_OPEN
    if isinstance(exc, MergeMisconfigured):
        return EXIT_USAGE
    if isinstance(exc, MergeFailed):
        return EXIT_FORGE
    return EXIT_FORGE


def _explained(refused: Exception) -> str:
    """A refusal's message; a forge error gets the hint for its HTTP status and the note that
    the other pull requests were still tried."""
    from kinerja.forge.merge import MergeForgeFailed

    if not isinstance(refused, MergeForgeFailed):
        return f"{refused}"
    unreadable = "Periksa --jenis dan --api; bila benar, forge mungkin sedang bermasalah."
    hint = unreadable if refused.unreadable else forge_hint(refused.status) or unreadable
    return f"{refused}\n{hint} Pull request lain tetap dicoba."


def _report(outcome: Any, dry_run: bool) -> None:
    if dry_run:
        print(f"PR #{outcome.number} memenuhi syarat persetujuan. Pesan commit gabungan:")
        print()
        print(outcome.message)
        return
    print(
        f"PR #{outcome.number} digabung sebagai commit {outcome.sha[:10]} (ditandatangani "
        "identitas penggabung); paraf tercatat di riwayat Git."
    )
    if outcome.warning:
        print(f"kinerja merge: peringatan: {outcome.warning}", file=sys.stderr)


def _run_one(forge: Any, number: int, roster: Any, host: str, target: Any, dry_run: bool) -> int:
    from kinerja.forge.merge import MergeRefused, merge_pull_request

    try:
        outcome = merge_pull_request(
            forge, number, roster, host=host, target=target, dry_run=dry_run
        )
    except MergeRefused as exc:
        return _fail(f"{exc}", _code(exc))
    _report(outcome, dry_run)
    return EXIT_OK


def _run_all(forge: Any, roster: Any, host: str, target: Any, dry_run: bool) -> int:
    from kinerja.forge.merge import MergeMisconfigured, merge_all

    try:
        attempts = merge_all(forge, roster, host=host, target=target, dry_run=dry_run)
    except MergeMisconfigured as exc:
        return _fail(f"{exc}", EXIT_USAGE)
    worst = EXIT_OK
    for attempt in attempts:
        if attempt.outcome is not None:
            _report(attempt.outcome, dry_run)
            continue
        if attempt.refused is None:
            continue
        code = _code(attempt.refused)
        _fail(_explained(attempt.refused), code)
        if code == EXIT_FORGE:  # waiting and nothing-to-do are normal in a sweep
            worst = EXIT_FORGE
    if not attempts:
        print("Tidak ada pull request yang terbuka.")
    return worst
