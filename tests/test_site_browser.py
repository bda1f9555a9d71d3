"""The published site in a real browser: no outside request, no injection, accessible, printable.

Each site is built once per session (see :mod:`browser`) and served from 127.0.0.1; Debian's
chromium opens it through playwright. The requirements (DESIGN.md section 7):

* the site makes no request outside itself (every page type, and the search);
* every string from a submission is escaped wherever it is shown; links must be http(s);
* axe-core finds no serious or critical accessibility violation, and the status matrix works
  from the keyboard;
* a period page prints on A4 with its lembar disposisi and without the site's menus.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pytest

from browser import (
    FAILING_IMPACTS,
    MISSING_PATH,
    PAGE_TYPES,
    PROBE_JS,
    BuildError,
    PageScan,
    Payloads,
    RequestLog,
    StaticServer,
    all_pages,
    axe_violations,
    build_demo_site,
    build_hostile_repo_site,
    build_payload_site,
    chromium_problem,
    describe_violations,
    page_urls,
    pdf_pages,
    pdf_text,
    remote_references,
    serving,
    shared,
    shared_build,
)

pytestmark = pytest.mark.browser

#: Page loads wait for the network to settle (the search index loads in a worker).
LOAD_TIMEOUT_MS = 60_000
VIEWPORT = {"width": 1280, "height": 900}


# -- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo repository's built ``site/`` (``kinerja demo`` + ``mkdocs build --strict``)."""
    return shared_build(tmp_path_factory, "demo", build_demo_site) / "site"


@pytest.fixture(scope="session")
def payload_site(tmp_path_factory: pytest.TempPathFactory, demo_site: Path) -> Path:
    """Pages of the demo snapshot with payloads injected after validation."""
    demo_root = demo_site.parent
    return (
        shared_build(tmp_path_factory, "payload", lambda dest: build_payload_site(dest, demo_root))
        / "site"
    )


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tracker whose files and merge trailers carry payloads, built the normal way."""
    return shared_build(tmp_path_factory, "hostile", build_hostile_repo_site) / "site"


@pytest.fixture(scope="session")
def demo_server(demo_site: Path) -> Iterator[StaticServer]:
    with serving(demo_site) as server:
        yield server


@pytest.fixture(scope="session")
def demo_urls(demo_site: Path) -> dict[str, str]:
    return page_urls(demo_site)


class Visit:
    """One browser context on a served site: its page, its requests, dialogs and errors."""

    def __init__(self, browser: Any, server: StaticServer) -> None:
        self.server = server
        self.context = browser.new_context(viewport=VIEWPORT, locale="id-ID")
        self.context.set_default_timeout(LOAD_TIMEOUT_MS)
        self.context.add_init_script("window.__xss = 0;")
        self.requests = RequestLog(server.origin).attach(self.context)
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def open(self, path: str) -> int:
        """Load ``path`` and wait until the network is idle; returns the HTTP status."""
        response = self.page.goto(self.server.url(path), wait_until="networkidle")
        return response.status if response is not None else 0

    def search(self, term: str) -> int:
        """Type ``term`` in the search box of the open page; returns the number of results."""
        self.page.locator("input.md-search__input").click()
        # Typed key by key: the theme searches on key events, which fill() does not send.
        self.page.keyboard.type(term, delay=50)
        self.page.wait_for_selector(".md-search-result__item", timeout=LOAD_TIMEOUT_MS)
        self.page.wait_for_load_state("networkidle")
        count: int = self.page.locator(".md-search-result__item").count()
        return count

    def close(self) -> None:
        self.context.close()


@contextlib.contextmanager
def visiting(browser: Any, server: StaticServer) -> Iterator[Visit]:
    visit = Visit(browser, server)
    try:
        yield visit
    finally:
        visit.close()


def test_chromium_is_installed() -> None:
    """Debian's chromium must be there: the browser tests fail rather than skip without it."""
    assert chromium_problem() is None, chromium_problem()


# -- no request leaves the site ------------------------------------------------------------------


