"""Markdown written by people (the period's analysis) rendered to HTML that cannot run script.

Raw HTML in the text is not HTML: Python-Markdown's block and inline HTML handling is switched
off, so ``<b>`` or ``</td></tr></table>`` is shown as the characters typed and can never open or
close an element of the page (a table of the analysis keeps its cells). The rendered HTML is
then cleaned by ammonia (``nh3``): only ordinary document tags survive and links keep only
http(s) and in-page targets. Escaping alone would not do: Markdown's own link syntax can carry
``javascript:`` URLs.
"""

from __future__ import annotations

import markdown
import nh3
from markdown.extensions import Extension

TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "b",
    "i",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "sup",
    "sub",
}


class _EscapeRawHtml(Extension):  # type: ignore[misc]  # Markdown ships no type hints
    """Treat raw HTML as text: Markdown escapes it like any other ``<`` and ``&``."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


def render(text: str) -> str:
    # Headings are shifted one level down: the page owns the only h1.
    html = markdown.markdown(
        text, extensions=["tables", "sane_lists", _EscapeRawHtml()], output_format="html"
    )
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return nh3.clean(
        html,
        tags=TAGS,
        attributes={"a": {"href", "title"}, "th": {"align"}, "td": {"align"}},
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer nofollow",
    )
