"""Strict YAML: the subset a civil servant can edit in a browser without surprises.

Built on libyaml's event stream (``CParser``), so parsing stays in C while we decide what each
scalar means. Compared to ``yaml.safe_load`` it:

* keeps the line and column of every value and key;
* rejects anchors, aliases and tags (no alias bombs, no object construction);
* rejects duplicate keys instead of silently keeping the last one;
* resolves plain scalars by the YAML 1.2 core schema only: ``no``/``on`` stay text, ``2026-10-05``
  stays the text the schema checks, ``1:30`` is not a sexagesimal number;
* bounds nesting depth (size is bounded by the caller before reading).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import yaml

from kinerja.findings import FindingList, Position
from kinerja.read.document import DataPath, Document

try:  # libyaml is part of PyYAML's wheels; the pure-Python parser is a slow fallback.
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]+")
_INT_OCT = re.compile(r"0o[0-7]+")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


#: Longer digit strings are not numbers anyone reports (and Python limits int() at 4,300).
MAX_DIGITS = 30

#: Characters libyaml refuses or reads as line breaks (YAML 1.1): found before parsing, so the
#: finding names the line instead of libyaml's character offset in English.
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


class _Stop(Exception):
    """Raised inside the builder to end reading at the first fatal problem."""


def resolve_plain(text: str) -> Any:
    """Resolve a plain (unquoted) scalar by the YAML 1.2 core schema, finite numbers only."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.fullmatch(text):
        # Python refuses to convert very long digit strings; no figure has that many digits, so
        # such a value stays text and the schema says it must be a number.
        return int(text) if len(text) <= MAX_DIGITS else text
    if _INT_OCT.fullmatch(text):
        return int(text[2:], 8)
    if _INT_HEX.fullmatch(text):
        return int(text[2:], 16)
    if _FLOAT.fullmatch(text):
        value = float(text)
        return value if math.isfinite(value) else text
    return text


def _pos(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


class _Builder:
    def __init__(self, doc: Document, findings: FindingList, max_depth: int) -> None:
        self.doc = doc
        self.findings = findings
        self.max_depth = max_depth

    def build(self, next_event: Callable[[], Any]) -> Any:
        next_event()  # StreamStart
        event = next_event()
        if isinstance(event, yaml.StreamEndEvent):
            return None
        value = self._node(next_event, next_event(), (), 0)
        next_event()  # DocumentEnd
        event = next_event()
        if not isinstance(event, yaml.StreamEndEvent):
            self.findings.add("yaml-multi-document", _pos(event.start_mark))
            raise _Stop
        return value

    def _check_node(self, event: Any) -> None:
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent):
            self.findings.add("yaml-alias", _pos(event.start_mark), name=event.anchor)
            raise _Stop
        if anchor is not None:
            self.findings.add("yaml-anchor", _pos(event.start_mark), name=anchor)
            raise _Stop
        tag = getattr(event, "tag", None)
        if tag is not None and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
            self.findings.add("yaml-tag", _pos(event.start_mark), tag=tag)
            raise _Stop

    # The hot loop of every YAML file: one call per value, so lookups are kept local and the
    # common case (no anchor, no tag) skips _check_node. AliasEvent always has an anchor.
    def _node(self, next_event: Callable[[], Any], event: Any, path: DataPath, depth: int) -> Any:
        if event.anchor is not None or event.tag is not None:
            self._check_node(event)
        mark = event.start_mark
        self.doc.positions[path] = Position(mark.line + 1, mark.column + 1)
        kind = type(event)
        if kind is _SCALAR:
            if not event.style and event.implicit[0]:  # plain style: None or ''
                return resolve_plain(event.value)
            return event.value
        if depth >= self.max_depth:
            self.findings.add("yaml-too-deep", _pos(mark), limit=self.max_depth)
            raise _Stop
        depth += 1
        if kind is _SEQUENCE_START:
            items: list[Any] = []
            while True:
                child = next_event()
                if type(child) is _SEQUENCE_END:
                    return items
                items.append(self._node(next_event, child, (*path, len(items)), depth))
        # MappingStartEvent
        mapping: dict[str, Any] = {}
        key_positions = self.doc.key_positions
        while True:
            key_event = next_event()
            if type(key_event) is _MAPPING_END:
                return mapping
            if type(key_event) is not _SCALAR:
                self._check_node(key_event)  # an alias as a key says so
                self.findings.add("yaml-complex-key", _pos(key_event.start_mark))
                raise _Stop
            if key_event.anchor is not None or key_event.tag is not None:
                self._check_node(key_event)
            key = key_event.value
            key_mark: Any = key_event.start_mark
            key_pos = Position(key_mark.line + 1, key_mark.column + 1)
            child_path = (*path, key)
            if key in mapping:
                first = key_positions.get(child_path, Position())
                self.findings.add(
                    "yaml-duplicate-key", key_pos, _render(child_path), key=key, first=first.line
                )
                raise _Stop
            key_positions[child_path] = key_pos
            mapping[key] = self._node(next_event, next_event(), child_path, depth)


