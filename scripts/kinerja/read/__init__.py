"""Stage 1: read a file into data with source positions, or findings that say why not.

Nothing here raises on bad input: a hostile file yields a :class:`Document` whose ``data`` is
``None`` and whose findings name the problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kinerja.findings import FindingList, Position
from kinerja.read.csv_table import parse_csv
from kinerja.read.document import DataPath, Document
from kinerja.read.markdown import parse_markdown
from kinerja.read.text import decode_utf8
from kinerja.read.xlsx_table import parse_xlsx
from kinerja.read.yaml_strict import parse_yaml

__all__ = ["SUBMISSION_SUFFIXES", "DataPath", "Document", "Limits", "read_bytes", "read_file"]

SUBMISSION_SUFFIXES = (".yml", ".yaml", ".csv", ".xlsx")


@dataclass(frozen=True)
class Limits:
    """Reading limits; the defaults come from ``pengaturan.batas``."""

    max_bytes: int = 2048 * 1024
    max_depth: int = 20
    max_rows: int = 5000


def read_bytes(raw: bytes, path: str, limits: Limits) -> Document:
    """Read already-loaded content; ``path`` (repository-relative) picks the format."""
    suffix = Path(path).suffix.lower()
    if len(raw) > limits.max_bytes:
        doc = Document(path=path, kind=suffix.lstrip(".") or "unknown")
        FindingList(path, doc.findings).add(
            "file-too-large",
            Position(1, 1),
            size_kb=len(raw) // 1024,
            limit_kb=limits.max_bytes // 1024,
        )
        return doc
    if suffix in (".yml", ".yaml"):
        findings = FindingList(path)
        text = decode_utf8(raw, findings, kind="YAML")
        if text is None:
            return Document(path=path, kind="yaml", findings=findings.items)
        if not text.strip() or all(
            not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
        ):
            findings.add("file-empty", Position(1, 1))
            return Document(path=path, kind="yaml", findings=findings.items)
        return parse_yaml(text, path, max_depth=limits.max_depth)
    if suffix == ".csv":
        return parse_csv(raw, path, max_rows=limits.max_rows)
    if suffix == ".xlsx":
        return parse_xlsx(raw, path, max_rows=limits.max_rows, max_bytes=limits.max_bytes)
    if suffix == ".md":
        return parse_markdown(raw, path, max_depth=limits.max_depth)
    doc = Document(path=path, kind="unknown")
    FindingList(path, doc.findings).add("file-unknown-format", Position(1, 1), suffix=suffix)
    return doc


def read_file(root: Path, rel_path: str, limits: Limits) -> Document:
    """Read ``root / rel_path`` without following it outside ``root`` and within size limits."""
    full = root / rel_path
    try:
        size = full.stat().st_size
    except OSError:
        doc = Document(path=rel_path, kind="unknown")
        FindingList(rel_path, doc.findings).add("file-unreadable", Position(1, 1))
        return doc
    if size > limits.max_bytes:
        doc = Document(path=rel_path, kind=full.suffix.lstrip(".").lower())
        FindingList(rel_path, doc.findings).add(
            "file-too-large",
            Position(1, 1),
            size_kb=size // 1024,
            limit_kb=limits.max_bytes // 1024,
        )
        return doc
    return read_bytes(full.read_bytes(), rel_path, limits)
