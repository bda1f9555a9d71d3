"""The HTML helpers every page is built from: escaping and relative links.

Both are on the hot path of a regency-scale build and have fast paths (a regex pre-check in
``esc``, a cache on ``href``); these properties hold the fast paths to the plain definitions.
"""

from __future__ import annotations

import html
import posixpath

from hypothesis import given
from hypothesis import strategies as st

from kinerja.site.html import esc, href, url_of

PAGES = st.sampled_from(
    [
        "index.md",
        "status.md",
        "periode/index.md",
        "periode/2026-q4.md",
        "unit/irban-1.md",
        "unduh/index.md",
        "unduh/rekap.xlsx",
        "grafik/unit-irban-1.svg",
        "panduan/staf-unit.md",
    ]
)


@given(st.one_of(st.text(), st.integers(), st.floats(allow_nan=True), st.none(), st.booleans()))
def test_esc_is_html_escape(value: object) -> None:
    assert esc(value) == ("" if value is None else html.escape(str(value), quote=True))


@given(PAGES, PAGES)
def test_href_resolves_to_its_target(here: str, target: str) -> None:
    link = href(here, target)
    assert link == href.__wrapped__(here, target)  # the cache serves what it computed
    base = url_of(here)
    folder = base if base.endswith("/") or base == "" else posixpath.dirname(base) + "/"
    resolved = posixpath.normpath(posixpath.join("/" + folder, link)).lstrip("/")
    assert resolved == url_of(target).rstrip("/") or (link == "./" and not url_of(target))
