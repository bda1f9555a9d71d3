"""Check the main line's signatures while ``git log`` is still running (a cold history only).

A cold history spends most of its ``git log`` time waiting on the pipe, with the GIL released:
the main-line commit objects can be read (``git rev-list --first-parent`` then one ``git
cat-file --batch``) and their signatures checked in a thread meanwhile. What the thread has not
finished when the log is read is left to :func:`kinerja.history.trust.verify_landings`, which
uses whatever was prefetched and checks the rest itself. Only a signature's own validity is
checked here (key, namespace, content); the trust file is applied by the walk, as always.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Mapping
from pathlib import Path

from kinerja.history.gitlog import git_env
from kinerja.history.trust import KeyCache, Signed, cat_objects, check_signature


class Prefetch:
    """Started before ``git log``; :meth:`finish` stops it and returns what it has."""

    def __init__(self, repo: Path, head: str, keys: KeyCache) -> None:
        self._repo, self._head, self.keys = repo, head, keys
        self._stop = threading.Event()
        self.raws: dict[str, bytes | None] = {}
        self.signed: dict[str, Signed] = {}
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
            raws = cat_objects(self._repo, shas)
            self.raws = raws
            for sha in shas:
                if self._stop.is_set():
                    return
                self.signed[sha] = check_signature(raws.get(sha) or b"", self.keys)
        except Exception:  # noqa: BLE001 - a prefetch may fail; the walk reads on its own
            return

    def finish(self) -> tuple[Mapping[str, bytes | None], Mapping[str, Signed]]:
        """Stop checking (what is checked is kept) and hand over raw objects and results."""
        self._stop.set()
        self._thread.join()
        return self.raws, dict(self.signed)
