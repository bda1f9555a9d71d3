"""The period's analysis: Markdown with an optional strict-YAML front matter."""

from __future__ import annotations

from kinerja.findings import FindingList, Position
from kinerja.read.document import Document
from kinerja.read.text import decode_utf8
from kinerja.read.yaml_strict import parse_yaml


def parse_markdown(raw: bytes, path: str, *, max_depth: int) -> Document:
    findings = FindingList(path)
    text = decode_utf8(raw, findings, kind="Markdown")
    doc = Document(path=path, kind="markdown")
    if text is None:
        doc.findings.extend(findings.items)
        return doc
    front: object = {}
    body = text
    lines = text.splitlines(keepends=True)
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is None:
            findings.add("markdown-front-matter", Position(1, 1))
        else:
            header = parse_yaml("\n" + "".join(lines[1:end]), path, max_depth=max_depth)
            doc.findings.extend(header.findings)
            front = header.data if header.data is not None else {}
            doc.positions.update(header.positions)
            doc.key_positions.update(header.key_positions)
            body = "".join(lines[end + 1 :])
    if not body.strip():
        findings.add("file-empty", Position(1, 1))
    doc.data = {"front": front, "body": body}
    doc.findings.extend(findings.items)
    return doc
