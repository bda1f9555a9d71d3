"""The shipped configuration the demo starts from: organisation, indicators, SOP, site pages.

The demo copies these files from the source repository (the checkout this package lives in, or
a folder given explicitly) rather than keeping a second copy in the package: the demo then always
shows the configuration that ships. Developer pages (``docs/dev/``) are not part of a tracker.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kinerja.model.layout import INDICATORS, ORGANISATION
from kinerja.read.yaml_strict import parse_yaml

EXCLUDED_DOCS = ("docs/dev/",)
SITE_CONFIG = "mkdocs.yml"


class DemoError(Exception):
    """The demo cannot be made; the message is Indonesian and says what to do."""


@dataclass(frozen=True)
class Source:
    root: Path
    organisation: Mapping[str, Any]
    indicators: Mapping[str, Any]
    #: repository path -> content, copied verbatim into the first commit.
    files: Mapping[str, bytes]


def default_root() -> Path:
    """The repository this package was loaded from (``scripts/kinerja`` -> repository root)."""
    return Path(__file__).resolve().parents[3]


def _parse(root: Path, rel: str) -> Mapping[str, Any]:
    path = root / rel
    if not path.is_file():
        raise DemoError(
            f"{rel} tidak ditemukan di {root}. Jalankan dari repositori sumber kinerja "
            "atau sebutkan repositori sumbernya dengan --source DIR."
        )
    doc = parse_yaml(path.read_text(encoding="utf-8"), rel)
    if not isinstance(doc.data, dict):
        problems = "; ".join(f.message for f in doc.findings) or "bukan pemetaan YAML"
        raise DemoError(f"{rel} tidak dapat dibaca: {problems}")
    return doc.data


def _tracked(root: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for rel in (ORGANISATION, INDICATORS, SITE_CONFIG):
        if (root / rel).is_file():
            files[rel] = (root / rel).read_bytes()
    docs = root / "docs"
    if docs.is_dir():
        for path in sorted(docs.rglob("*")):
            rel = path.relative_to(root).as_posix()
            if path.is_symlink() or not path.is_file() or rel.startswith(EXCLUDED_DOCS):
                continue
            if any(part.startswith(".") for part in path.relative_to(root).parts):
                continue
            files[rel] = path.read_bytes()
    return files


def load_source(root: Path | None = None) -> Source:
    root = (root or default_root()).resolve()
    return Source(
        root=root,
        organisation=_parse(root, ORGANISATION),
        indicators=_parse(root, INDICATORS),
        files=_tracked(root),
    )
