"""``read_history``: the whole audit history of a repository from one ``git log``."""

from __future__ import annotations

import gc
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kinerja.history.errors import ANCHOR_VARIABLE, AnchorMismatchError
from kinerja.history.events import Event, EventKind, derive_events
from kinerja.history.gitlog import Commit, read_commits, resolve_head
from kinerja.history.landings import Landing, landings
from kinerja.history.paths import FileKind, classify
from kinerja.history.people import Roster
from kinerja.history.prefetch import Prefetch
from kinerja.history.sop import read_versions, version_names
from kinerja.history.trust import (
    KeyCache,
    TrustList,
    TrustWalk,
    Verdict,
    cat_objects,
    verify_landings,
)
from kinerja.model.layout import SOP_DIR

#: Every SOP path starts so (a cheap test before the full classification of each change).
_SOP_PREFIX = SOP_DIR + "/"


@dataclass(frozen=True)
class History:
    repo: Path
    head: str | None
    commits: Mapping[str, Commit] = field(default_factory=dict, repr=False)
    landings: tuple[Landing, ...] = ()
    events: tuple[Event, ...] = ()  # in the order they landed on the main line
    #: The trust rule's verdict per landing commit (:mod:`kinerja.history.trust`).
    verdicts: Mapping[str, Verdict] = field(default_factory=dict, repr=False)
    #: The trust file in force at the head (its keys, and lines that could not be used).
    trust: TrustList | None = None
    #: Paths whose content at the head was not written by a verified landing, with the last
    #: verified commit that wrote them (``None``: never by a verified landing) and the reason.
    tainted: Mapping[str, tuple[str | None, str]] = field(default_factory=dict)

    def verdict(self, commit: str) -> Verdict | None:
        return self.verdicts.get(commit)

    def for_path(self, path: str) -> tuple[Event, ...]:
        """Events of one file, across its renames (earlier and later names); for a folder
        (``submissions/2026-q4``), the events of every file that was ever in it."""
        path = path.strip().removeprefix("./")
        lineages = {e.lineage for e in self.events if path in (e.path, e.old_path)}
        if not lineages:
            folder = path.rstrip("/") + "/"
            lineages = {
                e.lineage
                for e in self.events
                if e.path.startswith(folder) or (e.old_path or "").startswith(folder)
            }
        return tuple(e for e in self.events if e.lineage in lineages)

    def for_period(self, period: str) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.period == period)

    def for_unit(self, unit: str) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.unit == unit)

    def sop_revisions(self, path: str | None = None) -> tuple[Event, ...]:
        """The numbered SOP revisions ("Tanggal Revisi 1, 2, ..."), of one SOP or of all."""
        events = self.for_path(path) if path else self.events
        return tuple(e for e in events if e.kind is EventKind.SOP_DIREVISI)


@dataclass(frozen=True)
class Landed:
    """The main line read and judged, before people are matched: enough to know which content
    counts (:meth:`trusted_content`), so that the configuration used to match people is itself
    the trusted one."""

    repo: Path
    head: str | None
    commits: Mapping[str, Commit]
    landings: tuple[Landing, ...]
    walk: TrustWalk | None
    tainted: Mapping[str, tuple[str | None, str]]

    def trusted_content(self, prefixes: tuple[str, ...] = ("",)) -> dict[str, bytes | None]:
        """For each tainted path under ``prefixes``: its content as the last verified landing
        wrote it, or ``None`` when no verified landing ever did (the path does not count)."""
        wanted = {
            path: commit for path, (commit, _) in self.tainted.items() if path.startswith(prefixes)
        }
        names = [f"{commit}:{path}" for path, commit in wanted.items() if commit]
        found = cat_objects(self.repo, names) if names else {}
        return {
            path: (found.get(f"{commit}:{path}") if commit else None)
            for path, commit in wanted.items()
        }


def read_landings(repo: Path, *, ref: str = "HEAD", use_cache: bool = True) -> Landed:
    """The first half of :func:`read_history`: one ``git log``, the landings, the trust rule."""
    head = resolve_head(repo, ref)
    if head is None:
        return Landed(repo, None, {}, (), None, {})
    from kinerja.history import trust_cache

    store = trust_cache.open_store(repo) if use_cache else None
    # A cold run (no verdict stored) checks the main line's signatures while git log runs.
    prefetch = Prefetch(repo, head, KeyCache()) if not (store and store.entries) else None
    collecting = gc.isenabled()
    gc.disable()
    try:
        try:
            listed = _read_commits_cached(repo, head) if use_cache else read_commits(repo, head)
        finally:
            prefetched = prefetch.finish() if prefetch else None
        commits = {c.sha: c for c in listed}
        landed = landings(commits, head)
        walk, fresh = verify_landings(
            repo,
            landed,
            store.entries if store else None,
            prefetched,
            prefetch.keys if prefetch else None,
        )
        if store is not None and fresh:
            store.update(fresh)
        _check_pinned_anchor(walk)
        return Landed(repo, head, commits, tuple(landed), walk, _tainted(landed, walk))
    finally:
        if collecting:
            gc.enable()


