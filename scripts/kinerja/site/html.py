"""Small HTML builders. Every string that can come from a submission passes through :func:`esc`.

Pages are Markdown files whose tables and badges are raw HTML blocks: Python-Markdown passes a
block-level HTML element through untouched, so text from a unit is never read as Markdown (no
link, table or emphasis syntax can be injected) once it is escaped here.
"""

from __future__ import annotations

import html
import math
import posixpath
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from kinerja.model.periods import MONTHS, SHORT_MONTHS

WIB = ZoneInfo("Asia/Jakarta")
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


def link(href: str, text: object, *, external: bool = False) -> str:
    """An anchor. External links must be http(s); anything else is shown as text only."""
    if external:
        if not _SAFE_URL.match(href):
            return esc(text)
        return f'<a href="{esc(href)}" rel="noopener noreferrer nofollow">{esc(text)}</a>'
    return f'<a href="{esc(href)}">{esc(text)}</a>'


def number(value: object, decimals: int = 2) -> str:
    """A number in Indonesian notation: 1.234,5 (thousands dot, decimal comma)."""
    if value is None:
        return "–"
    try:
        num = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return esc(value)
    if math.isnan(num):
        return "–"
    text = f"{num:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def when(moment: datetime | None, *, with_time: bool = True, short: bool = False) -> str:
    """A moment in WIB as an Indonesian date: 6 Oktober 2026 09.12 WIB (short: 6 Okt 2026 09.12)."""
    if moment is None:
        return "–"
    local = moment.astimezone(WIB)
    month = (SHORT_MONTHS if short else MONTHS)[local.month - 1]
    day = f"{local.day} {month} {local.year}"
    if not with_time:
        return day
    return f"{day} {local:%H.%M}" if short else f"{day} {local:%H.%M} WIB"


def day(value: date | str | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return esc(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


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
    return (
        f'<div class="kj-scroll" tabindex="0"><table{cls}>{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


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
