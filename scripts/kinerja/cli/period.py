"""``kinerja period``: open a period (write its request), propose it, notify its units."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from kinerja.cli._common import add_root_argument, find_root, unknown

#: Exit codes, the same as ``kinerja merge``'s where they overlap: 1 the data is not valid,
#: 2 usage or setup (organisasi.yml, forge settings), 3 the forge refused or cannot be reached.
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_FORGE = 0, 1, 2, 3


def add_forge_arguments(parser: argparse.ArgumentParser) -> None:
    """Where the forge is, as ``kinerja merge`` takes it; the token comes from the environment
    (``KINERJA_FORGE_TOKEN`` or ``GITHUB_TOKEN``), never from an option."""
    parser.add_argument(
        "--jenis", choices=("github", "forgejo", "gitea"), help="jenis forge (bawaan: organisasi)"
    )
    parser.add_argument("--url", help="alamat web forge (bawaan: instansi.forge.url)")
    parser.add_argument("--repo", metavar="PEMILIK/NAMA", help="repositori di forge")
    parser.add_argument("--api", metavar="URL", help="alamat API bila bukan yang biasa")
    parser.add_argument(
        "--coba",
        "--dry-run",
        dest="dry_run",
        action="store_true",
        help="hanya tampilkan yang akan dilakukan, tanpa mengubah apa pun di forge",
    )


def add_site_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--situs",
        metavar="URL",
        default=None,
        help="alamat situs pelacak, untuk tautan unduh templat (bawaan: KINERJA_SITUS_URL)",
    )


def site_url(args: argparse.Namespace) -> str | None:
    return args.situs or os.environ.get("KINERJA_SITUS_URL") or None


def forge_api_from(args: argparse.Namespace, organisation: Any) -> Any:
    """The :class:`~kinerja.forge.notify.ForgeApi` for the options, environment and organisation."""
    from kinerja.forge.config import resolve_config
    from kinerja.forge.notify import forge_api

    config = resolve_config(
        kind=args.jenis, url=args.url, repo=args.repo, api_url=args.api, organisation=organisation
    )
    return forge_api(config)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "period",
        help="buka periode: tulis permintaan, usulkan, beri tahu unit",
        description=(
            "Membuka periode pengumpulan data (langkah SOP 1-3): `open` menulis "
            "submissions/<periode>/permintaan.yml, `propose` mengusulkannya sebagai pull request, "
            "`notify` membuka satu issue untuk setiap unit penerima setelah permintaan digabung "
            "dan menyesuaikannya bila permintaan diubah."
        ),
    )
    actions = parser.add_subparsers(title="tindakan", metavar="TINDAKAN")

    opener = actions.add_parser(
        "open",
        help="tulis permintaan.yml periode",
        description=(
            "Menulis submissions/PERIODE/permintaan.yml. Penerima disalin dari permintaan periode "
            "sejenis sebelumnya (bulanan atau triwulanan), atau bila belum ada, dari unit pemilik "
            "indikator di indikator.yml. Berkas yang ditulis langsung diperiksa."
        ),
    )
    opener.add_argument("period", metavar="PERIODE", help="mis. 2026-q4 atau 2026-10")
    opener.add_argument(
        "--deadline",
        "--tenggat",
        dest="deadline",
        required=True,
        metavar="TENGGAT",
        help='tenggat "TTTT-BB-HH" (akhir jam kerja) atau "TTTT-BB-HHTJJ:MM"',
    )
    opener.add_argument(
        "--tanggal", metavar="TTTT-BB-HH", help="tanggal permintaan (bawaan: hari ini)"
    )
    opener.add_argument("--nomor", metavar="NOMOR", help="nomor surat/nota dinas")
    opener.add_argument(
        "--oleh",
        metavar="ID|AKUN",
        help="id pegawai atau akun forge penyusun (bawaan: satu-satunya pegawai berperan penyusun)",
    )
    opener.add_argument(
        "--dari", metavar="PERIODE", help="salin penerima dari permintaan periode ini"
    )
    opener.add_argument("--catatan", metavar="TEKS", help="catatan untuk semua penerima")
    opener.add_argument("--timpa", action="store_true", help="timpa permintaan.yml yang sudah ada")
    add_root_argument(opener)
    opener.set_defaults(func=run_open)

    proposer = actions.add_parser(
        "propose",
        help="usulkan permintaan.yml sebagai pull request lewat API forge",
        description=(
            "Membuat cabang baru di forge berisi submissions/PERIODE/permintaan.yml dari folder "
            "ini, lalu membuka pull request untuk paraf pemberi paraf permintaan (persetujuan."
            "permintaan di organisasi.yml). Tidak memerlukan "
            "git push. Token dibaca dari KINERJA_FORGE_TOKEN atau GITHUB_TOKEN."
        ),
    )
    proposer.add_argument("period", metavar="PERIODE")
    proposer.add_argument(
        "--cabang", metavar="NAMA", help="nama cabang (bawaan: permintaan/PERIODE)"
    )
    proposer.add_argument(
        "--dasar", metavar="NAMA", help="cabang tujuan (bawaan: instansi.forge.cabang)"
    )
    proposer.add_argument(
        "--pengusul", metavar="AKUN", help="akun yang meminta, disebut di pull request"
    )
    add_forge_arguments(proposer)
    add_root_argument(proposer)
    proposer.set_defaults(func=run_propose)

    notifier = actions.add_parser(
        "notify",
        help="buka, perbarui atau tutup issue unit penerima sesuai permintaan.yml",
        description=(
            "Untuk setiap unit penerima yang belum menyerahkan data, membuka satu issue berisi "
            "tenggat, yang diminta, dan tautan Kirim data; ditugaskan ke anggota unit (akun di "
            "organisasi.yml). Issue yang sudah ada tidak dibuka lagi. Bila permintaan.yml "
            "diubah setelah issue dibuka (tenggat, indikator, dokumen, nomor surat, catatan), "
            "isi issue diperbarui dan perubahannya dikomentari; unit yang ditambahkan mendapat "
            "issue baru; issue unit yang dihapus dari penerima ditutup dengan komentar (dan "
            "dibuka kembali bila unit itu diminta lagi). Menjalankan ulang tidak mengubah apa "
            "pun. Tanpa PERIODE: semua periode berstatus dibuka. Dengan --coba forge tidak "
            "dihubungi sama sekali: hanya issue yang akan dibuka yang ditampilkan, dengan isinya."
        ),
    )
    notifier.add_argument("periods", nargs="*", metavar="PERIODE")
    add_site_argument(notifier)
    add_forge_arguments(notifier)
    add_root_argument(notifier)
    notifier.set_defaults(func=run_notify)
    parser.set_defaults(func=lambda _args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def _fail(message: str, code: int = EXIT_FAILED) -> int:
    print(f"kinerja period: {message}", file=sys.stderr)
    return code


def run_open(args: argparse.Namespace) -> int:
    from datetime import date, datetime

    from kinerja import report
    from kinerja.forge.notify import (
        RequestError,
        build_request,
        previous_request,
        resolve_requester,
    )
    from kinerja.model.layout import REQUEST_NAME, SUBMISSIONS
    from kinerja.model.repository import load_tracker
    from kinerja.timing import WorkCalendar
    from kinerja.validate.runner import validate_repository
    from kinerja.write import request_yaml

    root = find_root(args.root)
    if root is None:
        return EXIT_USAGE
    rel = f"{SUBMISSIONS}/{args.period}/{REQUEST_NAME}"
    target = root / rel
    if target.exists() and not args.timpa:
        return _fail(f"{rel} sudah ada; ubah berkasnya langsung atau pakai --timpa.")
    tracker = load_tracker(root, use_cache=False)
    config = tracker.config
    if config is None:
        return _fail(
            "organisasi.yml atau indikator.yml tidak sah; periksa dengan: kinerja validate"
        )
    requests = {p: r for p, r in tracker.requests().items() if p != args.period}
    if args.dari:
        if args.dari not in requests:
            return unknown("period open", "permintaan untuk periode", args.dari, requests)
        previous: tuple[str, Any] | None = (args.dari, requests[args.dari])
    else:
        previous = previous_request(requests, args.period)
    try:
        issued = (
            date.fromisoformat(args.tanggal)
            if args.tanggal
            else datetime.now(WorkCalendar.from_config(config.settings.raw).zone).date()
        )
        person = resolve_requester(config, args.oleh)
        data = build_request(
            config,
            args.period,
            deadline=args.deadline,
            issued=issued,
            requester=person.id,
            number=args.nomor,
            note=args.catatan,
            previous=previous[1] if previous else None,
        )
    except ValueError as exc:  # RequestError, or a bad --tanggal
        message = (
            str(exc) if isinstance(exc, RequestError) else f"tanggal '{args.tanggal}' tidak sah."
        )
        return _fail(message, EXIT_USAGE)
    org = config.organisation
    if args.oleh and (org.people.get(args.oleh) or org.person_by_handle(args.oleh)) is None:
        print(
            f"Peringatan: '{args.oleh}' tidak ada di organisasi.yml; diminta_oleh diisi "
            f"{person.id} (satu-satunya penyusun).",
            file=sys.stderr,
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(request_yaml(data), encoding="utf-8", newline="\n")
    source = f"disalin dari permintaan {previous[0]}" if previous else "dari indikator.yml"
    units = ", ".join(r["unit"] for r in data["penerima"])
    print(f"{rel} ditulis: {len(data['penerima'])} unit penerima ({source}): {units}.")
    result = validate_repository(root, [rel], use_cache=False)
    if result.findings:
        report.write_text(result.findings, 1, sys.stdout)
    errors = sum(1 for f in result.findings if f.severity.value == "error")
    return EXIT_FAILED if errors else EXIT_OK


def _organisation(root: Path) -> Any:
    from kinerja.history.people import load_organisation_data

    return load_organisation_data(root / "submissions" / "organisasi.yml")


def run_propose(args: argparse.Namespace) -> int:
    from kinerja.escape import mention
    from kinerja.forge.http import ForgeError
    from kinerja.history.people import OrganisationError
    from kinerja.model.layout import REQUEST_NAME, SUBMISSIONS
    from kinerja.model.periods import parse_period

    root = find_root(args.root)
    if root is None:
        return EXIT_USAGE
    parsed = parse_period(args.period)
    rel = f"{SUBMISSIONS}/{args.period}/{REQUEST_NAME}"
    if parsed is None or not (root / rel).is_file():
        written = [p.parent.name for p in (root / SUBMISSIONS).glob(f"*/{REQUEST_NAME}")]
        code = unknown("period propose", "permintaan untuk periode", args.period, written)
        if parsed is not None:
            print("Tulis dulu permintaannya dengan `kinerja period open`.", file=sys.stderr)
        return code
    try:
        organisation = _organisation(root)
        forge = (organisation.get("instansi") or {}).get("forge") or {}
        base = args.dasar or str(forge.get("cabang") or "main")
        branch = args.cabang or f"permintaan/{args.period}"
        title = f"Permintaan data kinerja {parsed.label}"
        by = f"Diusulkan atas permintaan {mention(args.pengusul)}.\n\n" if args.pengusul else ""
        body = (
            f"{by}Menambahkan `{rel}`: penerima, indikator, dokumen dan tenggat periode "
            f"{parsed.label}.\n\nUntuk pemberi paraf permintaan sebelum memberi paraf:\n\n"
            "- [ ] unit penerima sudah lengkap\n- [ ] indikator dan dokumen yang diminta sudah "
            "benar\n- [ ] tenggat dan nomor surat sudah benar\n\nSetelah digabung, setiap unit "
            "penerima mendapat issue berisi tenggat dan tautan Kirim data.\n"
        )
        if args.dry_run:
            print(f"[coba] cabang {branch} dari {base}, berkas {rel}, pull request '{title}'.")
            return EXIT_OK
        api = forge_api_from(args, organisation)
        api.propose_file(
            base=base,
            branch=branch,
            path=rel,
            content=(root / rel).read_bytes(),
            message=f"Permintaan data kinerja {parsed.label}",
        )
        number, url = api.open_pull(title=title, body=body, head=branch, base=base)
    except OrganisationError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except ForgeError as exc:
        return _fail(str(exc), EXIT_FORGE)
    print(f"Pull request #{number} dibuka: {url}")
    _summary(f"Permintaan {parsed.label} diusulkan: pull request #{number} {url}\n")
    return EXIT_OK


def _summary(text: str) -> None:
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with Path(path).open("a", encoding="utf-8") as handle:
            handle.write(text)


def run_notify(args: argparse.Namespace) -> int:
    from kinerja.forge.http import ForgeError
    from kinerja.forge.notify import sync_issues
    from kinerja.history.people import OrganisationError
    from kinerja.snapshot import take_snapshot

    root = find_root(args.root)
    if root is None:
        return EXIT_USAGE
    snapshot = take_snapshot(root, use_cache=False)
    config = snapshot.tracker.config
    if config is None:
        return _fail(
            "organisasi.yml atau indikator.yml tidak sah; periksa dengan: kinerja validate"
        )
    missing = [p for p in args.periods if p not in snapshot.states]
    if missing:
        # The one convention of every command: exit 2 with the closest known period.
        return unknown("period notify", "permintaan untuk periode", missing[0], snapshot.states)
    try:
        api = None if args.dry_run else forge_api_from(args, _organisation(root))
        lines = sync_issues(
            api,
            config,
            snapshot.states,
            snapshot.tracker.requests(),
            periods=args.periods or None,
            site_url=site_url(args),
            show_body=args.dry_run,
        )
    except OrganisationError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except ForgeError as exc:
        return _fail(str(exc), EXIT_FORGE)
    for line in lines or ["Tidak ada unit yang perlu diberi tahu."]:
        print(line)
    _summary("".join(f"- {line}\n" for line in lines))
    return EXIT_OK
