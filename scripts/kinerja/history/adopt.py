"""Write the trust rule's anchor on a repository whose history began without it.

A repository made by ``kinerja init`` is anchored by its signed root commit. An office that kept
its tracker before the trust rule (or before this package wrote signed landings) has a main line
of unsigned landings: none of them counts, and status, recap and site are empty. The admin adopts
that history once, with one signed commit that

* writes a new trust file (``.kinerja/allowed_signers``) listing the merge identity's key alone,
  so it is judged against its own file (the first trust file on a main line is the anchor), and
* states ``Kinerja-Adopsi: <the commit it lands on>``: every landing before it then counts as
  recorded before the rule (*diadopsi*), marked so on every page and in ``kinerja history``.

With ``adopt_history=False`` the anchor only starts the rule: the history before it stays
*tidak terverifikasi*. Either way, this can be done once: after a trust file was in force, keys
change through ordinary signed landings.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kinerja.history.errors import HistoryError
from kinerja.history.gitlog import git_env, resolve_head
from kinerja.history.landings import MergeStyle
from kinerja.history.reader import Landed, read_landings
from kinerja.history.trust import ADOPTION_TRAILER, TRUST_FILE, TRUST_HEADER, trust_line


class AdoptError(Exception):
    """Why the anchor cannot be written (Indonesian, for the command line)."""


@dataclass(frozen=True)
class Adopted:
    commit: str
    fingerprint: str
    adopted: int  # landings before the anchor that now count as adopted
    flagged: int  # landings before the anchor left unverified (times out of order)
    #: Adopted direct pushes that state a paraf, signature or hand-in time themselves: the
    #: admin should look at them (adoption makes such claims count).
    claims: tuple[str, ...] = ()


def adopt(
    repo: Path,
    key: Path,
    email: str,
    name: str = "kinerja-merge",
    *,
    adopt_history: bool = True,
    when: datetime | None = None,
) -> Adopted:
    """Commit the anchor on the current branch (not pushed) and check it with the trust rule."""
    if not key.is_file():
        raise AdoptError(f"berkas kunci {key} tidak ada")
    head = _head(repo)
    base = _landings(repo)
    if base.walk is not None and base.walk.current is not None:
        raise AdoptError(
            "aturan keabsahan sudah berlaku di repositori ini; kunci diganti lewat pengajuan "
            f"biasa yang mengubah {TRUST_FILE}"
        )
    if _git(repo, "status", "--porcelain", "--untracked-files=no").strip():
        raise AdoptError("ada perubahan yang belum di-commit; simpan atau buang dulu")
    public = _public_line(key)
    path = repo / TRUST_FILE
    previous = path.read_bytes() if path.is_file() else None
    # A new file with this key alone, never one found in the tree: before the rule is in force
    # anyone may have put keys there, and signing it would put them in force.
    text = TRUST_HEADER + trust_line(email, public)
    stamp = (when or datetime.now().astimezone()).isoformat(timespec="seconds")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"{text.rstrip()}\n# Jangkar aturan keabsahan: kinerja adopt, {stamp}\n", "utf-8"
    )
    message = "Memasang aturan keabsahan riwayat (kinerja adopt)\n\n"
    if adopt_history:
        message += (
            "Riwayat sebelum perubahan ini diterima admin apa adanya sebagai catatan sebelum "
            "aturan keabsahan berlaku.\n\n"
            f"{ADOPTION_TRAILER}: {head}\n"
        )
    else:
        message += "Riwayat sebelum perubahan ini tidak diadopsi: tetap tidak terverifikasi.\n"
    env = {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
    }
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when.isoformat()
    _git(repo, "add", "--", TRUST_FILE)
    _git(
        repo,
        "-c",
        "gpg.format=ssh",
        "-c",
        f"user.signingkey={key.resolve()}",
        "commit",
        "-q",
        "-S",
        "-m",
        message,
        env=env,
    )
    anchor = _git(repo, "rev-parse", "HEAD").strip()
    try:
        landed = read_landings(repo, use_cache=False)
    except HistoryError:
        landed = None
    walk = landed.walk if landed else None
    verdict = walk.verdicts.get(anchor) if walk else None
    if landed is None or walk is None or verdict is None or not verdict.verified:
        # Back to exactly where it started: the tree was clean, only the trust file changed.
        _git(repo, "reset", "-q", "--hard", "HEAD^")
        if previous is not None:
            path.write_bytes(previous)
        reason = verdict.reason if verdict else "tidak terbaca"
        raise AdoptError(f"jangkar tidak terverifikasi ({reason}); commit dibatalkan")
    before = [ld for ld in landed.landings if ld.commit.sha != anchor]
    adopted = [ld for ld in before if walk.verdicts[ld.commit.sha].adopted == anchor]
    claims = tuple(
        ld.commit.sha
        for ld in adopted
        if ld.style in (MergeStyle.LANGSUNG, MergeStyle.REBASE)
        and (ld.trailers.has_approval or ld.trailers.opened_at is not None)
    )
    return Adopted(
        anchor, verdict.fingerprint or "", len(adopted), len(before) - len(adopted), claims
    )


def _landings(repo: Path) -> Landed:
    try:
        return read_landings(repo, use_cache=False)
    except HistoryError as exc:  # a pinned anchor that does not match, an unreadable history
        raise AdoptError(str(exc)) from exc


def _head(repo: Path) -> str:
    try:
        head = resolve_head(repo)
    except HistoryError as exc:
        raise AdoptError(str(exc)) from exc
    if head is None:
        raise AdoptError("repositori belum punya commit; untuk repositori baru pakai kinerja init")
    return head


def _public_line(key: Path) -> str:
    """``type base64`` of the key's public half (``ssh-keygen -y``, which Git's signing needs
    anyway)."""
    pub = key.with_name(key.name + ".pub")
    if pub.is_file():
        parts = pub.read_text(encoding="utf-8", errors="replace").split()
    else:
        try:
            done = subprocess.run(
                ["ssh-keygen", "-y", "-f", str(key)],
                capture_output=True,
                text=True,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except OSError as exc:
            raise AdoptError("ssh-keygen tidak ada: pasang openssh-client") from exc
        if done.returncode != 0:
            raise AdoptError(f"kunci {key} tidak terbaca oleh ssh-keygen: {done.stderr.strip()}")
        parts = done.stdout.split()
    if len(parts) < 2 or not parts[0].startswith(("ssh-", "ecdsa-", "sk-")):
        raise AdoptError(f"kunci publik {pub} tidak sah")
    return f"{parts[0]} {parts[1]}"


def _git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args],
        capture_output=True,
        text=True,
        check=False,
        env={**git_env(), **(env or {})},
    )
    if done.returncode != 0:
        command = next((a for a in args if not a.startswith("-") and "=" not in a), "")
        raise AdoptError(f"git {command} gagal: {done.stderr.strip()}")
    return done.stdout