_SCALAR = yaml.ScalarEvent
_SEQUENCE_START = yaml.SequenceStartEvent
_SEQUENCE_END = yaml.SequenceEndEvent
_MAPPING_END = yaml.MappingEndEvent


def _render(path: DataPath) -> str:
    from kinerja.findings import field_path

    return field_path(path)


def parse_yaml(text: str, path: str, *, max_depth: int = 20) -> Document:
    """Parse ``text`` strictly. Problems become findings on the returned document."""
    doc = Document(path=path, kind="yaml")
    findings = FindingList(path)
    bad = _UNREADABLE.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        findings.add(
            "text-control",
            Position(line, column),
            None,
            title=f"baris {line}",
            char=f"U+{ord(bad.group()):04X}",
        )
        doc.findings.extend(findings.items)
        return doc
    builder = _Builder(doc, findings, max_depth)
    parser = _Parser(text)
    try:
        doc.data = builder.build(parser.get_event)
    except _Stop:
        doc.data = None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = _pos(mark) if mark is not None else Position(1, 1)
        problem = str(exc.problem or exc.context or "")
        lines = text.splitlines()
        line_text = lines[pos.line - 1] if pos.line and pos.line <= len(lines) else ""
        if "nesting depth" in problem:
            findings.add("yaml-too-deep", pos, limit=max_depth)
        else:
            code = "yaml-tab" if "\t" in line_text or "tab" in problem else "yaml-syntax"
            findings.add(code, pos, problem=_problem_id(problem))
        doc.data = None
    except yaml.YAMLError:
        findings.add("yaml-syntax", Position(1, 1), problem="berkas tidak dapat diurai")
        doc.data = None
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()
    doc.findings.extend(findings.items)
    return doc


_PROBLEMS = (
    ("could not find expected ':'", "tanda titik dua (:) setelah nama isian tidak ditemukan"),
    ("did not find expected key", "indentasi tidak sejajar dengan isian di atasnya"),
    ("did not find expected '-' indicator", "butir daftar tidak sejajar (tanda '-')"),
    ("did not find expected ',' or ']'", "daftar [ ... ] tidak ditutup dengan ']'"),
    ("did not find expected ',' or '}'", "kelompok { ... } tidak ditutup dengan '}'"),
    ("found unexpected end of stream", "berkas berakhir sebelum tanda kutip atau kurung ditutup"),
    (
        "mapping values are not allowed here",
        "tanda titik dua (:) di tempat yang tidak semestinya; "
        "beri tanda kutip bila teksnya memang memuat ': '",
    ),
    (
        "found character that cannot start any token",
        "ada karakter yang tidak boleh mengawali "
        "nilai (mis. tab, @ atau `); beri tanda kutip pada nilainya",
    ),
    ("found undefined alias", "alias (*) tidak dikenal"),
    ("expected <block end>, but found", "indentasi tidak sejajar"),
    ("while scanning a quoted scalar", "tanda kutip tidak ditutup"),
    (
        "found unknown escape character",
        "garis miring terbalik (\\) tidak sah di dalam tanda "
        "kutip ganda; gunakan tanda kutip tunggal",
    ),
)


def _problem_id(problem: str) -> str:
    """libyaml's English problem, said in Indonesian (the code names the problem class)."""
    for english, indonesian in _PROBLEMS:
        if english in problem:
            return indonesian
    return "susunan YAML tidak dikenali"
