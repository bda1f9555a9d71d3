"""Bytes to text: UTF-8 only, with or without BOM, with a hint that an office worker can follow."""

from __future__ import annotations

from kinerja.codes import CSV_UTF8_HINT, TEXT_UTF8_HINT
from kinerja.findings import FindingList, Position

_BOM = b"\xef\xbb\xbf"


def decode_utf8(raw: bytes, findings: FindingList, *, kind: str) -> str | None:
    """Decode ``raw`` as UTF-8 (BOM allowed), or add a finding and return ``None``."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        findings.add("encoding-utf16", Position(1, 1), kind=kind, save_hint=_hint(kind))
        return None
    if b"\x00" in raw[:8192] or b"\x00" in raw[-8192:]:
        findings.add("file-binary", Position(1, 1), kind=kind)
        return None
    body = raw[len(_BOM) :] if raw.startswith(_BOM) else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        findings.add("encoding-not-utf8", Position(line, None), kind=kind, save_hint=_hint(kind))
        return None
    if "\x00" in text:
        findings.add("file-binary", Position(1, 1), kind=kind)
        return None
    return text


def _hint(kind: str) -> str:
    return CSV_UTF8_HINT if kind == "CSV" else TEXT_UTF8_HINT
