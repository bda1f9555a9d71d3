"""The verdict cache of the trust rule: (commit id, trust file blob id) -> verdict.

A commit id covers its content and its signature, a blob id the keys in force, so a verdict
never goes stale; the store is still keyed by the code that judged (``trust.py`` and the
``sshsig`` version), like the validation cache, and lives beside it in ``.git/kinerja-cache``.
The walk-dependent part of the rule (times must not run backwards) is never cached.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
from collections.abc import Mapping
from pathlib import Path

from kinerja.history.trust import Verdict
from kinerja.validate.cache import Store, cache_dir


def _fingerprint() -> str:
    digest = hashlib.sha1(b"trust-1|", usedforsecurity=False)
    for name in ("trust.py", "gitlog.py"):
        digest.update(Path(__file__).with_name(name).read_bytes())
    # The verifying library's code, without importing it (or importlib.metadata: both cost
    # more than a warm history takes).
    spec = importlib.util.find_spec("sshsig")
    if spec is not None and spec.origin:
        with contextlib.suppress(OSError):
            digest.update((Path(spec.origin).parent / "sshsig.py").read_bytes())
    return digest.hexdigest()[:16]


class TrustStore:
    def __init__(self, path: Path) -> None:
        self._store = Store(path, _fingerprint())

    @property
    def entries(self) -> Mapping[str, Verdict]:
        return self._store.entries

    def update(self, fresh: Mapping[str, Verdict]) -> None:
        for key, verdict in fresh.items():
            self._store.put(key, verdict)
        self._store.save(prune=False)


def open_store(repo: Path) -> TrustStore:
    return TrustStore(cache_dir(repo) / "trust.pickle")
