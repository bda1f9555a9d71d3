"""``read_history``: the whole audit history of a repository from one ``git log``."""

from __future__ import annotations

import gc
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kinerja.history.events import Event, EventKind, derive_events
from kinerja.history.gitlog import Commit, read_commits, resolve_head
from kinerja.history.landings import Landing, landings
from kinerja.history.paths import FileKind, classify
from kinerja.history.people import Roster
from kinerja.history.sop import read_versions, version_names


@dataclass(frozen=True)
class History:
    repo: Path
    head: str | None
    commits: Mapping[str, Commit] = field(default_factory=dict, repr=False)
    landings: tuple[Landing, ...] = ()
    events: tuple[Event, ...] = ()  # in the order they landed on the main line

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


def read_history(repo: Path, roster: Roster | None = None, *, ref: str = "HEAD") -> History:
    """Read the audit history of ``repo`` as seen from ``ref``.

    Git processes: ``rev-parse`` (shallow guard, head), one ``log`` and, only when SOP files
    changed, one ``cat-file --batch`` for their versions. ``roster`` (from organisasi.yml)
    matches people to roles; without it events carry identities only and no role checks.
    Raises :class:`~kinerja.history.errors.HistoryError` subclasses with Indonesian messages.
    """
    head = resolve_head(repo, ref)
    if head is None:
        return History(repo=repo, head=None)
    # The reader allocates a few objects per commit and makes no reference cycles; pausing the
    # cyclic collector spares it from walking them again and again (a large share of the time
    # on a long history).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _read(repo, roster, head)
    finally:
        if collecting:
            gc.enable()


def _read(repo: Path, roster: Roster | None, head: str) -> History:
    commits = {c.sha: c for c in read_commits(repo, head)}
    landed = landings(commits, head)
    names = [
        name
        for landing in landed
        for change in landing.changes
        if classify(change.path).kind is FileKind.SOP
        for name in version_names(
            landing.commit.sha, landing.base, change.path, change.old_path, change.status == "A"
        )
        if name
    ]
    blobs = read_versions(repo, names)
    events = derive_events(landed, roster, blobs)
    return History(
        repo=repo, head=head, commits=commits, landings=tuple(landed), events=tuple(events)
    )
