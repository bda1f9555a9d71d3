"""Which paragraphs of a period's ``analisis.md`` discuss which indicator.

The rule, as the report states it to its readers:

1. The body is split into sections at its Markdown headings (``#`` ... ``######``).
2. A section whose heading names an indicator (its id, e.g. ``jumlah-lhp``, or its full name as
   in indikator.yml, case and spacing ignored) belongs to that indicator: every paragraph and list
   item under it, down to the next heading of the same or a higher level, is quoted under it.
3. Elsewhere, a paragraph or list item that names an indicator (id or full name) is quoted under
   each indicator it names.
4. Tables are not quoted (the report's figures come from the recap, never from prose), nor is
   anything inside a fenced code block; HTML comments are dropped.

Quotes keep the staff's words verbatim (Markdown as written); the writers escape them for their
own layer. Nothing is guessed from loose words such as "LHP": a paragraph that names no indicator
stays unquoted, and the report says where no analysis was written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = ["Quote", "quotes_by_indicator"]

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Quote:
    periode: str
    path: str
    heading: str | None  # the heading of the section the text sits in
    text: str


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


@dataclass
class _Block:
    headings: tuple[str, ...]  # outermost first
    text: str


def _blocks(body: str) -> list[_Block]:
    """Paragraphs and list items with the heading above them; tables and code dropped."""
    out: list[_Block] = []
    headings: list[tuple[int, str]] = []
    current: list[str] = []
    fenced = False

    def flush() -> None:
        text = "\n".join(current).strip()
        current.clear()
        if text:
            out.append(_Block(tuple(h for _, h in headings), text))

    for raw in _COMMENT.sub("", body).splitlines():
        line = raw.rstrip()
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            flush()
            fenced = not fenced
            continue
        if fenced:
            continue
        match = _HEADING.match(stripped)
        if match:
            flush()
            level = len(match[1])
            while headings and headings[-1][0] >= level:
                headings.pop()
            headings.append((level, match[2]))
            continue
        if not stripped or stripped.startswith("|"):
            flush()
            continue
        if re.match(r"^([-*+]|[0-9]+[.)])\s", stripped):
            flush()
        current.append(line)
    flush()
    return out


def _names(indicators: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(indicator id, normalised id, normalised name)."""
    return [(ident, ident.casefold(), _norm(name)) for ident, name in indicators.items()]


def _mentions(text: str, names: list[tuple[str, str, str]]) -> list[str]:
    low = _norm(text)
    found = []
    for ident, ident_low, name_low in names:
        by_id = re.search(rf"(?<![a-z0-9-]){re.escape(ident_low)}(?![a-z0-9-])", low)
        if by_id or (name_low and name_low in low):
            found.append(ident)
    return found


def quotes_by_indicator(
    analyses: Iterable[tuple[str, str, str]], indicators: Mapping[str, str]
) -> dict[str, list[Quote]]:
    """``analyses``: (period id, path, Markdown body), in time order; ``indicators``: id -> name.

    Returns indicator id -> its quotes, in the order of the analyses and of the text."""
    names = _names(indicators)
    out: dict[str, list[Quote]] = {}
    for periode, path, body in analyses:
        for block in _blocks(body):
            owners: list[str] = []
            for heading in reversed(block.headings):
                owners = _mentions(heading, names)
                if owners:
                    break
            targets = owners or _mentions(block.text, names)
            last = block.headings[-1] if block.headings else None
            for ident in dict.fromkeys(targets):
                out.setdefault(ident, []).append(Quote(periode, path, last, block.text))
    return out
