"""From the commit graph to *landings*: each arrival of work on the main line.

A landing is what the audit history attributes approvals and times to:

* a **merge commit** (``gabung``): its first-parent diff is the pull request's effect, its
  trailers the approvals; the branch commits (reachable from the other parents, not from the
  first) tell who wrote the data;
* a **squash merge** (``squash``): one single-parent commit carrying the trailers (our
  ``kinerja merge`` and Forgejo/Gitea squash), or at least a ``(#12)`` pull request reference;
* a **rebase merge** (``rebase``): several rewritten commits replayed onto the main line, none
  carrying trailers. Consecutive trailer-less commits with the same committer, committed within
  :data:`REBASE_WINDOW` of each other and rewritten (committer or commit time differ from the
  author's) are one landing, attributed to the last commit; their changes are composed, so a
  rebased pull request is one hand-in and not a hand-in followed by "revisions";
* a **direct push** (``langsung``): any other commit; it has no paraf and is shown as such.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property

from kinerja.history.gitlog import Change, Commit
from kinerja.history.trailers import Trailers, parse_trailers

REBASE_WINDOW = timedelta(minutes=2)

_PR_SEGMENTS = frozenset({"pull", "pulls", "merge_requests"})
_TRAILER_HINT = re.compile(r"^(?:reviewed-by|approved-by|reviewed-on)[ \t]*:", re.I | re.M)
_PR_IN_SUBJECT = re.compile(r"^Merge pull request #(\d+)\b|\((?:#|!)(\d+)\)")


class MergeStyle(enum.StrEnum):
    GABUNG = "gabung"
    SQUASH = "squash"
    REBASE = "rebase"
    LANGSUNG = "langsung"

    @property
    def label(self) -> str:
        return {
            MergeStyle.GABUNG: "merge commit",
            MergeStyle.SQUASH: "squash merge",
            MergeStyle.REBASE: "rebase merge",
            MergeStyle.LANGSUNG: "push langsung (tanpa pull request)",
        }[self]


@dataclass(frozen=True)
class Landing:
    commit: Commit  # the merge / squash commit, or the last commit of a rebase batch
    contributing: tuple[Commit, ...]  # the commits that wrote the change, oldest first
    style: MergeStyle
    changes: tuple[Change, ...]  # the net effect on the main line (tracked paths only)
    base: str | None  # the main-line commit before it (``None`` for the first commit)

    @cached_property
    def trailers(self) -> Trailers:
        return trailers_of(self.commit)

    @cached_property
    def pull_number(self) -> int | None:
        return pull_number(self.commit, self.trailers)

    @property
    def pull_url(self) -> str | None:
        return self.trailers.reviewed_on

    @property
    def merged_at(self) -> datetime:
        return self.commit.committed_at

    @property
    def without_paraf(self) -> bool:
        return not self.trailers.has_approval


def pull_number(commit: Commit, trailers: Trailers) -> int | None:
    """The pull request's number: from ``Reviewed-on`` (``.../pull/12``, ``.../pulls/12``),
    else from the subject (``... (#12)``, ``Merge pull request #12 from ...``)."""
    if trailers.reviewed_on:
        parts = trailers.reviewed_on.split("#", 1)[0].split("?", 1)[0].rstrip("/").split("/")
        if len(parts) > 2 and parts[-2] in _PR_SEGMENTS and parts[-1].isdigit():
            return int(parts[-1])
    match = _PR_IN_SUBJECT.search(commit.subject)
    if match:
        return int(match.group(1) or match.group(2))
    return None


def main_line(commits: Mapping[str, Commit], head: str) -> list[Commit]:
    """The first-parent chain from ``head``, oldest first."""
    chain: list[Commit] = []
    sha: str | None = head
    while sha is not None and sha in commits:
        commit = commits[sha]
        chain.append(commit)
        sha = commit.parents[0] if commit.parents else None
    chain.reverse()
    return chain


def _branch_commits(commits: Mapping[str, Commit], merge: Commit, seen: set[str]) -> list[Commit]:
    """Commits a merge brings in: reachable from its other parents, not from the first.

    ``seen`` holds every ancestor of the first parent (the main line walked so far and what it
    merged), so a walk that stops at ``seen`` visits exactly the new commits: O(n) overall.
    """
    found: list[Commit] = []
    stack = [p for p in merge.parents[1:] if p not in seen]
    while stack:
        sha = stack.pop()
        if sha in seen or sha not in commits:
            continue
        seen.add(sha)
        commit = commits[sha]
        found.append(commit)
        stack.extend(p for p in commit.parents if p not in seen)
    found.sort(key=lambda c: c.committed_at)
    return found


#: The trust file (``kinerja.history.trust.TRUST_FILE``; here to avoid an import cycle).
TRUST_PATH = ".kinerja/allowed_signers"
_ADOPTION_HINT = "Kinerja-Adopsi:"


def _stands_alone(commit: Commit) -> bool:
    """A root commit, a change of the trust file, or an adoption statement: never batched."""
    return (
        not commit.parents
        or any(TRUST_PATH in (c.path, c.old_path) for c in commit.changes)
        or _ADOPTION_HINT in commit.message
    )


def _is_rewritten(commit: Commit) -> bool:
    return (
        commit.committer_email.casefold() != commit.author_email.casefold()
        or commit.committed_at != commit.authored_at
    )


def _joins_batch(previous: Commit, commit: Commit) -> bool:
    return (
        not commit.is_merge
        and _is_rewritten(commit)
        and commit.committer_email.casefold() == previous.committer_email.casefold()
        and abs(commit.committed_at - previous.committed_at) <= REBASE_WINDOW
    )


def compose(changes: Iterable[Change]) -> tuple[Change, ...]:
    """The net effect of changes applied in order (``A`` then ``M`` is ``A``, ``A`` then
    ``D`` is nothing, ``R a->b`` then ``M b`` is ``R a->b`` with changed content...)."""
    state: dict[str, Change] = {}
    deleted: dict[str, Change] = {}
    for change in changes:
        if change.status in ("R", "C"):
            source = change.old_path or change.path
            before = state.pop(source, None) if change.status == "R" else state.get(source)
            if before is None:
                state[change.path] = change
            elif before.status == "A":
                state[change.path] = Change("A", change.path)
            else:
                origin = before.old_path if before.status in ("R", "C") else source
                changed = before.content_changed or change.content_changed
                state[change.path] = Change(change.status, change.path, origin, changed)
        elif change.status == "D":
            before = state.pop(change.path, None)
            if before is None:
                deleted[change.path] = change
            elif before.status in ("R", "C") and before.old_path:
                if before.status == "R":
                    deleted[before.old_path] = Change("D", before.old_path)
            elif before.status != "A":
                deleted[change.path] = Change("D", change.path)
        else:
            before = state.get(change.path)
            if before is None and change.path in deleted and change.status == "A":
                del deleted[change.path]
                state[change.path] = Change("M", change.path)
            elif before is None:
                state[change.path] = change
            else:
                state[change.path] = Change(before.status, change.path, before.old_path)
    return (*deleted.values(), *state.values())


def trailers_of(commit: Commit) -> Trailers:
    return commit.trailers if commit.trailers is not None else parse_trailers(commit.message)


def _is_pull_request(commit: Commit) -> bool:
    """A squash merge of a pull request: trailers, or a ``(#12)`` reference in the subject.

    A false positive only makes a lone direct commit read as a squash without trailers, which
    is shown as *tanpa paraf* all the same.
    """
    if commit.trailers is None:
        # It touches no tracked file, so it makes no event: a cheap look for a trailer-like
        # line is enough to tell it apart from a rebased or pushed commit.
        if _TRAILER_HINT.search(commit.message) is not None:
            return True
    elif commit.trailers.has_approval or commit.trailers.reviewed_on:
        return True
    return _PR_IN_SUBJECT.search(commit.subject) is not None


def landings(commits: Mapping[str, Commit], head: str) -> list[Landing]:
    """Every landing on the main line of ``head``, oldest first."""
    out: list[Landing] = []
    seen: set[str] = set()
    batch: list[Commit] = []

    def flush() -> None:
        if not batch:
            return
        style = MergeStyle.REBASE if len(batch) > 1 else MergeStyle.LANGSUNG
        if len(batch) > 1:
            changes = compose(c for b in batch for c in b.changes)
        else:
            changes = batch[0].changes
        base = batch[0].parents[0] if batch[0].parents else None
        out.append(Landing(batch[-1], tuple(batch), style, changes, base))
        batch.clear()

    for commit in main_line(commits, head):
        if not commit.is_merge and _stands_alone(commit):
            # The trust rule's anchors and trust-file changes are judged as one commit each: a
            # commit pushed after them must never join their landing and change its verdict.
            flush()
            seen.add(commit.sha)
            style = MergeStyle.SQUASH if _is_pull_request(commit) else MergeStyle.LANGSUNG
            base = commit.parents[0] if commit.parents else None
            out.append(Landing(commit, (commit,), style, commit.changes, base))
            continue
        if commit.is_merge:
            flush()
            branch = _branch_commits(commits, commit, seen)
            seen.add(commit.sha)
            out.append(
                Landing(
                    commit,
                    tuple(branch or [commit]),
                    MergeStyle.GABUNG,
                    commit.changes,
                    commit.parents[0],
                )
            )
            continue
        seen.add(commit.sha)
        if _is_pull_request(commit):
            flush()
            base = commit.parents[0] if commit.parents else None
            out.append(Landing(commit, (commit,), MergeStyle.SQUASH, commit.changes, base))
        elif batch and _joins_batch(batch[-1], commit):
            batch.append(commit)
        else:
            flush()
            batch.append(commit)
    flush()
    return out
