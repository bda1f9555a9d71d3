"""Writing the landing with Git: fetch, merge, sign, push. No forge API here.

The landing is a merge commit: first parent the tip of the default branch, second parent the
pull request's head (fetched from ``refs/pull/<n>/head``, which GitHub and Forgejo/Gitea both
publish, and checked against the head the approvals were given to). Its tree comes from
``git merge-tree --write-tree`` (Git 2.38 or later): no work tree is touched, and a conflict is
reported, never resolved. Author and committer are the merge identity, the committer time is
now, and the commit is SSH-signed by ``git commit-tree -S`` with the key of
:mod:`kinerja.forge.signing`.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kinerja.forge.signing import MergeIdentity
from kinerja.history.trust import TRUST_FILE

#: Local refs the fetched commits are kept under (never a branch the user works on).
MAIN_REF = "refs/kinerja/utama"
PULL_REF = "refs/kinerja/pengajuan"


class GitError(Exception):
    """Git refused (network, permissions, a protected branch); ``str()`` is for the user."""


class MergeConflict(GitError):
    """The pull request conflicts with the default branch."""


@dataclass(frozen=True, slots=True)
class Fetched:
    main: str  # the default branch's tip on the remote
    head: str  # the pull request's head on the remote
    main_time: datetime  # committer time of the tip: the landing may not be earlier


def git(
    root: Path,
    *args: str,
    stdin: str | None = None,
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(root), *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def _ok(done: subprocess.CompletedProcess[str], what: str) -> str:
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise GitError(f"{what} gagal: {' / '.join(detail[-3:]) or f'kode {done.returncode}'}")
    return done.stdout.strip()


def fetch(root: Path, remote: str, branch: str, number: int) -> Fetched:
    """Fetch the default branch and the pull request's head from ``remote``."""
    _ok(
        git(
            root,
            "fetch",
            "--quiet",
            "--no-tags",
            "--no-write-fetch-head",
            remote,
            f"+refs/heads/{branch}:{MAIN_REF}",
            f"+refs/pull/{number}/head:{PULL_REF}/{number}",
        ),
        f"Mengambil cabang {branch} dan refs/pull/{number}/head dari {remote}",
    )
    main = _ok(git(root, "rev-parse", "--verify", f"{MAIN_REF}^{{commit}}"), "rev-parse")
    head = _ok(git(root, "rev-parse", "--verify", f"{PULL_REF}/{number}^{{commit}}"), "rev-parse")
    when = _ok(git(root, "show", "-s", "--format=%cI", main), "Membaca waktu commit")
    return Fetched(main, head, datetime.fromisoformat(when))


def trust_file(root: Path, commit: str) -> str | None:
    """The trust file as committed at ``commit``, or ``None`` when it is not there."""
    done = git(root, "show", f"{commit}:{TRUST_FILE}")
    return done.stdout if done.returncode == 0 else None


def merge_tree(root: Path, main: str, head: str) -> str:
    """The tree of ``head`` merged into ``main``; :class:`MergeConflict` on a conflict."""
    done = git(root, "merge-tree", "--write-tree", "--name-only", "--no-messages", main, head)
    if done.returncode == 1:
        paths = [line for line in done.stdout.splitlines()[1:] if line.strip()]
        raise MergeConflict(
            "konflik dengan cabang utama pada " + (", ".join(paths) or "beberapa berkas")
        )
    return _ok(done, "git merge-tree --write-tree (memerlukan Git 2.38 atau lebih baru)")


def _raw_date(moment: datetime) -> str:
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    return f"{int(moment.timestamp())} {sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def commit(
    root: Path,
    tree: str,
    parents: Sequence[str],
    message: str,
    identity: MergeIdentity,
    when: datetime,
) -> str:
    """Write the signed commit (``git commit-tree -S``) and return its id."""
    date = _raw_date(when)
    env = {
        "GIT_AUTHOR_NAME": identity.name,
        "GIT_AUTHOR_EMAIL": identity.email,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_NAME": identity.name,
        "GIT_COMMITTER_EMAIL": identity.email,
        "GIT_COMMITTER_DATE": date,
    }
    args = ["-c", "gpg.format=ssh", "-c", f"user.signingkey={identity.key_file}"]
    args += ["-c", "gpg.ssh.program=ssh-keygen", "commit-tree", "-S", "-F", "-"]
    for parent in parents:
        args += ["-p", parent]
    return _ok(git(root, *args, tree, stdin=message, env=env), "Menandatangani commit gabungan")


def push(root: Path, remote: str, sha: str, branch: str) -> bool:
    """Push ``sha`` to the default branch. ``False``: refused as not a fast-forward (the branch
    moved meanwhile, the caller fetches and tries again); any other refusal is a GitError."""
    done = git(root, "push", "--porcelain", remote, f"{sha}:refs/heads/{branch}")
    if done.returncode == 0:
        return True
    text = done.stdout + done.stderr
    if "non-fast-forward" in text or "fetch first" in text or "[rejected]" in text:
        return False
    _ok(done, f"Mendorong commit gabungan ke cabang {branch} di {remote}")
    return True


def landed_by(root: Path, head: str, main: str) -> str | None:
    """The first commit of ``main`` that contains ``head`` (the landing that merged it), or
    ``None`` when ``head`` is not in ``main`` yet."""
    if git(root, "merge-base", "--is-ancestor", head, main).returncode != 0:
        return None
    path = _ok(git(root, "rev-list", "--reverse", "--ancestry-path", f"{head}..{main}"), "rev-list")
    return path.split("\n", 1)[0] or head
