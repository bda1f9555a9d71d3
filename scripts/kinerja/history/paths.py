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

#: Paths the admin owns, named one by one in CODEOWNERS (GitHub patterns, anchored at the root).
#: The list is for people reading CODEOWNERS: CODEOWNERS starts with a default rule that gives
#: EVERY path to the admin, and only the data rules (:data:`DATA_KINDS`) give paths to others,
#: so a path missing here is still the admin's. What these files can do: a ``<script>`` in a
#: Panduan page runs for every visitor, a ``hooks:`` entry in mkdocs.yml runs Python in the
#: build, lock files and build files choose the code CI runs, ``.kinerja/`` holds the trust file.
ADMIN_PATTERNS = (
    "/docs/",
    "/mkdocs.yml",
    "/*.lock",
    "/pyproject.toml",
    "/Makefile",
    "/README.md",
    "/.ci/",
    "/.github/",
    "/.gitea/",
    "/.forgejo/",
    "/.kinerja/",
    "/schema/",
    "/scripts/",
    "/tests/",
    "/benchmarks/",
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


#: Kinds of file whose owner rule comes from ``organisasi.yml`` (``persetujuan``, the unit's
#: head); every other path (code, documentation, build files, anything under submissions/ that
#: is not one of these) belongs to the admin.
DATA_KINDS = frozenset(
    {
        FileKind.PERMINTAAN,
        FileKind.SUBMISI,
        FileKind.ANALISIS,
        FileKind.ORGANISASI,
        FileKind.INDIKATOR,
        FileKind.SOP,
    }
)


def is_admin_path(path: str) -> bool:
    """Whether only the admin's paraf lets ``path`` change: every path without a data rule.

    (The organisation, the indicator catalogue and the SOP are the admin's too unless
    ``persetujuan`` names others: see ``Roster.owner_rules``.)
    """
    return classify(path).kind not in DATA_KINDS