@dataclass
class PageReport:
    """One load of a page type of the demo site: what the request, accessibility and language
    tests look at (each page is loaded once per session)."""

    path: str
    status: int
    headings: list[str]
    outside: list[str]
    failures: list[tuple[str, int]]
    errors: list[str]
    violations: list[dict[str, Any]]  # serious and critical only


@pytest.fixture(scope="session")
def demo_page(
    tmp_path_factory: pytest.TempPathFactory,
    chromium: Any,
    demo_server: StaticServer,
    demo_urls: dict[str, str],
) -> Callable[[str], PageReport]:
    """Load a page type once per session (across xdist workers too) and report on it."""

    def visit_page(kind: str) -> dict[str, Any]:
        with visiting(chromium, demo_server) as visit:
            status = visit.open(demo_urls[kind])
            headings = visit.page.locator("h1").all_inner_texts()
            violations = [v for v in axe_violations(visit.page) if v["impact"] in FAILING_IMPACTS]
            return asdict(
                PageReport(
                    path=demo_urls[kind],
                    status=status,
                    headings=headings,
                    outside=visit.requests.outside(),
                    failures=list(visit.requests.failures),
                    errors=list(visit.errors),
                    violations=violations,
                )
            )

    def load(kind: str) -> PageReport:
        data = shared(tmp_path_factory, f"page-{kind}", lambda _folder: visit_page(kind))
        return PageReport(**data)

    return load


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_makes_no_request_outside_the_site(
    kind: str, demo_page: Callable[[str], PageReport]
) -> None:
    page = demo_page(kind)
    assert page.status == (404 if kind == "404" else 200)
    assert page.headings, "the page has no heading"
    assert page.outside == [], f"{kind}: requests outside the site"
    failed = [f for f in page.failures if not f[0].endswith(MISSING_PATH)]
    assert failed == [], f"{kind}: requests for files the site does not have"
    assert page.errors == [], f"{kind}: script errors"


def test_404_page_speaks_indonesian(demo_page: Callable[[str], PageReport]) -> None:
    headings = demo_page("404").headings
    assert headings and all("not found" not in h.lower() for h in headings), headings


#: The menu tab marked on a page of each type: a page of one period, unit, indicator or SOP is
#: not in the menu, and marks the tab of its section.
MENU_TAB = {
    "beranda": "Beranda",
    "status": "Status",
    "periode-indeks": "Periode",
    "periode": "Periode",
    "unit-indeks": "Unit",
    "unit": "Unit",
    "indikator-indeks": "Indikator",
    "indikator": "Indikator",
    "sop-indeks": "SOP",
    "sop": "SOP",
    "evaluasi-sop": "SOP",
    "riwayat": "Riwayat",
    "unduh": "Unduh",
    "kamus-data": "Unduh",
    "laporan-indeks": "Laporan",
    "laporan": "Laporan",
    "organisasi": "Organisasi",
    "panduan-indeks": "Panduan",
    "panduan": "Panduan",
}
_ACTIVE_TAB = re.compile(
    r'<li class="md-tabs__item md-tabs__item--active">\s*<a [^>]*class="md-tabs__link">\s*'
    r"([^<]+?)\s*</a>"
)


def test_every_page_marks_its_menu_tab(demo_site: Path, demo_urls: dict[str, str]) -> None:
    assert set(MENU_TAB) == set(PAGE_TYPES) - {"404"}
    marked = {}
    for kind in PAGE_TYPES:
        page = "404.html" if kind == "404" else f"{demo_urls[kind]}index.html".lstrip("/")
        marked[kind] = _ACTIVE_TAB.findall((demo_site / page).read_text("utf-8"))
    assert marked == {**{k: [v] for k, v in MENU_TAB.items()}, "404": []}


def test_search_makes_no_request_outside_the_site(chromium: Any, demo_server: StaticServer) -> None:
    with visiting(chromium, demo_server) as visit:
        visit.open("/")
        assert visit.search("LHP") > 0, "the search found nothing for 'LHP'"
        assert visit.requests.outside() == []
        assert visit.requests.failures == []
        assert any(u.endswith("search_index.json") for u in visit.requests.urls), (
            "the search index was not loaded from the site"
        )


