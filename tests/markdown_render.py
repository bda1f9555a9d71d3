"""Forge Markdown as a reader sees it: rendered by Python-Markdown (the package MkDocs already
depends on), with GitHub-flavoured tables, then read back as elements and decoded text.

A stand-in for the forges' renderers (cmark-gfm, goldmark): all of them read numeric character
references as the character and split table cells on a literal ``|`` only, and they recognise
``@login`` and ``#123`` in the decoded text after rendering. :func:`active` lists what a body
would do beyond showing text: links and their targets, raw HTML elements, code spans, headings,
mentions and issue references.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown

#: What GitHub and Forgejo turn into a mention or a reference in rendered text (outside code).
MENTION = re.compile(r"(?<![\w@/`])@[A-Za-z0-9][A-Za-z0-9_.-]*")
REFERENCE = re.compile(r"(?<![\w&/])(?:[\w.-]+/[\w.-]+)?#\d+")


@dataclass
class Rendered:
    html: str
    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    text: str = ""  # decoded text outside code spans
    code: list[str] = field(default_factory=list)  # decoded text of code spans
    rows: list[int] = field(default_factory=list)  # cells per table row

    @property
    def mentions(self) -> list[str]:
        return MENTION.findall(self.text)

    @property
    def references(self) -> list[str]:
        return REFERENCE.findall(self.text)

    def elements(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.tags if tag == name]


class _Reader(HTMLParser):
    def __init__(self, out: Rendered) -> None:
        super().__init__(convert_charrefs=True)
        self.out = out
        self.in_code = 0
        self.cells = -1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.tags.append((tag, dict(attrs)))
        if tag == "code":
            self.in_code += 1
            self.out.code.append("")
        elif tag == "tr":
            self.cells = 0
        elif tag in ("td", "th"):
            self.cells += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "code":
            self.in_code -= 1
        elif tag == "tr":
            self.out.rows.append(self.cells)
        if tag in ("p", "li", "td", "th", "tr", "h1", "h2", "h3", "br"):
            self.out.text += "\n"

    def handle_data(self, data: str) -> None:
        if self.in_code:
            self.out.code[-1] += data
        else:
            self.out.text += data


def render(body: str) -> Rendered:
    html = markdown.markdown(body, extensions=["tables"], output_format="html")
    out = Rendered(html)
    _Reader(out).feed(html)
    return out


def shown(body: str) -> str:
    """The decoded text a reader sees (code spans included, in place), one line per block."""
    html = markdown.markdown(body, extensions=["tables"], output_format="html")
    parts: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            parts.append(data)

        def handle_endtag(self, tag: str) -> None:
            if tag in ("p", "li", "td", "th", "tr", "h1", "h2", "h3"):
                parts.append("\n")

    reader = Text(convert_charrefs=True)
    reader.feed(html)
    return "".join(parts).replace("\u2060", "")
