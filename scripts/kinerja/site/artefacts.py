"""A content-addressed cache for the site's expensive files: SVG charts and XLSX workbooks.

Drawing a chart with matplotlib or writing a workbook with openpyxl costs tens to hundreds of
milliseconds each, and a regency's site has hundreds of them. Each is a pure function of its
input data, so its bytes are stored under a hash of that data (plus a fingerprint of the code
and library versions that draw it). A pull request that changes one submission then redraws
only the charts and workbooks whose figures changed.

The cache lives beside the validation cache (``.git/kinerja-cache/site-<fingerprint>/``),
outside the tracked files, and is safe to delete. Files not used by a whole build are pruned
at its end, so it does not grow with every change. When no cache is active (tests of a single
chart, ``use_cache=False``) everything is computed as before.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

_LIBRARIES = ("matplotlib", "openpyxl", "pandas")


@cache
def fingerprint() -> str:
    """Every module of the package (by content) and the drawing libraries' versions: what a
    chart or workbook looks like depends on more than the site code (the recap's columns and
    formula neutralisation, period labels...), and a stale artefact must never be served."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha1(usedforsecurity=False)
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    for library in _LIBRARIES:
        try:
            digest.update(f"{library}={version(library)}".encode())
        except PackageNotFoundError:
            digest.update(f"{library}=?".encode())
    return digest.hexdigest()[:16]


class Artefacts:
    """One build's view of the cache folder: ``get`` serves or makes, ``finish`` prunes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / f"site-{fingerprint()}"
        self.parent = folder
        self.used: set[str] = set()
        self.hits = 0
        self.made = 0

    def _name(self, kind: str, material: bytes) -> str:
        key = hashlib.sha1(kind.encode() + b"\0" + material, usedforsecurity=False).hexdigest()
        name = f"{key}.{kind}"
        self.used.add(name)
        return name

    def lookup(self, kind: str, material: bytes) -> bytes | None:
        try:
            data = (self.folder / self._name(kind, material)).read_bytes()
        except OSError:
            return None
        self.hits += 1
        return data

    def get(self, kind: str, material: bytes, make: Callable[[], bytes]) -> bytes:
        data = self.lookup(kind, material)
        if data is None:
            data = make()
            self.store(kind, material, data)
        return data

    def store(self, kind: str, material: bytes, data: bytes) -> None:
        path = self.folder / self._name(kind, material)
        self.made += 1
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only checkout still builds, only without the cache

    def finish(self) -> None:
        """Remove what this build did not use, and the folders of other code versions."""
        try:
            for path in self.folder.iterdir():
                if path.name not in self.used:
                    path.unlink(missing_ok=True)
            for other in self.parent.glob("site-*"):
                if other != self.folder and other.is_dir():
                    shutil.rmtree(other, ignore_errors=True)
        except OSError:
            pass


_ACTIVE: list[Artefacts] = []


@contextmanager
def active(artefacts: Artefacts | None) -> Iterator[Artefacts | None]:
    """Make ``artefacts`` the cache of the build inside the ``with`` block (None: no cache)."""
    if artefacts is None:
        yield None
        return
    _ACTIVE.append(artefacts)
    try:
        yield artefacts
    finally:
        _ACTIVE.remove(artefacts)
    artefacts.finish()


def lookup(kind: str, material: bytes) -> bytes | None:
    """The bytes stored for ``material``, or None (also when no cache is active)."""
    return _ACTIVE[-1].lookup(kind, material) if _ACTIVE else None


def store(kind: str, material: bytes, data: bytes) -> None:
    if _ACTIVE:
        _ACTIVE[-1].store(kind, material, data)


def remember(kind: str, material: bytes, make: Callable[[], bytes]) -> bytes:
    """``make()``, or the bytes it made before for the same ``material``."""
    if not _ACTIVE:
        return make()
    return _ACTIVE[-1].get(kind, material, make)


class _Unkeyable(Exception):
    pass


_SCALARS = (str, int, float, bool, type(None))


def _check_plain(value: Any, depth: int = 0) -> None:
    """Plain data only (whose ``repr`` is its content): anything else cannot be a key."""
    if depth > 8:
        raise _Unkeyable
    if isinstance(value, _SCALARS):
        return
    if isinstance(value, (list, tuple)):
        for item in value:
            _check_plain(item, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_plain(key, depth + 1)
            _check_plain(item, depth + 1)
    else:
        raise _Unkeyable


def remember_closure(kind: str, build: Callable[..., Any], make: Callable[[], bytes]) -> bytes:
    """Like :func:`remember`, keyed by the function ``build`` and the values it closes over.

    The code itself is in the fingerprint; module constants it reads are part of that code.
    A closure over anything but plain data (lists, dicts, text, numbers) is not cached."""
    if not _ACTIVE:
        return make()
    values = [cell.cell_contents for cell in build.__closure__ or ()]
    try:
        _check_plain(values)
    except _Unkeyable:
        return make()
    material = repr((build.__qualname__, build.__code__.co_freevars, values)).encode()
    return _ACTIVE[-1].get(kind, material, make)