#: Addresses in the theme's JavaScript that it fetches only under a condition this site does
#: not meet; each condition is checked below. Anything else fails.
THEME_CONDITIONAL_FETCHES = {
    "https://api.github.com/": "facts of the source repository; only with repo_url",
    "https://${e}/api/v4/": "facts of a GitLab repository; only with repo_url",
    "https://unpkg.com/mermaid@": "Mermaid; only when a page has a diagram",
    "https://unpkg.com/resize-observer-polyfill": "only in browsers without ResizeObserver "
    "(before 2020: Chrome 64, Firefox 69, Safari 13.1)",
}


def _unexpected_remote(site: Path) -> dict[str, list[str]]:
    found = remote_references(site)
    out = {}
    for path, urls in found.items():
        theme = path.startswith("assets/javascripts/")
        left = [u for u in urls if not (theme and u.startswith(tuple(THEME_CONDITIONAL_FETCHES)))]
        if left:
            out[path] = left
    return out


@pytest.mark.parametrize("which", ["demo_site", "payload_site", "hostile_site"])
def test_built_files_fetch_nothing_from_outside(which: str, request: pytest.FixtureRequest) -> None:
    """Every HTML, CSS, JS and SVG file: no src, stylesheet, icon, @import or url() elsewhere
    (links to outside, ``<a href>``, are fine)."""
    site: Path = request.getfixturevalue(which)
    assert _unexpected_remote(site) == {}
    pages = [p.read_text("utf-8") for p in site.rglob("*.html")]
    assert not any('data-md-component="source"' in text for text in pages), (
        "repo_url is set: the theme would fetch repository facts from the forge's API"
    )
    assert not any('class="mermaid"' in text for text in pages), (
        "a Mermaid diagram: the theme would load Mermaid from unpkg.com"
    )


def test_static_check_catches_outside_references(tmp_path: Path) -> None:
    """The static check must be able to fail: plant each kind of outside reference."""
    (tmp_path / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "a.html").write_text(
        '<link rel="stylesheet" href="https://cdn.example.com/x.css">'
        '<link rel="icon" href="//cdn.example.com/i.png"><img src="http://x.example.com/i.png">'
        '<a href="https://example.go.id/">boleh</a><div style="background:url(https://e.x/i)">'
        '</div><script>fetch("https://api.example.com/v1")</script>',
        "utf-8",
    )
    (tmp_path / "b.css").write_text(
        '@import "https://fonts.example.com/f.css"; a{background:url(data:image/png;base64,x)}'
        " b{background:url('https://img.example.com/b.png')}",
        "utf-8",
    )
    (tmp_path / "c.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://e.example.com/p.png"/></svg>',
        "utf-8",
    )
    (tmp_path / "assets" / "javascripts" / "t.js").write_text(
        '/* https://licence.example.com */ x="https://unpkg.com/mermaid@11/m.js";'
        'y="https://unpkg.com/other"',
        "utf-8",
    )
    found = _unexpected_remote(tmp_path)
    assert len(found["a.html"]) == 5
    assert len(found["b.css"]) == 2
    assert found["c.svg"] == ["<image href=https://e.example.com/p.png>"]
    assert found["assets/javascripts/t.js"] == ["https://unpkg.com/other"]


# -- escaping: nothing a unit writes runs ---------------------------------------------------------


def _scan(browser: Any, site: Path, marker: str, search: str) -> dict[str, PageScan]:
    """Load every page of a site (not the hand-written Panduan) and probe it; also the search
    results for ``search``."""
    scans = {}
    with serving(site) as server, visiting(browser, server) as visit:
        for path in [*all_pages(site, skip=("/panduan/",)), "search"]:
            visit.dialogs.clear()
            visit.errors.clear()
            if path == "search":
                status = visit.open("/")
                visit.search(search)
            else:
                status = visit.open(path)
            found = visit.page.evaluate(PROBE_JS, marker)
            scans[path] = PageScan(
                path=path,
                status=status,
                dialogs=list(visit.dialogs),
                errors=list(visit.errors),
                **found,
            )
        assert visit.requests.outside() == [], "a payload made the browser fetch from outside"
    return scans


