"""``kinerja merge``: check the required paraf on the forge, then squash-merge with trailers."""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.forge.api import GITHUB, GITHUB_FILES_CAP, Forge, IncompleteList
from kinerja.forge.approvals import Approver, Check, Need, check_approvals
from kinerja.forge.message import squash_message
from kinerja.history.people import Roster


class MergeRefused(Exception):
    """The pull request may not be merged (yet); ``str(error)`` says why, in Indonesian."""


class MergeWaiting(MergeRefused):
    """Not yet: the required paraf are missing or stale, or the pull request is a draft."""


class MergeNotOpen(MergeRefused):
    """Nothing to do: the pull request is already merged, or closed."""


class MergeIncomplete(MergeRefused):
    """Never by this tool: the forge cannot list all the changed files, so the paraf they
    require cannot all be checked (GitHub lists at most 3,000). ``kinerja merge`` exits 3."""


def _too_many(number: int, total: int, listed: int | None) -> MergeIncomplete:
    shown = (
        f"forge hanya dapat mendaftar {listed}"
        if listed is not None
        else "forge tidak dapat mendaftar semuanya"
    )
    cap = f"{GITHUB_FILES_CAP:,}".replace(",", ".")
    return MergeIncomplete(
        f"PR #{number} mengubah {total} berkas, tetapi {shown} (GitHub membatasi daftar berkas "
        f"pull request pada {cap} berkas; Gitea/Forgejo juga membatasinya). Paraf yang "
        "diwajibkan tidak dapat diperiksa untuk semua berkas, jadi PR ini tidak digabung. Pecah "
        "perubahan menjadi beberapa pull request yang lebih kecil."
    )


@dataclass(frozen=True)
class MergeOutcome:
    number: int
    merged: bool
    sha: str | None
    title: str
    message: str
    check: Check


def _who(people: tuple[Approver, ...] | list[Approver]) -> str:
    return ", ".join(
        f"{a.person.nama if a.person else a.review.name} (@{a.handle})" for a in people
    )


def _line(need: Need, check: Check, roster: Roster) -> str:
    what = "Tanda tangan" if need.signature else "Paraf"
    holders = ", ".join(
        f"{p.nama}" + (f" @{p.akun[0]}" if p.akun else " (belum punya akun forge)")
        for p in need.holders
    )
    line = f"  - {what} {need.label}"
    line += f" ({holders})" if holders else " (belum ada pemegang peran di organisasi.yml)"
    line += f" untuk {', '.join(need.paths)}: "
    stale = [
        a
        for a in check.stale
        if a.person is not None and roster.satisfies(a.person, need.requirement, need.unit)
    ]
    if stale:
        commits = ", ".join(sorted({a.review.commit_id[:7] for a in stale}))
        line += (
            f"persetujuan {_who(stale)} usang (untuk commit {commits}, sebelum perubahan "
            "terakhir); minta persetujuan ulang."
        )
    else:
        line += "belum ada."
    return line


def refusal(number: int, check: Check, roster: Roster) -> str:
    lines = [
        f"PR #{number} belum bisa digabung: persetujuan belum lengkap untuk commit terakhir "
        f"{check.head_sha[:7]}."
    ]
    lines += [_line(need, check, roster) for need in check.missing]
    if check.current:
        lines.append(f"Persetujuan yang berlaku: {_who(check.current)}.")
    lines.append("Setelah persetujuan lengkap, jalankan lagi `kinerja merge`.")
    return "\n".join(lines)


def merge_pull_request(
    forge: Forge, number: int, roster: Roster, *, host: str, dry_run: bool = False
) -> MergeOutcome:
    """Merge PR ``number`` if the approvals organisasi.yml requires are present.

    Raises :class:`MergeWaiting` (missing or stale paraf, a draft), :class:`MergeNotOpen`
    (already merged or closed) and :class:`~kinerja.forge.http.ForgeError` (the forge refused or
    is unreachable, or answered something unreadable).
    """
    pr = forge.pull(number)
    if pr.merged:
        raise MergeNotOpen(f"PR #{number} sudah digabung; tidak ada yang perlu dilakukan.")
    if pr.state != "open":
        raise MergeNotOpen(f"PR #{number} sudah ditutup tanpa digabung; tidak ada yang digabung.")
    if pr.draft:
        raise MergeWaiting(f"PR #{number} masih draf; tandai siap ditinjau lebih dulu.")
    if (
        forge.kind == GITHUB
        and pr.changed_files is not None
        and pr.changed_files > GITHUB_FILES_CAP
    ):
        raise _too_many(number, pr.changed_files, None)
    try:
        files = forge.files(number)
    except IncompleteList as exc:
        raise _too_many(number, exc.total, exc.listed) from exc
    if pr.changed_files is not None and len(files) < pr.changed_files:
        raise _too_many(number, pr.changed_files, len(files))
    check = check_approvals(files, forge.reviews(number), pr.head_sha, roster)
    if not check.ok:
        raise MergeWaiting(refusal(number, check, roster))
    title, message = squash_message(pr, check, forge.kind, host)
    if dry_run:
        return MergeOutcome(number, False, None, title, message, check)
    sha = forge.merge(number, title=title, message=message, head_sha=pr.head_sha)
    return MergeOutcome(number, True, sha, title, message, check)
