"""Small HTML builders. Every string that can come from a submission passes through :func:`esc`.

Pages are Markdown files whose tables and badges are raw HTML blocks: Python-Markdown passes a
block-level HTML element through untouched, so text from a unit is never read as Markdown (no
link, table or emphasis syntax can be injected) once it is escaped here.

One escaping path per layer:

* HTML text and attribute values (inside a raw HTML block): :func:`esc`;
* Markdown text (a heading, a sentence of a page's prose, an admonition): :func:`md_text`
  (from :mod:`kinerja.escape`, the one Markdown path, shared with the forge's issue bodies),
  and :func:`heading` for headings. Escaping HTML alone is not enough there:
  ``[x](javascript:...)`` has nothing to escape for HTML and becomes a link in Markdown;
* URLs: :func:`link` (http(s) only for anything from data).
"""

from __future__ import annotations

import html
import json
import math
import posixpath
import re
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache

from kinerja.escape import md_text
from kinerja.model.dates import WIB, day_text
from kinerja.model.dates import when_text as when

__all__ = [
    "WIB",
    "badge",
    "block",
    "day",
    "esc",
    "href",
    "link",
    "md_text",
    "number",
    "scroll_box",
    "table",
    "url_of",
    "when",
]
_SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$", re.IGNORECASE)


_SPECIAL = re.compile("[&<>\"']")


def esc(value: object) -> str:
    """Escape for HTML text and attribute values; ``None`` is empty.

    Most values (numbers, names) have nothing to escape: one regex search finds that faster
    than ``html.escape``'s five replacements, which matters at two million calls a build."""
    if value is None:
        return ""
    text = str(value)
    return html.escape(text, quote=True) if _SPECIAL.search(text) else text


def heading(level: int, text: object, *, attrs: str = "") -> str:
    """A Markdown heading whose text is data, escaped by :func:`md_text`. ``attrs`` is attr_list
    syntax written by the page module (an anchor id, a class), never data."""
    suffix = f" {{{attrs}}}" if attrs else ""
    return f"{'#' * level} {md_text(text)}{suffix}\n\n"


def page_top(title: object, *, hide: Sequence[str] = ("navigation",)) -> str:
    """Front matter and H1 of a page whose title is data (a unit, an indicator, an SOP).

    The H1 is escaped for Markdown (:func:`heading`). The page title (browser tab, header,
    search) is set in the front matter instead of being taken from the H1: MkDocs keeps the
    H1's HTML as ``page.title`` and Material writes ``page.title | striptags`` into <title>,
    and striptags also unescapes, so an escaped ``</title><script>`` would become markup again
    in any engine that uses Material's templates unchanged. ``meta.title`` is written as it
    is, so it carries HTML-escaped text, quoted for YAML by ``json.dumps`` (a JSON string is a
    YAML double-quoted scalar; the three characters YAML also reads as line breaks escaped)."""
    quoted = json.dumps(esc(" ".join(str(title).split())), ensure_ascii=False)
    for char in ("\u0085", "\u2028", "\u2029"):
        quoted = quoted.replace(char, f"\\u{ord(char):04x}")
    lines = ["---", f"title: {quoted}"]
    if hide:
        lines += ["hide:", *(f"  - {item}" for item in hide)]
    return "\n".join([*lines, "---", "", ""]) + heading(1, title)


def link(href: str, text: object, *, external: bool = False) -> str:
    """An anchor. External links must be http(s); anything else is shown as text only."""
    if external:
        if not _SAFE_URL.match(href):
            return esc(text)
        return f'<a href="{esc(href)}" rel="noopener noreferrer nofollow">{esc(text)}</a>'
    return f'<a href="{esc(href)}">{esc(text)}</a>'


def number(value: object, decimals: int = 2, *, trim: bool = False) -> str:
    """A number in Indonesian notation: 1.234,5 (thousands dot, decimal comma); ``–`` for a
    missing value (``None``, NaN, pandas' ``NA``).

    The one number formatter of the site: tables, chart labels, chart data tables and alt
    texts all go through it, so a figure reads the same wherever it is printed. ``trim`` drops
    trailing zeros (a written target, an axis tick: ``100`` rather than ``100,00``)."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return "–"
    try:
        num = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return esc(value)
    if math.isnan(num):
        return "–"
    text = f"{num:,.{decimals}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def day(value: date | str | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return esc(value)
    return day_text(value)


def badge(text: str, css: str) -> str:
    return f'<span class="kj-badge kj-{esc(css)}">{esc(text)}</span>'


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    caption: str | None = None,
    numeric: Iterable[int] = (),
    css: str = "",
) -> str:
    """A table from already-escaped cell HTML; headers are plain text (escaped here).

    The scroll box is focusable (``tabindex="0"``): a wide table scrolls inside it on a phone,
    and a keyboard user must be able to scroll it too (WCAG 2.1.1)."""
    right = set(numeric)
    head = " ".join(
        f'<th scope="col"{" class=kj-num" if i in right else ""}>{esc(h)}</th>'
        for i, h in enumerate(headers)
    )
    # A space between cells: the search index and text-mode readers would otherwise run
    # neighbouring cells together ("KeteranganIsi").
    body = "".join(
        "<tr>"
        + " ".join(
            f"<td{' class=kj-num' if i in right else ''}>{cell}</td>" for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    cls = f' class="kj-table {esc(css)}"' if css else ' class="kj-table"'
    return scroll_box(
        f"<table{cls}>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def scroll_box(table_html: str) -> str:
    """A table in the box that scrolls sideways on a narrow screen. A box without a link inside
    is made focusable (``tabindex="0"``) so that keyboard users can scroll it too (WCAG 2.1.1,
    axe ``scrollable-region-focusable``); with a link, tabbing to it scrolls the box already."""
    focus = "" if "<a " in table_html else ' tabindex="0"'
    return f'<div class="kj-scroll"{focus}>{table_html}</div>'


def block(markup: str) -> str:
    """Surround raw HTML with blank lines so Markdown treats it as one untouched block."""
    return f"\n\n{markup}\n\n"


def url_of(src_uri: str) -> str:
    """The directory URL MkDocs gives a page (``use_directory_urls``): a/b.md -> a/b/."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


@lru_cache(maxsize=1 << 16)
def href(from_src: str, to_src: str) -> str:
    """A relative link from one generated page (or file) to another, as the browser needs it.

    Cached: a regency's site asks for the same few thousand pairs hundreds of thousands of
    times (every unit and indicator link in every table)."""
    base = url_of(from_src)
    base_dir = base if base.endswith("/") or base == "" else posixpath.dirname(base) + "/"
    target = url_of(to_src)
    rel = posixpath.relpath("/" + target, "/" + (base_dir or ""))
    if (target == "" or target.endswith("/")) and not rel.endswith("/"):
        rel += "/"
    return "./" if rel in (".", "./") else rel