def _shared_scan(
    factory: pytest.TempPathFactory, name: str, browser: Any, site: Path, search: str
) -> dict[str, PageScan]:
    marker = Payloads.load().visible
    found = shared(
        factory,
        f"scan-{name}",
        lambda _folder: {p: asdict(s) for p, s in _scan(browser, site, marker, search).items()},
    )
    return {path: PageScan(**data) for path, data in found.items()}


@pytest.fixture(scope="session")
def payload_scan(
    tmp_path_factory: pytest.TempPathFactory, chromium: Any, payload_site: Path
) -> dict[str, PageScan]:
    return _shared_scan(tmp_path_factory, "payload", chromium, payload_site, "onerror")


@pytest.fixture(scope="session")
def hostile_scan(
    tmp_path_factory: pytest.TempPathFactory, chromium: Any, hostile_site: Path
) -> dict[str, PageScan]:
    return _shared_scan(tmp_path_factory, "hostile", chromium, hostile_site, "irban")


@pytest.fixture(params=["payload", "hostile"])
def scan(request: pytest.FixtureRequest) -> dict[str, PageScan]:
    """Both injection sites: payloads after validation, and payloads through validation."""
    return request.getfixturevalue(f"{request.param}_scan")  # type: ignore[no-any-return]


def _problems(scan: dict[str, PageScan], attribute: str) -> dict[str, Any]:
    return {path: getattr(s, attribute) for path, s in scan.items() if getattr(s, attribute)}


def test_probe_catches_a_planted_injection(chromium: Any, tmp_path: Path) -> None:
    """The injection checks must be able to fail: a page that shows payloads unescaped."""
    payloads = Payloads.load()
    cells = "".join(f"<tr><td>{text}</td><td>x</td></tr>" for text in payloads.text)
    (tmp_path / "index.html").write_text(
        "<!doctype html><html><body><h1>x</h1>"
        f'<a href="{payloads.links[0]}">tautan</a>'
        f"<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody>{cells}</tbody></table>"
        "</body></html>",
        "utf-8",
    )
    with serving(tmp_path) as server, visiting(chromium, server) as visit:
        visit.open("/")
        found = PageScan(
            path="/",
            status=200,
            dialogs=visit.dialogs,
            errors=visit.errors,
            **visit.page.evaluate(PROBE_JS, payloads.visible),
        )
        outside = visit.requests.outside()
    assert found.dialogs and found.xss > 0
    assert found.injected and found.handlers and found.links and found.scripts
    assert found.broken_tables(analysis=False)
    assert not found.visible
    assert outside == ["https://evil.example.com/x.js"]


def test_request_log_catches_an_outside_request(chromium: Any, tmp_path: Path) -> None:
    """The request check must be able to fail: a stylesheet and an image from elsewhere."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><head><link rel="stylesheet" href="https://cdn.example.com/a.css">'
        '</head><body><h1>x</h1><img src="//img.example.com/b.png" alt="b">'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="c"></body></html>',
        "utf-8",
    )
    with serving(tmp_path) as server, visiting(chromium, server) as visit:
        visit.open("/")
        assert visit.requests.outside() == [
            "http://img.example.com/b.png",  # scheme-relative: the page's http
            "https://cdn.example.com/a.css",
        ]


def test_no_injected_script_runs(scan: dict[str, PageScan]) -> None:
    assert len(scan) > 5
    assert _problems(scan, "dialogs") == {}
    assert {path: s.xss for path, s in scan.items() if s.xss != 0} == {}


def test_no_injected_element_handler_or_script(scan: dict[str, PageScan]) -> None:
    assert _problems(scan, "injected") == {}
    assert _problems(scan, "handlers") == {}
    assert _problems(scan, "scripts") == {}


def test_no_link_runs_code(scan: dict[str, PageScan]) -> None:
    """No href or src starting with javascript:, vbscript: or data:text/html."""
    assert _problems(scan, "links") == {}


def test_no_script_error(scan: dict[str, PageScan]) -> None:
    """A payload must not break the site's own scripts (the Riwayat filter, the search)."""
    assert _problems(scan, "errors") == {}