def _check_pinned_anchor(walk: TrustWalk) -> None:
    """With ``KINERJA_JANGKAR`` set (the anchor commit, pinned outside the repository), the main
    line's anchor must be that commit: a rewritten main line or a first trust file installed
    by someone else is refused, not published."""
    pinned = os.environ.get(ANCHOR_VARIABLE, "").strip().lower()
    if not pinned:
        return
    if walk.anchor is None or len(pinned) < 7 or not walk.anchor.startswith(pinned):
        raise AnchorMismatchError(pinned, walk.anchor)


def _read_commits_cached(repo: Path, head: str) -> list[Commit]:
    """Every commit reachable from ``head``, reading from Git only what the commit cache does
    not hold (:mod:`kinerja.history.commit_cache`)."""
    from kinerja.history import commit_cache

    cached = commit_cache.load(repo)
    if cached is not None and cached[0] == head:
        return cached[1]
    if cached is not None and commit_cache.is_ancestor(repo, cached[0], head):
        new = read_commits(repo, head, exclude=cached[0])
        # A few new commits are cheaper to read again next time than to rewrite the store.
        if len(new) >= max(SAVE_FROM, len(cached[1]) // 100):
            commit_cache.save(repo, head, new + cached[1])
        return new + cached[1]
    listed = read_commits(repo, head)
    commit_cache.save(repo, head, listed)
    return listed


#: From how many new commits the commit cache is rewritten (below: read again next time).
SAVE_FROM = 50


def read_history(
    repo: Path, roster: Roster | None = None, *, ref: str = "HEAD", use_cache: bool = True
) -> History:
    """Read the audit history of ``repo`` as seen from ``ref``.

    Git processes: ``rev-parse`` (shallow guard, head), one ``log``, one ``cat-file --batch``
    for the signatures not in the trust cache, and, only when SOP files changed, one
    ``cat-file --batch`` for their versions. ``roster`` (from organisasi.yml) matches people to
    roles; without it events carry identities only and no role checks. Raises
    :class:`~kinerja.history.errors.HistoryError` subclasses with Indonesian messages.
    """
    return derive_history(read_landings(repo, ref=ref, use_cache=use_cache), roster)


def derive_history(base: Landed, roster: Roster | None) -> History:
    """The second half of :func:`read_history`: events, with people matched by ``roster``."""
    if base.head is None or base.walk is None:
        return History(repo=base.repo, head=None)
    # The reader allocates a few objects per event and makes no reference cycles; pausing the
    # cyclic collector spares it from walking them again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _derive(base, base.walk, roster)
    finally:
        if collecting:
            gc.enable()


def _derive(base: Landed, walk: TrustWalk, roster: Roster | None) -> History:
    landed = list(base.landings)
    names = [
        name
        for landing in landed
        if walk.verdicts[landing.commit.sha].verified
        for change in landing.changes
        if change.path.startswith(_SOP_PREFIX) and classify(change.path).kind is FileKind.SOP
        for name in version_names(
            landing.commit.sha, landing.base, change.path, change.old_path, change.status == "A"
        )
        if name
    ]
    blobs = read_versions(base.repo, names)
    events = derive_events(landed, roster, blobs, walk.verdicts, walk.notes)
    return History(
        repo=base.repo,
        head=base.head,
        commits=base.commits,
        landings=base.landings,
        events=tuple(events),
        verdicts=walk.verdicts,
        trust=walk.current,
        tainted=base.tainted,
    )


def _tainted(landed: list[Landing], walk: TrustWalk) -> dict[str, tuple[str | None, str]]:
    """Paths whose head content came from an unverified landing: path -> (the last verified
    landing commit that wrote the path, or ``None``; the reason of the unverified change)."""
    last_verified: dict[str, str | None] = {}
    tainted: dict[str, tuple[str | None, str]] = {}
    for landing in landed:
        verdict = walk.verdicts[landing.commit.sha]
        for change in landing.changes:
            gone_paths = {change.old_path} if change.status == "R" and change.old_path else set()
            if change.status == "D":
                gone_paths.add(change.path)
            for path in {change.path} | gone_paths:
                if verdict.verified:
                    tainted.pop(path, None)
                    last_verified[path] = None if path in gone_paths else landing.commit.sha
                else:
                    tainted[path] = (last_verified.get(path), verdict.reason or "")
    return tainted
