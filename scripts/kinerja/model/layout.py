"""Where files live in a tracker repository and what each one is (DESIGN.md section 3)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kinerja.model.periods import is_period

SUBMISSIONS = "submissions"
SOP_DIR = "docs/sop"
ORGANISATION = f"{SUBMISSIONS}/organisasi.yml"
INDICATORS = f"{SUBMISSIONS}/indikator.yml"
REQUEST_NAME = "permintaan.yml"
ANALYSIS_NAME = "analisis.md"
SUBMISSION_SUFFIXES = (".yml", ".yaml", ".csv", ".xlsx")
IGNORED_NAMES = frozenset({".gitkeep", "README.md", "LIESMICH.md", "BACA.md"})


@dataclass(frozen=True)
class FileRole:
    """What a repository path is; ``kind`` selects the schema and the rules."""

    kind: str  # organisasi | indikator | permintaan | submisi | analisis | sop | ignored | unknown
    period: str | None = None
    unit: str | None = None
    folder: str | None = None  # the period folder as named, even when it is not a valid period


@lru_cache(maxsize=65536)
def classify(path: str) -> FileRole:
    """What ``path`` (repository-relative, POSIX) is. Cached: every stage asks, for every file."""
    parts = tuple(p for p in path.split("/") if p not in ("", "."))
    name = parts[-1] if parts else ""
    if name in IGNORED_NAMES:
        return FileRole("ignored")
    if path == ORGANISATION:
        return FileRole("organisasi")
    if path == INDICATORS:
        return FileRole("indikator")
    if len(parts) == 3 and "/".join(parts[:2]) == SOP_DIR and name.endswith((".yml", ".yaml")):
        return FileRole("sop")
    if len(parts) == 3 and parts[0] == SUBMISSIONS:
        folder = parts[1]
        period = folder if is_period(folder) else None
        if name == REQUEST_NAME:
            return FileRole("permintaan", period, folder=folder)
        if name == ANALYSIS_NAME:
            return FileRole("analisis", period, folder=folder)
        stem, dot, suffix = name.rpartition(".")
        # The suffix exactly as listed (lower case): CODEOWNERS patterns are case-sensitive and
        # cannot spell "any case" (no character classes on GitHub), so ``wilayah-1.YML`` would be
        # a unit's data to the tracker but not to the forge's owner rules.
        if dot and f".{suffix}" in SUBMISSION_SUFFIXES:
            return FileRole("submisi", period, unit=stem, folder=folder)
    return FileRole("unknown")


def is_tracked_data(path: str) -> bool:
    """Whether ``validate`` looks at ``path`` by default."""
    return path.startswith(f"{SUBMISSIONS}/") or (
        path.startswith(f"{SOP_DIR}/") and path.endswith((".yml", ".yaml"))
    )
