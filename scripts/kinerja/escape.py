"""Markdown escaping for values from data, Git or the forge: one path, below every layer.

Both the site's pages (``kinerja.site``) and the forge's issue and comment bodies
(``kinerja.forge``) write Markdown, and both carry values nobody here wrote: names from
``organisasi.yml`` and ``indikator.yml``, file names, pull request titles, forge logins. Each
such value enters Markdown through this module:

* prose (a heading, a sentence, a table cell, a link's text): :func:`md_text`;
* a code span (an id, a path, shown in monospace): :func:`md_code`;
* a link whose address is data: :func:`md_link` (http(s) only, else the text alone);
* a forge handle mentioned on purpose: :func:`mention` (a valid login, else shown inert).

HTML text and attributes have their own path (``kinerja.site.html.esc``), as do commit
messages (``kinerja.forge.message``).
"""

from __future__ import annotations

import re
import urllib.parse

__all__ = ["is_handle", "md_code", "md_in_code_block", "md_link", "md_text", "mention"]

#: Markdown text: every ASCII punctuation character becomes a numeric character reference, so
#: that no Markdown, extension (attr_list ``{...}``, admonition, tables, pymdownx) or HTML syntax
#: can start in a data value; control characters and line breaks become spaces (a line break
#: would end a heading or a table row and start a new block). Letters, digits and non-ASCII text
#: are kept. CommonMark, GitHub (cmark-gfm), Forgejo/Gitea (goldmark) and Python-Markdown all
#: read numeric references as the character, and split table cells on a literal ``|`` only.
_LINE_BREAKS = (*range(0, 32), 127, 133, 8232, 8233)
_MD_TABLE = {
    **{ord(ch): f"&#{ord(ch)};" for ch in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"},
    **dict.fromkeys(_LINE_BREAKS, " "),
}
#: A forge turns ``@login`` into a mention (a notification) and ``#123`` or ``owner/repo#1``
#: into a reference *after* rendering, in the decoded text, so a character reference alone does
#: not stop them. A WORD JOINER (U+2060, invisible, no line break) after the sign does.
_WORD_JOINER = "\u2060"
_FORGE_TABLE = {
    **_MD_TABLE,
    ord("@"): f"&#64;{_WORD_JOINER}",
    ord("#"): f"&#35;{_WORD_JOINER}",
}
#: A login both forges accept: GitHub letters, digits and single hyphens; Gitea/Forgejo also
#: ``_`` and ``.`` (not first or last).
_HANDLE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,38}[A-Za-z0-9])?")
_NO_BREAKS = dict.fromkeys(_LINE_BREAKS, " ")
_SAFE_URL = re.compile(r"https?://[^\s\"'<>\\`]+", re.IGNORECASE)


def md_text(value: object, *, forge: bool = False) -> str:
    """Escape a value for Markdown inline text (and the HTML it becomes): shown literally.

    Used for every value from data, Git or the forge that enters Markdown outside a raw HTML
    block or a code span: headings, prose lines, admonition bodies, table cells, link texts.
    With ``forge`` (issue and comment bodies) an ``@`` or ``#`` in the value can mention nobody
    and reference nothing either. ``None`` is empty."""
    if value is None:
        return ""
    return str(value).translate(_FORGE_TABLE if forge else _MD_TABLE)


def md_code(value: object) -> str:
    """A code span showing ``value`` literally: nothing inside is Markdown, HTML, a mention or
    a reference. The fence is one backtick longer than the longest run of backticks in the
    value (CommonMark), padded with a space when the value starts or ends with one."""
    text = str("" if value is None else value).translate(_NO_BREAKS)
    runs = [len(run) for run in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) or not text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


#: Text inside a fenced code block: shown as typed, so nothing is escaped, but a backtick or
#: tilde could end the fence and a line break would start a new line.
_CODE_BLOCK_TABLE = {
    ord("`"): "'",
    ord("~"): "-",
    **dict.fromkeys((*range(0, 32), 127, 133, 8232, 8233), " "),
}


def md_in_code_block(value: object) -> str:
    """A value on one line of a fenced code block (a YAML example in a guide): kept on its
    line, unable to close the block. ``None`` is empty."""
    if value is None:
        return ""
    return str(value).translate(_CODE_BLOCK_TABLE)


def md_link(text: object, url: str | None, *, forge: bool = False) -> str:
    """A Markdown link whose address comes from data or configuration: http(s) only, with the
    characters that could end or bend the destination percent-encoded; anything else (a
    ``javascript:`` or relative address, ``None``) gives the escaped text without a link."""
    label = md_text(text, forge=forge)
    if not url or not _SAFE_URL.fullmatch(url):
        return label
    return f"[{label}]({urllib.parse.quote(url, safe=_URL_SAFE)})"


#: Kept as they are in a link destination: RFC 3986 reserved and unreserved characters, and
#: ``%`` (already encoded). Parentheses, brackets, ``*`` and ``_`` are encoded.
_URL_SAFE = ":/?#@!$&'+,;=%~-."


def is_handle(value: str) -> bool:
    """Whether ``value`` is a forge login (so ``@value`` mentions exactly that account)."""
    return bool(_HANDLE.fullmatch(value))


def mention(handle: str) -> str:
    """``@handle`` when the code means to mention a forge account and ``handle`` is a login
    (as the forge spells it, without ``@``); anything else is shown as escaped text that
    mentions nobody."""
    if is_handle(handle):
        return f"@{handle}"
    return md_text(handle, forge=True)