def test_tables_keep_their_columns(scan: dict[str, PageScan]) -> None:
    """``|`` and ``</td></tr></table>`` in a field leave every generated table rectangular."""
    broken = {p: s.broken_tables(analysis=False) for p, s in scan.items()}
    assert {p: b for p, b in broken.items() if b} == {}
    assert sum(len(s.tables) for s in scan.values()) > 20


def test_analysis_tables_keep_their_columns(scan: dict[str, PageScan]) -> None:
    broken = {p: s.broken_tables(analysis=True) for p, s in scan.items()}
    assert {p: b for p, b in broken.items() if b} == {}


def test_payloads_are_shown_as_text(
    payload_scan: dict[str, PageScan], hostile_scan: dict[str, PageScan]
) -> None:
    """Escaped, not dropped: the payload text is readable where the data is shown."""
    shown = {p for p, s in payload_scan.items() if s.visible}
    assert {"/", "/riwayat/", "search"} <= shown
    for folder in ("/periode/", "/unit/"):
        assert any(p.startswith(folder) and p != folder for p in shown), folder
    hostile_shown = {p for p, s in hostile_scan.items() if s.visible}
    assert {"/periode/2026-q4/", "/riwayat/"} <= hostile_shown


# -- accessibility ----------------------------------------------------------------------------


@dataclass(frozen=True)
class KnownIssue:
    """A serious accessibility violation already reported to the owner of the code that makes
    it. The page tests ignore its elements; :func:`test_known_accessibility_issues_are_open`
    fails the day the issue is gone, so the entry is removed then."""

    rule: str
    target: str  # a regular expression for axe's selector of the element
    reason: str  # where it comes from and how to fix it
    html: str = ""  # and one for the element's HTML

    def covers(self, rule: str, node: dict[str, Any]) -> bool:
        target = " ".join(str(t) for t in node.get("target", []))
        return (
            rule == self.rule
            and re.search(self.target, target) is not None
            and re.search(self.html, node.get("html", "")) is not None
        )


#: None at present. The last ones (the unnamed search dialog, the dimmed menu tabs, links told
#: apart by colour only) were fixed by the kinerja plugin's theme templates and kinerja.css.
KNOWN_ISSUES: dict[str, KnownIssue] = {}


