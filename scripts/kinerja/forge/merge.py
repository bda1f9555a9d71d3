"""``kinerja merge``: check the required paraf on the forge, then squash-merge with trailers."""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.forge.api import Forge
from kinerja.forge.approvals import Approver, Check, Need, check_approvals
from kinerja.forge.message import squash_message
from kinerja.history.people import Roster


class MergeRefused(Exception):
    """The pull request may not be merged (yet); ``str(error)`` says why, in Indonesian."""


class MergeWaiting(MergeRefused):
    """Not yet: the required paraf are missing or stale, or the pull request is a draft."""


class MergeNotOpen(MergeRefused):
    """Nothing to do: the pull request is already merged, or closed."""


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
    check = check_approvals(forge.files(number), forge.reviews(number), pr.head_sha, roster)
    if not check.ok:
        raise MergeWaiting(refusal(number, check, roster))
    title, message = squash_message(pr, check, forge.kind, host)
    if dry_run:
        return MergeOutcome(number, False, None, title, message, check)
    sha = forge.merge(number, title=title, message=message, head_sha=pr.head_sha)
    return MergeOutcome(number, True, sha, title, message, check)
