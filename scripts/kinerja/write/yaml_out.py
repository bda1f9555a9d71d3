"""A small YAML emitter for the files people edit: predictable layout, safe quoting, fast.

PyYAML's emitter quotes by YAML 1.1 rules (so ``1e5`` would be written plain and read back by
our YAML 1.2 reader as a number), indents lists flush with their key and is slow in pure Python.
The files we write have a simple shape (mappings, lists, scalars), so a purpose-built emitter
gives the layout of docs/dev/data-contract.md: two-space indents, short lists of ids in flow
style, dates in double quotes, long text folded at word boundaries, and every string quoted
whenever a reader could take it for anything but that string.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from kinerja.read.yaml_strict import resolve_plain

#: Where long text is folded (the project's line length is 100).
WIDTH = 96
#: A list of scalars up to this length stays on one line: ``indikator: [jumlah-lhp, ...]``.
FLOW_WIDTH = 88

_DATE_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?$")
_NUMBER_LIKE = re.compile(r"^[-+]?(\d[\d_,.:]*|\.\d.*)([eE][-+]?\d+)?$|^0[xob][0-9a-fA-F_]+$")
_YAML11_WORDS = frozenset(
    {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "=", "<<"}
)
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_BREAKERS = frozenset(",[]{}")
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


@lru_cache(maxsize=1 << 16)  # ids, names and units repeat across thousands of files
def _plain_ok(text: str, *, flow: bool = False) -> bool:
    """Whether ``text`` can be written unquoted and read back as exactly that string."""
    if not text or text != text.strip() or _UNPRINTABLE.search(text):
        return False
    if text[0] in _INDICATORS or ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and any(ch in _FLOW_BREAKERS for ch in text):
        return False
    if text.lower() in _YAML11_WORDS or _DATE_LIKE.match(text) or _NUMBER_LIKE.match(text):
        return False
    return resolve_plain(text) == text and isinstance(resolve_plain(text), str)


#: Characters YAML does not allow raw in a stream (or reads as line breaks): escaped instead.
_NOT_PRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def quote(text: str) -> str:
    """A double-quoted YAML scalar (JSON string syntax is valid YAML), non-ASCII kept readable.

    A lone surrogate (which no UTF-8 file can hold) raises ``ValueError``.
    """
    if _SURROGATE.search(text):
        raise ValueError("text with a lone surrogate cannot be written as UTF-8")
    quoted = json.dumps(text, ensure_ascii=False)
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", quoted)


def scalar(value: Any, *, flow: bool = False) -> str:
    """One scalar as YAML text on a single line."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write a non-finite number: {value!r}")
        return repr(value)
    text = str(value)
    return text if _plain_ok(text, flow=flow) else quote(text)


def _foldable(text: str) -> bool:
    return (
        "\n" not in text
        and "  " not in text
        and text == text.strip()
        and not _UNPRINTABLE.search(text)
        and "\t" not in text
    )


def _fold(text: str, indent: int) -> list[str]:
    """Words of ``text`` in lines that fit beside ``indent`` (a ``>-`` block scalar body)."""
    room = max(40, WIDTH - indent)
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > room:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return [" " * indent + line for line in lines]


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _value_lines(prefix: str, value: Any, indent: int) -> list[str]:
    """``prefix`` is ``"key:"`` or ``"-"`` already indented; ``indent`` is the child indent."""
    if _is_scalar(value):
        text = scalar(value)
        if len(prefix) + 1 + len(text) > WIDTH and isinstance(value, str) and _foldable(value):
            return [f"{prefix} >-", *_fold(value, indent)]
        return [f"{prefix} {text}" if text else prefix]
    if isinstance(value, Mapping):
        if not value:
            return [f"{prefix} {{}}"]
        return [prefix, *_mapping_lines(value, indent)]
    if isinstance(value, Sequence):
        if not value:
            return [f"{prefix} []"]
        if all(_is_scalar(v) and v is not None for v in value):
            flow = "[" + ", ".join(scalar(v, flow=True) for v in value) + "]"
            if len(prefix) + 1 + len(flow) <= FLOW_WIDTH:
                return [f"{prefix} {flow}"]
        return [prefix, *_sequence_lines(value, indent)]
    raise TypeError(f"cannot write {type(value).__name__} as YAML")


def _key(key: Any) -> str:
    text = str(key)
    return text if _plain_ok(text) else quote(text)


def _mapping_lines(data: Mapping[str, Any], indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for key, value in data.items():
        lines += _value_lines(f"{pad}{_key(key)}:", value, indent + 2)
    return lines


def _sequence_lines(items: Iterable[Any], indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for item in items:
        if isinstance(item, Mapping) and item:
            inner = _mapping_lines(item, indent + 2)
            first = inner[0][indent + 2 :]
            lines.append(f"{pad}- {first}")
            lines += inner[1:]
        else:
            lines += _value_lines(f"{pad}-", item, indent + 2)
    return lines


def dump(data: Mapping[str, Any], *, header: str | None = None, spaced: bool = False) -> str:
    """``data`` as a YAML document; ``header`` becomes ``#`` comment lines at the top.

    ``spaced`` puts a blank line before each top-level key whose value is a block (a list or a
    mapping written over several lines), which makes long files easier to scan.
    """
    out: list[str] = []
    if header:
        out += [f"# {line}".rstrip() for line in header.splitlines()]
        out.append("")
    for key, value in data.items():
        lines = _value_lines(f"{_key(key)}:", value, 2)
        if spaced and len(lines) > 1 and out and out[-1] != "":
            out.append("")
        out += lines
    return "\n".join(out) + "\n"


def ordered(data: Mapping[str, Any], order: Sequence[str]) -> dict[str, Any]:
    """``data`` with the keys of ``order`` first, in that order, then any others as given."""
    out = {key: data[key] for key in order if key in data}
    out.update((key, value) for key, value in data.items() if key not in out)
    return out
