"""The repository's files and their Git blob ids, in two Git calls rather than one per file.

The blob id is the cache key of all per-file work: a file whose content did not change is not
read, parsed or validated again. Files that differ from the index (edited, untracked) are hashed
here the way Git hashes them, so a working-tree edit is seen before it is committed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

#: Stands in for the blob id of a symbolic link, which is never followed.
SYMLINK = "symlink"
#: Stands in for the blob id of a gitlink (a submodule entry, mode 160000): no content at all.
GITLINK = "gitlink"
#: Stands in for anything else that is not a regular file (a FIFO, a device, a socket).
NOT_REGULAR = "not-regular"
#: The stand-ins above: paths that exist but hold no file content to read.
NOT_FILES = frozenset({SYMLINK, GITLINK, NOT_REGULAR})


def blob_id(content: bytes) -> str:
    """Git's object id of ``content`` as a blob (SHA-1 repositories)."""
    digest = hashlib.sha1(usedforsecurity=False)
    digest.update(b"blob %d\0" % len(content))
    digest.update(content)
    return digest.hexdigest()


def _git(root: Path, *args: str) -> bytes | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            check=False,
        )
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def git_dir(root: Path) -> Path | None:
    out = _git(root, "rev-parse", "--absolute-git-dir")
    return Path(out.decode().strip()) if out else None


def is_partial_clone(root: Path) -> bool:
    """Whether ``root`` is a partial clone (``--filter``): objects of its history are missing
    and would be fetched from the network, or not at all, while the history is read."""
    out = _git(root, "config", "--get", "extensions.partialclone")
    return bool(out and out.strip())


def list_files(root: Path, prefixes: tuple[str, ...]) -> dict[str, str]:
    """Map repository-relative paths under ``prefixes`` to the blob ids of their content now."""
    staged = _git(root, "ls-files", "-s", "-z", "--", *prefixes)
    if staged is None:
        return _walk(root, prefixes)
    files: dict[str, str] = {}
    for record in staged.split(b"\0"):
        if not record:
            continue
        meta, _, path = record.partition(b"\t")
        fields = meta.split()
        name = path.decode("utf-8", "surrogateescape")
        # A submodule entry or a link holds no data: kept, so that validation says so.
        files[name] = _MODES.get(fields[0], fields[1].decode())
    status = _git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", *prefixes)
    if status:
        entries = status.split(b"\0")
        index = 0
        while index < len(entries):
            entry = entries[index]
            index += 1
            if len(entry) < 4:
                continue
            code, name = entry[:2], entry[3:].decode("utf-8", "surrogateescape")
            if code[0:1] in (b"R", b"C"):
                index += 1  # the source path of a rename follows
            if files.get(name) == GITLINK:
                # A submodule's checkout (absent, or changed) is not this repository's
                # content: the index entry stands.
                continue
            if b"D" in code and code != b"??":
                files.pop(name, None)
                continue
            files[name] = _on_disk(root / name)
    return files


_MODES = {b"160000": GITLINK, b"120000": SYMLINK}


def _on_disk(full: Path) -> str:
    """The blob id of a regular file, or the stand-in for what else is at that path."""
    if full.is_symlink():
        return SYMLINK
    if full.is_file():
        return blob_id(full.read_bytes())
    return NOT_REGULAR


def _walk(root: Path, prefixes: tuple[str, ...]) -> dict[str, str]:
    files: dict[str, str] = {}
    for prefix in prefixes:
        base = root / prefix
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in list(dirnames):
                nested = Path(dirpath) / name
                if (nested / ".git").exists():
                    # Another repository inside this one: what Git would record as a gitlink.
                    files[nested.relative_to(root).as_posix()] = GITLINK
                    dirnames.remove(name)
            for name in filenames:
                full = Path(dirpath) / name
                files[full.relative_to(root).as_posix()] = _on_disk(full)
    return files