def _without_known(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for violation in violations:
        nodes = [
            n
            for n in violation["nodes"]
            if not any(k.covers(violation["id"], n) for k in KNOWN_ISSUES.values())
        ]
        if nodes:
            out.append({**violation, "nodes": nodes})
    return out


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_has_no_serious_accessibility_violation(
    kind: str, demo_page: Callable[[str], PageReport], demo_urls: dict[str, str]
) -> None:
    violations = _without_known(demo_page(kind).violations)
    assert not violations, f"{kind} ({demo_urls[kind]}):\n{describe_violations(violations)}"


def test_known_accessibility_issues_are_open(demo_page: Callable[[str], PageReport]) -> None:
    """Every entry of :data:`KNOWN_ISSUES` is still seen on some page: a fixed one fails here,
    so that its entry goes and the page tests guard against its return."""
    fixed = [
        f"{name}: {known.reason}"
        for name, known in KNOWN_ISSUES.items()
        if not any(
            known.covers(v["id"], n)
            for kind in PAGE_TYPES
            for v in demo_page(kind).violations
            for n in v["nodes"]
        )
    ]
    assert fixed == [], "fixed: remove from KNOWN_ISSUES:\n" + "\n".join(fixed)


def test_axe_reports_a_planted_violation(chromium: Any, tmp_path: Path) -> None:
    """The accessibility check must be able to fail: an image without alt text, grey on grey."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="id"><title>x</title><main><img src="a.png">'
        '<p style="color:#aaa;background:#bbb">teks pucat</p></main></html>',
        "utf-8",
    )
    with serving(tmp_path) as server, visiting(chromium, server) as visit:
        visit.open("/")
        found = {v["id"] for v in axe_violations(visit.page) if v["impact"] in FAILING_IMPACTS}
    assert {"image-alt", "color-contrast"} <= found


_FOCUS_RING_JS = """
(el) => {
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  return {outline: outline, shadow: !!shadow, style: style.outlineStyle + " "
          + style.outlineWidth + " " + style.outlineColor + " / " + style.boxShadow};
}
"""


def _tab_to(visit: Visit, selector: str, limit: int = 300) -> int:
    """Press Tab until the focused element matches ``selector``; returns the presses."""
    for presses in range(1, limit + 1):
        visit.page.keyboard.press("Tab")
        if visit.page.evaluate(f"document.activeElement.matches({selector!r})"):
            return presses
    raise AssertionError(f"{limit} Tab presses never reached {selector}")


def test_status_matrix_works_from_the_keyboard(chromium: Any, demo_server: StaticServer) -> None:
    with visiting(chromium, demo_server) as visit:
        visit.open("/status/")
        visit.page.evaluate("window.scrollTo(0, 0)")
        _tab_to(visit, ".kj-matrix a")
        ring = visit.page.evaluate(f"({_FOCUS_RING_JS})(document.activeElement)")
        assert ring["outline"] or ring["shadow"], f"matrix link without focus ring: {ring}"
        _tab_to(visit, ".kj-matrix a.kj-cell")
        cell = visit.page.evaluate(f"({_FOCUS_RING_JS})(document.activeElement)")
        assert cell["outline"] or cell["shadow"], f"status cell without focus ring: {cell}"
        target = visit.page.evaluate("document.activeElement.href")
        with visit.page.expect_navigation():
            visit.page.keyboard.press("Enter")
        assert visit.page.url == target
        assert "/periode/" in visit.page.url and "#unit-" in visit.page.url
        anchor = visit.page.url.split("#", 1)[1]
        assert visit.page.locator(f"[id='{anchor}']").count() == 1


_COVERED_JS = """
(el) => {
  // What shows at a point: the topmost element there that is not fully transparent (the
  // search overlay keeps its size, invisible, for a moment after the search closes).
  const shown = (node) => {
    for (let e = node; e; e = e.parentElement) {
      if (parseFloat(getComputedStyle(e).opacity) === 0) return false;
    }
    return true;
  };
  const top = (x, y) => document.elementsFromPoint(x, y).find(shown) || null;
  // The part of the element that its scroll boxes let through: Chrome scrolls a focused
  // element into view only when less than 32 px of it shows, so a cell may stay cut at the
  // edge of the table's scroll box. Cut is allowed (WCAG 2.4.11 asks "not entirely hidden");
  // covered, e.g. by the sticky column, is not.
  const r = el.getBoundingClientRect();
  let [left, right, upper, lower] = [r.left, r.right, r.top, r.bottom];
  for (let e = el.parentElement; e; e = e.parentElement) {
    const s = getComputedStyle(e);
    if (!/auto|scroll|hidden/.test(s.overflowX + " " + s.overflowY)) continue;
    const c = e.getBoundingClientRect();
    left = Math.max(left, c.left + e.clientLeft);
    right = Math.min(right, c.left + e.clientLeft + e.clientWidth);
    upper = Math.max(upper, c.top + e.clientTop);
    lower = Math.min(lower, c.top + e.clientTop + e.clientHeight);
  }
  if (right - left < 8 || lower - upper < 8) return [["scrolled out of view", r.left, r.top]];
  const [x0, y0] = [(left + right) / 2, (upper + lower) / 2];
  const points = [[left + 2, y0], [right - 2, y0], [x0, upper + 2], [x0, lower - 2]];
  return points.filter(([x, y]) => {
    const hit = top(x, y);
    return !(hit && (hit === el || el.contains(hit)));
  }).map(([x, y]) => {
    const hit = top(x, y);
    return [Math.round(x), Math.round(y), hit ? hit.outerHTML.slice(0, 80) : null];
  });
}
"""


@pytest.mark.parametrize("width", [VIEWPORT["width"], 1000])
def test_focused_status_cell_is_not_hidden(
    chromium: Any, demo_server: StaticServer, width: int
) -> None:
    """WCAG 2.4.11: the element with keyboard focus is not covered by other content. Every
    link of the matrix in turn, also where the matrix is wider than its column and scrolls
    sideways under its sticky first column (Periode)."""
    with visiting(chromium, demo_server) as visit:
        visit.page.set_viewport_size({"width": width, "height": VIEWPORT["height"]})
        visit.open("/status/")
        links = visit.page.locator(".kj-matrix a").count()
        scrolls = visit.page.evaluate(
            "(() => { const s = document.querySelector('.kj-scroll');"
            " return s.scrollWidth > s.clientWidth; })()"
        )
        _tab_to(visit, ".kj-matrix a")
        covered = {}
        for _ in range(links):
            if not visit.page.evaluate("document.activeElement.matches('.kj-matrix a')"):
                break
            where = visit.page.evaluate(f"({_COVERED_JS})(document.activeElement)")
            if where:
                focused = visit.page.evaluate("document.activeElement.outerHTML.slice(0, 90)")
                covered[focused] = where
            visit.page.keyboard.press("Tab")
    assert links > 50
    assert scrolls or width == VIEWPORT["width"], "too wide a window: the matrix does not scroll"
    assert covered == {}, f"focused links covered: {covered}"


# -- print -------------------------------------------------------------------------------------


def _pdf_tools() -> None:
    missing = [tool for tool in ("pdftotext", "pdfinfo") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} missing: install poppler-utils (`make browser`)")


_SCREEN_ONLY_JS = """
() => {
  const content = document.querySelector(".md-content").innerText;
  const lines = [];
  for (const sel of [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer"]) {
    const el = document.querySelector(sel);
    if (!el) continue;
    for (const line of el.innerText.split("\\n")) {
      const text = line.trim();
      if (text.length > 3 && !content.includes(text)) lines.push(text);
    }
  }
  return [...new Set(lines)];
}
"""


def test_period_page_prints_with_disposition_and_without_menus(
    chromium: Any, demo_server: StaticServer, demo_urls: dict[str, str], tmp_path: Path
) -> None:
    _pdf_tools()
    with visiting(chromium, demo_server) as visit:
        visit.open(demo_urls["periode"])
        chrome = visit.page.evaluate(_SCREEN_ONLY_JS)
        signers = visit.page.locator(".kj-disposition tbody tr td:nth-child(2)").all_inner_texts()
        pdf = tmp_path / "periode.pdf"
        visit.page.pdf(path=str(pdf), format="A4", print_background=True)
        assert visit.requests.outside() == []
    assert len(chrome) > 5, f"expected the menus to have text of their own: {chrome}"
    assert signers, "the period page has no disposition rows"
    text = pdf_text(pdf)
    assert "Lembar disposisi" in text
    printed = [line for line in chrome if line in text]
    assert printed == [], "header, tabs, navigation or footer printed"
    sizes = pdf_pages(pdf)
    assert sizes and all(abs(w - 595.3) < 2 and abs(h - 841.9) < 2 for w, h in sizes), sizes
    # The lembar disposisi stays on one sheet: its heading and every name on the same page.
    pages = [pdf_text(pdf, first=n, last=n) for n in range(1, len(sizes) + 1)]
    sheet = [p for p in pages if "Lembar disposisi" in p]
    assert len(sheet) == 1
    missing = [name for name in signers if name.split()[0] not in sheet[0]]
    assert missing == [], "disposition split over two pages"


def test_build_error_is_readable(tmp_path: Path) -> None:
    """A failing build says which project and shows mkdocs' output (not a bare exit code)."""
    from browser import mkdocs_build

    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - tidak-ada\n", "utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# x\n", "utf-8")
    with pytest.raises(BuildError, match="tidak-ada"):
        mkdocs_build(tmp_path)


# -- phone and tablet -------------------------------------------------------------------------

#: Phone (390 px, a common Android/iPhone width) and tablet (768 px, portrait).
NARROW_WIDTHS = (390, 768)
#: Run in a loaded page: what a narrow screen would cut. ``sideways``: how far the page itself
#: scrolls sideways (must be 0: wide tables scroll inside their own box); ``cut``: every
#: "Kirim data"/"Unggah" control whose text does not fit on one line inside its own box.
_LAYOUT_PROBE = """() => {
  const doc = document.documentElement;
  const sideways = doc.scrollWidth - doc.clientWidth;
  const cut = [];
  const controls = Array.from(document.querySelectorAll("a, button")).filter((el) =>
    el.classList.contains("kj-kirim") || /^(Kirim data|Unggah)/.test(el.textContent.trim()));
  for (const el of controls) {
    if (el.offsetParent === null) { continue; }
    el.scrollIntoView({block: "center", inline: "center"});
    const r = el.getBoundingClientRect();
    const y = r.top + r.height / 2;
    const onTop = [r.left + 1, r.right - 1].every((x) => {
      const hit = document.elementFromPoint(x, y);
      return hit !== null && (hit === el || el.contains(hit));
    });
    if (!onTop || r.left < 0 || r.right > doc.clientWidth) {
      cut.push(el.textContent.trim() + " (tertutup atau terpotong)");
      continue;
    }
    const range = document.createRange();
    range.selectNodeContents(el);
    const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
    const box = el.getBoundingClientRect();
    const text = range.getBoundingClientRect();
    if (lines.size > 1 || text.width > box.width + 1 || el.scrollWidth > el.clientWidth + 1) {
      cut.push(el.textContent.trim() + " (" + Math.round(box.width) + " px)");
    }
  }
  return {sideways, cut, controls: controls.length};
}"""


@pytest.mark.parametrize("width", NARROW_WIDTHS)
def test_narrow_screens_keep_pages_whole(
    chromium: Any, demo_server: StaticServer, demo_urls: dict[str, str], width: int
) -> None:
    """At phone and tablet width no page scrolls sideways as a whole, every action control is
    whole, and axe finds nothing serious or critical."""
    context = chromium.new_context(viewport={"width": width, "height": 800}, locale="id-ID")
    context.set_default_timeout(LOAD_TIMEOUT_MS)
    page = context.new_page()
    problems: dict[str, Any] = {}
    controls = 0
    try:
        for kind in PAGE_TYPES:
            if kind == "404":
                continue
            page.goto(demo_server.url(demo_urls[kind]), wait_until="networkidle")
            probe = page.evaluate(_LAYOUT_PROBE)
            controls += probe["controls"]
            serious = [v for v in axe_violations(page) if v["impact"] in FAILING_IMPACTS]
            if probe["sideways"] > 0 or probe["cut"] or serious:
                problems[kind] = {
                    "sideways": probe["sideways"],
                    "cut": probe["cut"],
                    "axe": describe_violations(serious),
                }
    finally:
        context.close()
    assert not problems, "\n".join(f"{kind}: {found}" for kind, found in problems.items())
    assert controls > 0  # the open period's "Kirim data" links were on the pages checked


# -- Riwayat: one live count line ------------------------------------------------------------


def test_riwayat_has_one_live_count_line_that_follows_the_filter(
    chromium: Any, demo_server: StaticServer, demo_urls: dict[str, str]
) -> None:
    """The count of what is shown is said once, in a live region, and changes with the
    filter (it once said it twice, and one of the two never changed)."""
    with visiting(chromium, demo_server) as visit:
        visit.open(demo_urls["riwayat"])
        page = visit.page
        live = page.locator("article [aria-live], article [role=status]")
        assert live.count() == 1
        count_text = re.compile(r"kejadian dalam [\d.]+ pengajuan|Menampilkan [\d.]+ dari")
        assert page.locator("article").get_by_text(count_text).count() == 1
        line = live.first
        opened = line.inner_text()  # a long history opens on its newest period
        assert re.fullmatch(r"[\d.]+ kejadian dalam [\d.]+ pengajuan ditampilkan.*", opened)
        page.select_option("#kj-filter-periode", "")
        everything = line.inner_text()
        assert everything != opened and "disaring" not in everything
        periods = page.locator("#kj-filter-periode option").evaluate_all(
            "options => options.map(o => o.value).filter(Boolean)"
        )
        page.select_option("#kj-filter-periode", periods[-1])
        oldest = line.inner_text()
        assert oldest not in (everything, opened) and "disaring dari" in oldest
        shown = int(oldest.split()[0].replace(".", ""))
        visible = page.locator("li[data-periode]:visible, tr[data-periode]:visible").count()
        assert shown == visible
        assert page.locator("article").get_by_text(count_text).count() == 1
        assert visit.errors == []
