"""What a repository path is, for the history, the merge check and CODEOWNERS.

The decision itself is :func:`kinerja.model.layout.classify` (one place for the whole project);
this module adds what the history needs on top: an enum with Indonesian labels, the paths the
one ``git log`` reads, and the paths only admins may change.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import lru_cache

from kinerja.model import layout

#: The data paths (everything else in the repository is the site, code or configuration, which
#: the history shows too: every path has an owner).
TRACKED_PATHS = (layout.SUBMISSIONS, layout.SOP_DIR)

#: Paths only admins may change (CODEOWNERS and the merge check both use this list).
ADMIN_PATHS = (
    "schema/",
    "scripts/",
    ".github/",
    ".gitea/",
    ".forgejo/",
    layout.ORGANISATION,
    layout.INDICATORS,
    layout.SOP_DIR + "/",
)


class FileKind(enum.StrEnum):
    PERMINTAAN = "permintaan"
    SUBMISI = "submisi"
    ANALISIS = "analisis"
    ORGANISASI = "organisasi"
    INDIKATOR = "indikator"
    SOP = "sop"
    LAINNYA = "lainnya"  # another file under submissions/ (kept in the history, no rules)
    DI_LUAR = "di-luar"  # the site, code, build and trust files: shown, admin paraf

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    FileKind.PERMINTAAN: "permintaan data",
    FileKind.SUBMISI: "data kinerja unit",
    FileKind.ANALISIS: "analisis dan evaluasi",
    FileKind.ORGANISASI: "data organisasi",
    FileKind.INDIKATOR: "katalog indikator",
    FileKind.SOP: "SOP",
    FileKind.LAINNYA: "berkas lain",
    FileKind.DI_LUAR: "situs, kode atau pengaturan",
}

_FROM_LAYOUT = {
    "permintaan": FileKind.PERMINTAAN,
    "submisi": FileKind.SUBMISI,
    "analisis": FileKind.ANALISIS,
    "organisasi": FileKind.ORGANISASI,
    "indikator": FileKind.INDIKATOR,
    "sop": FileKind.SOP,
}


@dataclass(frozen=True, slots=True)
class PathInfo:
    kind: FileKind
    period: str | None = None  # the period folder (as named, even if not a valid period)
    unit: str | None = None

    @property
    def identity(self) -> tuple[str, str | None, str | None]:
        """What makes two paths "the same document": a unit's submission in a period is one
        document whatever its format (``wilayah-1.yml`` then ``wilayah-1.csv``)."""
        return (self.kind.value, self.period, self.unit)


@lru_cache(maxsize=65536)
def classify(path: str) -> PathInfo:
    """What ``path`` is (cached: a long history names the same paths again and again)."""
    role = layout.classify(path)
    kind = _FROM_LAYOUT.get(role.kind)
    if kind is None:
        inside = role.kind != "ignored" and path.startswith(layout.SUBMISSIONS + "/")
        return PathInfo(FileKind.LAINNYA if inside else FileKind.DI_LUAR)
    return PathInfo(kind, role.period or role.folder, role.unit)


def is_admin_path(path: str) -> bool:
    return any(path == p or (p.endswith("/") and path.startswith(p)) for p in ADMIN_PATHS)
