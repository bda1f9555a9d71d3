"""Parsed commits kept between runs: the next history reads only what landed since.

A commit id names immutable content (message, identities, times, parents, and so the changes
against its first parent), so the parse of a commit never goes stale. The store holds the commits
reachable from the head it was read at; a later run whose head descends from it asks ``git log``
only for ``head ^cached``, and a run at the same head asks nothing. Anything else (a rewritten
main line, another repository sharing ``KINERJA_CACHE_DIR``) reads the whole log again.

Keyed, like the other stores, by the code that parses (``gitlog.py``, ``trailers.py``, this file)
and by Git's version (rename detection may change between versions). Written with ``marshal``
from plain tuples: several times faster than pickling named tuples and datetimes, which matters
because the first (cold) run pays for the write. It lives in ``.git/kinerja-cache``: local, never
committed, and safe to delete. The trust verdicts are cached separately (``trust_cache``); this
store holds no judgement, only what ``git log`` said.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import subprocess
import tempfile
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any

from kinerja.history.gitlog import Change, Commit, git_env
from kinerja.history.trailers import EMPTY, Identity, Trailers
from kinerja.validate.cache import cache_dir

FILE = "commits.marshal"
_FORMAT = 1


@functools.cache  # the code and Git do not change while the process runs
def _fingerprint() -> str:
    digest = hashlib.sha1(b"commits-%d|" % _FORMAT, usedforsecurity=False)
    here = Path(__file__).parent
    for name in ("gitlog.py", "trailers.py", "commit_cache.py"):
        digest.update((here / name).read_bytes())
    with contextlib.suppress(OSError):
        done = subprocess.run(["git", "--version"], capture_output=True, check=False)
        digest.update(done.stdout)
    return digest.hexdigest()[:16]


def load(repo: Path) -> tuple[str, list[Commit]] | None:
    """(head, commits) as last stored, or ``None`` when absent, stale or unreadable."""
    path = cache_dir(repo) / FILE
    try:
        data = marshal.loads(path.read_bytes())  # noqa: S302 - our own file in .git
        stamp, head, rows = data
        if stamp != _fingerprint() or not isinstance(head, str):
            return None
        return head, [_decode(row) for row in rows]
    except (OSError, EOFError, ValueError, TypeError, IndexError, KeyError):
        return None


def save(repo: Path, head: str, commits: list[Commit]) -> None:
    """Store atomically; a failure to write (read-only checkout) is not an error."""
    folder = cache_dir(repo)
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        blob = marshal.dumps((_fingerprint(), head, [_encode(c) for c in commits]))
        handle, name = tempfile.mkstemp(dir=folder, prefix=".commits-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(blob)
            os.replace(name, folder / FILE)
        except OSError:
            Path(name).unlink(missing_ok=True)


def is_ancestor(repo: Path, older: str, newer: str) -> bool:
    done = subprocess.run(
        ["git", "-C", str(repo), "merge-base", "--is-ancestor", older, newer],
        capture_output=True,
        env=git_env(),
        check=False,
    )
    return done.returncode == 0


# -- plain tuples (what marshal can write) --------------------------------------------------


def _encode(c: Commit) -> tuple[Any, ...]:
    return (
        c.sha,
        c.parents,
        c.author_name,
        c.author_email,
        c.authored_at.isoformat(),
        c.committer_name,
        c.committer_email,
        c.committed_at.isoformat(),
        c.message,
        tuple(tuple(change) for change in c.changes),
        None if c.trailers is None else _encode_trailers(c.trailers),
    )


def _decode(row: tuple[Any, ...]) -> Commit:
    sha, parents, an, ae, at, cn, ce, ct, message, changes, trailers = row
    return Commit(
        sha,
        tuple(parents),
        an,
        ae,
        datetime.fromisoformat(at),
        cn,
        ce,
        datetime.fromisoformat(ct),
        message,
        tuple(Change(*change) for change in changes),
        None if trailers is None else _decode_trailers(trailers),
    )


def _encode_trailers(t: Trailers) -> tuple[Any, ...] | int:
    if t == EMPTY:  # most commits: one small int instead of six empty fields
        return 0
    return (
        tuple(tuple(i) for i in t.reviewed_by),
        tuple(tuple(i) for i in t.approved_by),
        t.reviewed_on,
        None if t.opened_at is None else _encode_moment(t.opened_at),
        tuple(tuple(i) for i in t.co_authored_by),
        t.raw,
    )


def _decode_trailers(row: tuple[Any, ...] | int) -> Trailers:
    if not isinstance(row, tuple):
        return EMPTY
    reviewed, approved, reviewed_on, opened_at, co_authored, raw = row
    return Trailers(
        tuple(Identity(*i) for i in reviewed),
        tuple(Identity(*i) for i in approved),
        reviewed_on,
        None if opened_at is None else _decode_moment(opened_at),
        tuple(Identity(*i) for i in co_authored),
        tuple(tuple(pair) for pair in raw),
    )


def _encode_moment(moment: datetime) -> tuple[Any, ...]:
    """A time with its zone as parsed: commit times are plain offsets (what ``%aI`` gives),
    but a trailer time without an offset carries the office's named zone."""
    zone = moment.tzinfo
    naive = moment.replace(tzinfo=None).isoformat()
    key = getattr(zone, "key", None)
    if isinstance(key, str):  # a zoneinfo.ZoneInfo
        return (naive, "zone", key)
    offset = moment.utcoffset()
    seconds = None if offset is None else int(offset.total_seconds())
    name = zone.tzname(moment) if zone is not None else None
    plain = timezone(offset).tzname(moment) if offset is not None else None
    return (naive, "fixed", seconds, None if name == plain else name)


def _decode_moment(row: tuple[Any, ...]) -> datetime:
    naive = datetime.fromisoformat(row[0])
    zone: tzinfo | None
    if row[1] == "zone":
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(row[2])
    elif row[2] is None:
        zone = None
    else:
        offset = timedelta(seconds=row[2])
        zone = timezone(offset, row[3]) if row[3] else timezone(offset)
    return naive.replace(tzinfo=zone)
