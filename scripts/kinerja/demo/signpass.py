"""Sign the landings of a history that ``git fast-import`` wrote (it cannot sign).

Every commit is read once through ``git cat-file --batch`` in topological order, its parents are
mapped to their rewritten ids, the chosen ones get a ``gpgsig`` header (in-process, see
:mod:`kinerja.signing`), and the new objects are written as loose objects: Git's object format
(``commit <size>\\0<content>``, SHA-1, zlib) is stable and documented, and one process writing
files is much faster than one ``git hash-object`` per commit. Commits older than the first one
signed keep their ids.
"""

from __future__ import annotations

import hashlib
import os
import zlib
from collections.abc import Collection
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kinerja.demo.fastimport import run_git
from kinerja.history.trust import cat_objects
from kinerja.signing import sign_commit


def _write_object(objects: Path, body: bytes) -> str:
    data = b"commit %d\0" % len(body) + body
    sha = hashlib.sha1(data, usedforsecurity=False).hexdigest()
    folder = objects / sha[:2]
    target = folder / sha[2:]
    if not target.exists():
        folder.mkdir(exist_ok=True)
        tmp = folder / f".tmp-{sha[2:]}"
        tmp.write_bytes(zlib.compress(data, 1))
        os.replace(tmp, target)
    return sha


def _reparent(raw: bytes, mapping: dict[str, str]) -> bytes:
    head, sep, body = raw.partition(b"\n\n")
    lines = head.split(b"\n")
    for index, line in enumerate(lines):
        if line.startswith(b"parent "):
            old = line[7:].decode()
            lines[index] = b"parent " + mapping.get(old, old).encode()
        elif not line.startswith((b"tree ", b"parent ")):
            break  # parents come right after the tree
    return b"\n".join(lines) + sep + body


def sign_landings(
    repo: Path, ref: str, chosen: Collection[str], key: Ed25519PrivateKey
) -> dict[str, str]:
    """Rewrite the history of ``ref`` with the commits in ``chosen`` signed; move ``ref``.

    Returns the mapping from old to new commit ids (for the demo's report of marked commits).
    """
    order = run_git(repo, "rev-list", "--topo-order", "--reverse", ref).split()
    raws = cat_objects(repo, order)
    objects = Path(run_git(repo, "rev-parse", "--git-path", "objects").strip())
    if not objects.is_absolute():
        objects = repo / objects
    mapping: dict[str, str] = {}
    for sha in order:
        raw = raws[sha]
        if raw is None:  # pragma: no cover - rev-list just listed it
            continue
        new = _reparent(raw, mapping)
        if sha in chosen:
            new = sign_commit(new, key)
        if new != raw:
            mapping[sha] = _write_object(objects, new)
    head = order[-1]
    if head in mapping:
        run_git(repo, "update-ref", ref, mapping[head], head)
    return mapping
