"""Run the one ``git log`` of the history and parse its stream into commits.

One process for the whole history (no Git call per file or per commit): every commit reachable
from the ref, with its parents, both identities and times, its raw message and its changes.
Options that matter:

* no pathspec: every commit is listed with its real parents (the whole graph is needed to tell
  a pull request's branch commits from the main line), and every changed path is kept: every
  path of the repository has an owner, so a change to the site, the build, the workflows or the
  trust file is an event of the history like a change of data. (A pathspec with
  ``--full-history --sparse`` was measured: it makes Git compare every commit with its parents
  twice, and costs more than it saves on a repository where most commits are data.)
* ``--diff-merges=first-parent``: a merge commit shows what it brought onto the main line.
* ``--name-status -M``: status, renames and their similarity (``R100``: unchanged content).
* ``-z`` and control-character separators: paths and messages are never re-parsed as syntax.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from kinerja.history.errors import (
    GitCommandError,
    NotARepositoryError,
    ShallowRepositoryError,
)
from kinerja.history.trailers import Identity, Trailers, parse_trailers

_RECORD = "\x1e\x1f\x1e"  # starts each commit; cannot occur in a message in practice
_FIELD = "\x1f"
_FORMAT = (
    _RECORD + _FIELD.join(["%H", "%P", "%an", "%ae", "%aI", "%cn", "%ce", "%cI", "%B"]) + _FIELD
)

_CHUNK = 1 << 20


# Commit and Change are immutable named tuples rather than frozen dataclasses: a long history
# builds tens of thousands of them, and a tuple is several times cheaper to make.


class Change(NamedTuple):
    """One file changed by a commit. ``old_path`` is set for renames and copies."""

    status: str  # A M D R C T (first letter of Git's status)
    path: str
    old_path: str | None = None
    content_changed: bool = True  # False for a rename or copy with identical content


class Commit(NamedTuple):
    sha: str
    parents: tuple[str, ...]
    author_name: str
    author_email: str
    authored_at: datetime  # set by the client: shown, never used for deadlines
    committer_name: str
    committer_email: str
    committed_at: datetime
    message: str
    changes: tuple[Change, ...]
    # Parsed while Git is still writing the log (the stream is read as it comes), so that this
    # work overlaps Git's, for commits that touch the tracked paths; ``None`` for the others,
    # whose trailers are rarely needed (see ``Landing.trailers``).
    trailers: Trailers | None

    @property
    def author(self) -> Identity:
        return Identity(self.author_name, self.author_email)

    @property
    def committer(self) -> Identity:
        return Identity(self.committer_name, self.committer_email)

    @property
    def subject(self) -> str:
        return self.message.split("\n", 1)[0].strip()

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1


def git_env() -> dict[str, str]:
    """The environment for Git: no pager, no prompts, no locale surprises."""
    env = dict(os.environ)
    env.update({"GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"})
    # ``refs/replace`` would let a local ref show other parents or content under a commit's id;
    # the record is what the commit objects say.
    env["GIT_NO_REPLACE_OBJECTS"] = "1"
    # Likewise the old graft file (``.git/info/grafts``), which rewrites parents.
    env["GIT_GRAFT_FILE"] = os.devnull + ".no-grafts"
    return env


def _run(repo: Path, args: Sequence[str]) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(repo), *args],
            capture_output=True,
            env=git_env(),
            check=False,
        )
    except FileNotFoundError as exc:  # git itself is missing
        raise NotARepositoryError(str(repo)) from exc


def resolve_head(repo: Path, ref: str = "HEAD") -> str | None:
    """The commit of ``ref``; ``None`` for a repository without commits.

    Also the shallow-clone guard: a cut history would otherwise read as a short one.
    """
    done = _run(repo, ["rev-parse", "--is-shallow-repository"])
    if done.returncode != 0:
        raise NotARepositoryError(str(repo))
    if done.stdout.split(b"\n", 1)[0].strip() == b"true":
        raise ShallowRepositoryError(str(repo))
    done = _run(repo, ["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"])
    if done.returncode != 0:
        if ref == "HEAD":
            return None  # no commit yet
        raise GitCommandError(f"git rev-parse {ref}", done.stderr.decode(errors="replace"))
    return done.stdout.decode().strip()


def log_args(ref: str, exclude: str | None = None) -> list[str]:
    return [
        "-c",
        "core.quotePath=false",
        "-c",
        "log.showSignature=false",
        "-c",
        "i18n.logOutputEncoding=UTF-8",
        "log",
        "-z",
        "--name-status",
        "-M",
        "--root",
        "--diff-merges=first-parent",
        "--no-color",
        "--no-ext-diff",
        "--no-textconv",
        f"--format={_FORMAT}",
        ref,
        *([f"^{exclude}"] if exclude else []),
        "--",
    ]


def read_commits(repo: Path, ref: str, exclude: str | None = None) -> list[Commit]:
    """Stream ``git log`` and parse whole records as they arrive, so that Python's parsing
    overlaps Git's work instead of following it. ``exclude``: leave out what it reaches (the
    commits a cache already holds)."""
    marker = _RECORD.encode()
    commits: list[Commit] = []
    with (
        tempfile.TemporaryFile() as errors,
        subprocess.Popen(
            ["git", "-C", str(repo), *log_args(ref, exclude)],
            stdout=subprocess.PIPE,
            stderr=errors,
            env=git_env(),
        ) as process,
    ):
        stream = process.stdout
        if stream is None:  # pragma: no cover - Popen always gives a pipe here
            raise GitCommandError("git log", "tidak ada keluaran")
        pending = b""
        while chunk := stream.read(_CHUNK):
            pending += chunk
            cut = pending.rfind(marker)
            if cut > 0:
                commits += parse_log(pending[:cut].decode("utf-8", errors="replace"))
                pending = pending[cut:]
        commits += parse_log(pending.decode("utf-8", errors="replace"))
        if process.wait() != 0:
            errors.seek(0)
            raise GitCommandError("git log", errors.read().decode(errors="replace"))
    return commits


def parse_log(text: str) -> list[Commit]:
    """Parse the ``-z`` stream: a header token per commit, then status and path tokens."""
    commits: list[Commit] = []
    tokens = text.split("\0")
    header: list[str] | None = None
    changes: list[Change] = []
    i, count = 0, len(tokens)
    while i < count:
        token = tokens[i].lstrip("\n")
        if token.startswith(_RECORD):
            if header is not None:
                commits.append(_commit(header, changes))
            header = token[len(_RECORD) :].split(_FIELD, 8)
            changes = []
            i += 1
        elif not token:
            i += 1
        elif token[0] in "RC" and i + 2 < count:
            changes.append(Change(token[0], tokens[i + 2], tokens[i + 1], token[1:] != "100"))
            i += 3
        elif token[0] in "AMDT" and i + 1 < count:
            changes.append(Change(token[0], tokens[i + 1]))
            i += 2
        else:
            raise GitCommandError("git log", f"keluaran tidak dikenali: {token[:60]!r}")
    if header is not None:
        commits.append(_commit(header, changes))
    return commits


def _commit(header: list[str], changes: list[Change]) -> Commit:
    if len(header) != 9:
        raise GitCommandError("git log", "kepala commit tidak lengkap")
    sha, parents, an, ae, a_time, cn, ce, c_time, message = header
    if message.endswith(_FIELD):
        message = message[: -len(_FIELD)]
    message = message.rstrip("\n")
    return Commit(
        sha,
        tuple(parents.split()),
        an,
        ae,
        datetime.fromisoformat(a_time),
        cn,
        ce,
        datetime.fromisoformat(c_time),
        message,
        tuple(changes),
        parse_trailers(message) if changes else None,
    )
