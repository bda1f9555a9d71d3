"""A cache of per-file work keyed by Git blob id, outside the tracked files and safe to delete.

It lives in the Git directory (``.git/kinerja-cache``), or ``.kinerja-cache`` beside the data when
there is no Git. Each store is one pickle file: loading thousands of small entries from one file
is much faster than opening thousands of files. A store written by another version of the package,
or a corrupt one, is ignored, never trusted.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from kinerja import __version__
from kinerja.gitfiles import git_dir
from kinerja.resources import schema_dir

#: Bump when the shape of cached results or the meaning of a rule changes.
CACHE_VERSION = "3"


def cache_dir(root: Path) -> Path:
    env = os.environ.get("KINERJA_CACHE_DIR")
    if env:
        return Path(env)
    gdir = git_dir(root)
    return (gdir / "kinerja-cache") if gdir else (root / ".kinerja-cache")


#: The code whose output is cached: the readers, the rules, the model and the messages. Edits
#: elsewhere (the site, the CLI) do not invalidate the cache.
VALIDATION_CODE = (
    "read",
    "validate",
    "model",
    "codes.py",
    "findings.py",
    "suggest.py",
    "resources.py",
    "gitfiles.py",
    "data",
)


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in (".py", ".yml"))
    return [path] if path.exists() else []


def code_fingerprint() -> str:
    digest = hashlib.sha1(f"{CACHE_VERSION}|{__version__}".encode(), usedforsecurity=False)
    for path in sorted(schema_dir().glob("*.schema.json")):
        digest.update(path.read_bytes())
    # The code that produced a cached result is part of its key: an upgrade or a local edit of
    # the package must not serve findings computed by other rules. Contents, not mtimes: a CI
    # checkout gives every file a new mtime, and the cache it restores must still match.
    package = Path(__file__).resolve().parents[1]
    for path in sorted(p for part in VALIDATION_CODE for p in _files(package / part)):
        digest.update(f"{path.relative_to(package)}|".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class Store:
    """One pickle-backed mapping; ``save`` writes atomically only when something changed."""

    def __init__(self, path: Path, fingerprint: str) -> None:
        self.path = path
        self.fingerprint = fingerprint
        self.entries: dict[str, Any] = {}
        self.used: set[str] = set()
        self.dirty = False
        try:
            with path.open("rb") as handle:
                stamp, entries = pickle.load(handle)  # noqa: S301 - our own file in .git
            if stamp == fingerprint and isinstance(entries, dict):
                self.entries = entries
        except (
            OSError,
            EOFError,
            pickle.UnpicklingError,
            ValueError,
            TypeError,
            AttributeError,
            ImportError,
        ):
            self.entries = {}

    def get(self, key: str) -> Any:
        value = self.entries.get(key)
        if value is not None:
            self.used.add(key)
        return value

    def put(self, key: str, value: Any) -> None:
        self.entries[key] = value
        self.used.add(key)
        self.dirty = True

    def save(self, *, prune: bool = True) -> None:
        if prune and len(self.used) < len(self.entries):
            self.entries = {k: v for k, v in self.entries.items() if k in self.used}
            self.dirty = True
        if not self.dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((self.fingerprint, self.entries), handle, protocol=5)
            os.replace(tmp, self.path)
        except OSError:
            pass  # a read-only checkout still validates, only slower next time
        self.dirty = False


def key(*parts: str) -> str:
    return hashlib.sha1("\0".join(parts).encode(), usedforsecurity=False).hexdigest()
