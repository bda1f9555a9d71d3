"""Check the main line's signatures while ``git log`` is still running (a cold history only).

A cold history spends most of its ``git log`` time waiting on the pipe, with the GIL released:
the main-line commit objects can be read (``git rev-list --first-parent`` then one ``git
cat-file --batch``) and their signatures checked in a thread meanwhile. What the thread has not
finished when the log is read is left to :func:`kinerja.history.trust.verify_landings`, which
uses whatever was prefetched and checks the rest itself. On a long main line (from
``trust.PARALLEL_FROM`` commits) every second commit goes to one worker process from the start,
since the signature maths holds the GIL. Only a signature's own validity is checked here (key,
namespace, content); the trust file is applied by the walk, as always.
"""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Mapping
from pathlib import Path

from kinerja.history import trust
from kinerja.history.gitlog import git_env
from kinerja.history.trust import (
    KeyCache,
    Signed,
    Worker,
    cat_objects,
    check_signature,
    finish_worker,
    start_worker,
)


class Prefetch:
    """Started before ``git log``; :meth:`finish` stops it and returns what it has."""

    def __init__(self, repo: Path, head: str, keys: KeyCache) -> None:
        self._repo, self._head, self.keys = repo, head, keys
        self._stop = threading.Event()
        self.raws: dict[str, bytes | None] = {}
        self.signed: dict[str, Signed] = {}
        self._worker: Worker | None = None
        self._thread = threading.Thread(target=self._run, name="kinerja-prefetch", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            done = subprocess.run(
                ["git", "-C", str(self._repo), "rev-list", "--first-parent", self._head],
                capture_output=True,
                env=git_env(),
                check=False,
            )
            if done.returncode != 0 or self._stop.is_set():
                return
            shas = done.stdout.decode("ascii", "replace").split()
            shas.reverse()  # oldest first: the order the walk asks in
            if len(shas) >= trust.PARALLEL_FROM and (os.cpu_count() or 1) >= 2:
                # A long main line: every second commit goes to a worker process, which reads
                # and checks its share while git log and this thread run.
                self._worker = start_worker(str(self._repo), shas[1::2])
                shas = shas[0::2]
            raws = cat_objects(self._repo, shas)
            self.raws = raws
            for sha in shas:
                if self._stop.is_set():
                    return
                self.signed[sha] = check_signature(raws.get(sha) or b"", self.keys)
        except Exception:  # noqa: BLE001 - a prefetch may fail; the walk reads on its own
            return

    def finish(self) -> tuple[Mapping[str, bytes | None], Mapping[str, Signed]]:
        """Stop checking (what is checked is kept) and hand over raw objects and results; the
        worker's share is waited for (it is needed now, and it started first)."""
        self._stop.set()
        self._thread.join()
        signed = dict(self.signed)
        if self._worker is not None:
            signed.update(finish_worker(self._worker, self.keys))
        return self.raws, signed
