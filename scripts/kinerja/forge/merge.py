"""``kinerja merge``: check the required paraf on the forge, then write the landing ourselves.

The merge identity (DESIGN.md section 5) is the only writer of main: it reads the pull request
and its reviews from the forge (approvals of the head commit only), fetches the head from the
remote and checks it is the commit the approvals were given to, builds a merge commit (main tip,
PR head) whose message carries the trailers it wrote itself, signs it with the key listed in
``.kinerja/allowed_signers`` and pushes it. A push refused because main moved meanwhile is
retried (fetch again, check the approvals again) up to :data:`PUSH_ATTEMPTS` times. On
Forgejo/Gitea the forge is then told the pull request is merged; GitHub sees it by itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kinerja.forge import landing
from kinerja.forge.api import GITHUB, GITHUB_FILES_CAP, Forge, IncompleteList
from kinerja.forge.approvals import Approver, Check, Need, check_approvals
from kinerja.forge.http import ForgeError
from kinerja.forge.message import landing_message, subject
from kinerja.forge.models import PullRequest
from kinerja.forge.signing import SigningError, identity_for, signing_key
from kinerja.history.people import Roster
from kinerja.history.reader import read_landings
from kinerja.timing.zone import DEFAULT_ZONE, Zone

#: How many times a push refused because main moved is tried (fetch, check, merge, push).
PUSH_ATTEMPTS = 3


class MergeRefused(Exception):
    """The pull request may not be merged (yet); ``str(error)`` says why, in Indonesian."""


class MergeWaiting(MergeRefused):
    """Not yet: the required paraf are missing or stale, or the pull request is a draft."""


class MergeNotOpen(MergeRefused):
    """Nothing to do: the pull request is already merged, or closed, or not for main."""


class MergeFailed(MergeRefused):
    """Git refused: a conflict, a head that moved, a push refused, time running backwards."""


class AlreadyLanded(Exception):
    """The head is already part of main (landed by an earlier run); carries that commit."""


class MergeForgeFailed(MergeFailed):
    """The forge refused, could not be reached, or answered something unreadable while one
    pull request was being handled (``--semua`` reports it for that pull request and goes on).
    ``status`` is the HTTP status, ``None`` when there was no answer or it was unreadable."""

    def __init__(self, message: str, status: int | None = None, *, unreadable: bool = False):
        super().__init__(message)
        self.status = status
        self.unreadable = unreadable  # an answer came, but not in the shape the forge documents


class MergeMisconfigured(MergeRefused):
    """The signing key is missing, unreadable or not listed in the trust file."""


def now() -> datetime:
    """The landing's committer time (tests replace this function); written in the office's
    zone by :func:`_land`."""
    return datetime.now(UTC)


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
    attempts: int = 0
    warning: str | None = None  # landed, but the forge was not told (Forgejo/Gitea)


@dataclass(frozen=True)
class Target:
    """Where the landing goes: a local Git repository, the remote it talks to, the branch."""

    root: Path
    remote: str = "origin"
    branch: str | None = None  # None: the base repository's default branch per the forge
    zone: Zone = DEFAULT_ZONE  # the office's (pengaturan.zona_waktu): Opened-at, commit time


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


def _ready(forge: Forge, number: int, roster: Roster, target: Target) -> tuple[PullRequest, Check]:
    """The pull request and its approval check, or the reason it cannot be merged now."""
    pr = forge.pull(number)
    if pr.merged:
        raise MergeNotOpen(f"PR #{number} sudah digabung; tidak ada yang perlu dilakukan.")
    if pr.state != "open":
        raise MergeNotOpen(f"PR #{number} sudah ditutup tanpa digabung; tidak ada yang digabung.")
    branch = _branch(pr, target)
    if pr.base_ref and pr.base_ref != branch:
        raise MergeNotOpen(
            f"PR #{number} ditujukan ke cabang {pr.base_ref!r}, bukan cabang utama {branch!r}; "
            "kinerja merge hanya menggabungkan ke cabang utama."
        )
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
    return pr, check


def _branch(pr: PullRequest, target: Target) -> str:
    return target.branch or pr.default_branch or pr.base_ref or "main"


def merge_pull_request(
    forge: Forge,
    number: int,
    roster: Roster,
    *,
    host: str,
    target: Target | None = None,
    dry_run: bool = False,
    env: Mapping[str, str] | None = None,
    clock: Callable[[], datetime] | None = None,
) -> MergeOutcome:
    """Merge PR ``number`` if the approvals organisasi.yml requires are present.

    Raises :class:`MergeWaiting` (missing or stale paraf, a draft), :class:`MergeNotOpen`
    (already merged or closed, or not for the default branch), :class:`MergeMisconfigured`
    (no usable signing key, or one the trust file does not list), :class:`MergeFailed` (a
    conflict, the head moved, the push was refused, the clock is behind main) and
    :class:`~kinerja.forge.http.ForgeError` (the forge refused or is unreachable, or answered
    something unreadable).
    """
    target = target or Target(Path.cwd())
    pr, check = _ready(forge, number, roster, target)
    message = landing_message(pr, check, forge.kind, host, target.zone)
    if dry_run:
        return MergeOutcome(number, False, None, subject(pr), message, check)
    try:
        with signing_key(env) as key_file:
            for attempt in range(1, PUSH_ATTEMPTS + 1):
                if attempt > 1:  # main moved: everything is checked again on the new state
                    pr, check = _ready(forge, number, roster, target)
                    message = landing_message(pr, check, forge.kind, host, target.zone)
                sha = _land(pr, message, key_file, target, clock or now)
                if sha is not None:
                    warning = _tell_forge(forge, number, sha)
                    return MergeOutcome(
                        number, True, sha, subject(pr), message, check, attempt, warning
                    )
    except AlreadyLanded as landed:
        forge.mark_merged(number, str(landed))
        raise MergeNotOpen(
            f"PR #{number} sudah ada di cabang utama (commit {str(landed)[:10]}); forge diberi "
            "tahu bahwa PR ini sudah digabung."
        ) from None
    except SigningError as exc:
        raise MergeMisconfigured(f"{exc}") from exc
    except landing.MergeConflict as exc:
        raise MergeFailed(
            f"PR #{number} tidak dapat digabung: {exc}. Perbarui cabang pull request dengan "
            "cabang utama (Update branch, atau merge/rebase lalu push), minta paraf untuk "
            "commit terakhir, lalu jalankan lagi."
        ) from exc
    except landing.GitError as exc:
        raise MergeFailed(f"PR #{number} tidak digabung: {exc}") from exc
    raise MergeFailed(
        f"PR #{number} tidak digabung: cabang utama terus berubah selama {PUSH_ATTEMPTS} "
        "percobaan; jalankan lagi sebentar lagi."
    )


def _tell_forge(forge: Forge, number: int, sha: str) -> str | None:
    """Mark the pull request merged; the landing is on main already, so a refusal is only a
    warning (the next run sees the head in main and tells the forge again)."""
    try:
        forge.mark_merged(number, sha)
    except ForgeError as exc:
        return (
            f"commit gabungan sudah di cabang utama, tetapi forge belum mencatat PR #{number} "
            f"sebagai digabung ({exc}). Aktifkan 'penggabungan manual' di pengaturan "
            "repositori (Forgejo/Gitea) dan pastikan token boleh menulis; jalankan lagi."
        )
    return None


def _land(
    pr: PullRequest,
    message: str,
    key_file: Path,
    target: Target,
    clock: Callable[[], datetime],
) -> str | None:
    """One attempt: fetch, check, merge, sign, push. ``None`` when main moved meanwhile."""
    branch = _branch(pr, target)
    fetched = landing.fetch(target.root, target.remote, branch, pr.number)
    if fetched.head != pr.head_sha:
        raise landing.GitError(
            f"refs/pull/{pr.number}/head di remote ({fetched.head[:10]}) bukan commit yang "
            f"diparaf ({pr.head_sha[:10]}); cabang baru saja berubah, jalankan lagi"
        )
    earlier = landing.landed_by(target.root, fetched.head, fetched.main)
    if earlier is not None:
        raise AlreadyLanded(earlier)
    # The trust file in force and the last verified landing, by the one trust rule: a trust
    # file or a date an unverified change wrote on main counts for nothing here either.
    walk = read_landings(target.root, ref=fetched.main).walk
    trust = walk.current if walk is not None else None
    identity = identity_for(key_file, trust.text if trust is not None and not trust.empty else None)
    when = clock().astimezone(target.zone.tz)  # the office's wall clock in the commit
    last = walk.last_verified_at if walk is not None else None
    if last is not None and when < last:
        raise landing.GitError(
            f"jam mesin ({when.isoformat(timespec='seconds')}) lebih awal daripada penggabungan "
            f"terverifikasi terakhir ({last.isoformat(timespec='seconds')}); waktu di riwayat "
            "tidak boleh mundur. Periksa jam mesin"
        )
    tree = landing.merge_tree(target.root, fetched.main, fetched.head)
    sha = landing.commit(target.root, tree, (fetched.main, fetched.head), message, identity, when)
    return sha if landing.push(target.root, target.remote, sha, branch) else None


@dataclass(frozen=True)
class Attempt:
    """What ``--semua`` did with one pull request."""

    number: int
    outcome: MergeOutcome | None
    refused: MergeRefused | None


def merge_all(
    forge: Forge,
    roster: Roster,
    *,
    host: str,
    target: Target,
    dry_run: bool = False,
    env: Mapping[str, str] | None = None,
    clock: Callable[[], datetime] | None = None,
) -> list[Attempt]:
    """Try every open pull request, oldest first; one refusal does not stop the others.

    A forge error (HTTP 4xx/5xx, no answer, an unreadable payload) while one pull request is
    handled becomes that pull request's :class:`MergeForgeFailed`; the others are still tried.
    A misconfigured key stops the run (every attempt would fail the same way), and so does a
    forge error listing the open pull requests (there is nothing to go on with)."""
    attempts = []
    for pr in forge.open_pulls():
        try:
            outcome = merge_pull_request(
                forge,
                pr.number,
                roster,
                host=host,
                target=target,
                dry_run=dry_run,
                env=env,
                clock=clock,
            )
        except MergeMisconfigured:
            raise
        except MergeRefused as exc:
            attempts.append(Attempt(pr.number, None, exc))
        except ForgeError as exc:  # this pull request only: the next one may go through
            failed = MergeForgeFailed(f"PR #{pr.number}: {exc}", exc.status)
            attempts.append(Attempt(pr.number, None, failed))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:  # an odd payload
            failed = MergeForgeFailed(
                f"PR #{pr.number}: jawaban forge tidak dikenali ({type(exc).__name__}: {exc}).",
                unreadable=True,
            )
            attempts.append(Attempt(pr.number, None, failed))
        else:
            attempts.append(Attempt(pr.number, outcome, None))
    return attempts
