"""Issue 11 item 8: data never reaches an interpreter unescaped.

Names from organisasi.yml, indikator.yml and the SOP enter page headings, titles and the nav
through one Markdown escaping path (``site.html.md_text``/``heading``). Tested three ways: the
helper against Python-Markdown with the site's extensions, a real ``mkdocs build`` of a tracker
whose names carry Markdown links, ``javascript:`` URLs (entity-encoded, which the validator's
text patterns do not see), HTML entities, backticks and emphasis, and a real headless chromium
on the built pages. The validator text-checks the configuration files as it does submissions.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from browser import HOSTILE_SITE, chromium_problem, launch, mkdocs_build, serving
from kinerja.site.html import heading, md_text
from kinerja.validate.runner import validate_repository
from tracker import REPO, git, make_tracker, signed_commit

#: What the payloads must never become: a link that runs code, emphasis, code, a script.
HARD = (
    "[x](javascript:alert(1))",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "**tebal** _miring_ `kode` ~~coret~~",
    "&lt;b&gt; &amp; &#106;avascript",
    "judul {: #x .y } | a | b |",
    '!!! danger "x"',
    "baris satu\nbaris dua\r\n# bukan judul",
)
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc"]


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@pytest.mark.parametrize("payload", HARD)
def test_heading_is_literal_in_markdown(payload: str) -> None:
    out = markdown.markdown(heading(1, payload) + md_text(payload), extensions=EXTENSIONS)
    assert re.fullmatch(r"<h1[^>]*>[^<]*</h1>\s*<p>[^<]*</p>", out), out
    flat = " ".join(payload.split())
    h1, para = re.findall(r">([^<]*)<", out)[0], re.findall(r"<p>([^<]*)</p>", out)[0]
    assert " ".join(html.unescape(h1).split()) == flat
    assert " ".join(html.unescape(para).split()) == flat


def test_heading_keeps_the_page_modules_anchor() -> None:
    out = markdown.markdown(heading(2, "Irban [I]", attrs="#unit-irban-1"), extensions=EXTENSIONS)
    assert out.startswith('<h2 id="unit-irban-1">') and _text(out) == "Irban [I]"


# -- a real tracker, built with the plugin, checked in the HTML and in chromium ----------------

MARKDOWN_NAMES = {
    "office": "Inspektorat _miring_ &lt;script&gt;alert(2)&lt;/script&gt; `kode`",
    "unit": "Irban [klik](javascript&#58;alert(1)) **tebal**",
    "person": "Mira *Andriani* [x](javascript&#x3A;alert(3))",
    "indicator": "Jumlah [LHP](https://contoh.go.id/x) ~~coret~~ # judul {: #x }",
    "sop": "Mekanisme [SOP](javascript&#58;alert(4)) __tebal__",
}


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _build(dest: Path) -> Path:
    root = make_tracker(dest / "repo")
    subs = root / "submissions"
    names = {k: _quoted(v) for k, v in MARKDOWN_NAMES.items()}
    _replace_once(
        subs / "organisasi.yml",
        "  nama: Inspektorat Daerah Kabupaten Pesisir Selatan",
        f"  nama: {names['office']}",
    )
    _replace_once(
        subs / "organisasi.yml",
        "    nama: Inspektur Pembantu Wilayah I\n",
        f"    nama: {names['unit']}\n",
    )
    org = (subs / "organisasi.yml").read_text(encoding="utf-8")
    person = re.search(r"  - id: mira-andriani\n    nama: ([^\n]+)\n", org)
    assert person is not None
    _replace_once(
        subs / "organisasi.yml", f"nama: {person.group(1)}\n", f"nama: {names['person']}\n"
    )
    _replace_once(
        subs / "indikator.yml",
        "    nama: Jumlah Laporan Hasil Pemeriksaan (LHP) yang diterbitkan sesuai PKPT",
        f"    nama: {names['indicator']}",
    )
    _replace_once(
        root / "docs/sop/pengumpulan-data-kinerja.yml",
        'nama: "Mekanisme Pengumpulan Data Kinerja"',
        f"nama: {names['sop']}",
    )
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs" / "panduan", root / "docs" / "panduan")
    git(root, "add", "-A")
    signed_commit(root, "nama")  # a verified landing: the names count
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _build(tmp_path_factory.mktemp("md-names"))
    report = validate_repository(root, use_cache=False)
    assert report.errors == 0, [f.to_dict() for f in report.findings]
    return mkdocs_build(root)


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.h1: list[str] = []
        self.title: list[str] = []
        self.hrefs: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        self.tags.add(tag)
        self.hrefs += [v or "" for k, v in attrs if k in ("href", "src")]

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if "h1" in self.stack:
            self.h1.append(data)
        if self.stack[-1:] == ["title"]:
            self.title.append(data)


def _page(site: Path, rel: str) -> _Collect:
    parser = _Collect()
    parser.feed((site / rel).read_text(encoding="utf-8"))
    return parser


PAGES = {
    "index.html": MARKDOWN_NAMES["office"],
    "unit/irban-1/index.html": MARKDOWN_NAMES["unit"],
    "indikator/jumlah-lhp/index.html": MARKDOWN_NAMES["indicator"],
    "sop/pengumpulan-data-kinerja/index.html": "SOP " + MARKDOWN_NAMES["sop"],
}


@pytest.mark.parametrize("rel", sorted(PAGES))
def test_names_are_literal_in_heading_and_title(built: Path, rel: str) -> None:
    page = _page(built, rel)
    assert "".join(page.h1).strip() == PAGES[rel]
    if rel != "index.html":  # the home page's title is the site_name of mkdocs.yml
        assert PAGES[rel] in "".join(page.title)


def test_no_page_carries_a_code_link_or_injected_markup(built: Path) -> None:
    pages = sorted(built.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        page = _page(built, str(path.relative_to(built)))
        bad = [h for h in page.hrefs if re.match(r"\s*(javascript|vbscript|data):", h, re.I)]
        assert not bad, (path, bad)
    text = (built / "organisasi" / "index.html").read_text(encoding="utf-8")
    assert html.escape(MARKDOWN_NAMES["person"], quote=False) in html.unescape(
        text.replace("&amp;", "&amp;amp;")
    ) or MARKDOWN_NAMES["person"] in _text(text)
    for name in MARKDOWN_NAMES.values():
        # Never rendered as emphasis, strike-through or code of the page.
        for made in (
            "<em>tebal</em>",
            "<strong>tebal</strong>",
            "<code>kode</code>",
            "<del>coret</del>",
            "<em>miring</em>",
            "<em>Andriani</em>",
        ):
            assert made not in (built / "index.html").read_text(encoding="utf-8"), (name, made)


def test_chromium_shows_names_literally_and_runs_nothing(built: Path) -> None:
    problem = chromium_problem()
    if problem:
        pytest.fail(problem)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, serving(built) as server:
        browser = launch(playwright)
        try:
            page = browser.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            for rel, name in PAGES.items():
                page.goto(server.url("/" + rel.removesuffix("index.html")))
                assert page.inner_text("h1").strip() == name
                assert (
                    page.eval_on_selector_all(
                        "a[href^='javascript' i], a[href^=' javascript' i]", "els => els.length"
                    )
                    == 0
                )
                for link in page.query_selector_all("h1 a, nav a"):
                    href = link.get_attribute("href") or ""
                    assert not href.lower().lstrip().startswith("javascript"), (rel, href)
                page.click("h1")
            assert dialogs == []
        finally:
            browser.close()


# -- the validator checks the configuration's texts -------------------------------------------


@pytest.mark.parametrize(
    ("path", "old", "new", "code"),
    [
        (
            "submissions/organisasi.yml",
            "    nama: Inspektur Pembantu Wilayah I\n",
            '    nama: "Irban <script>alert(1)</script>"\n',
            "text-html",
        ),
        (
            "submissions/indikator.yml",
            "    nama: Rata-rata waktu penyelesaian LHP",
            '    nama: "[x](javascript:alert(1))"',
            "text-html",
        ),
        (
            "submissions/organisasi.yml",
            "  nama: Inspektorat Daerah Kabupaten Pesisir Selatan",
            '  nama: "Inspektorat \\u202eDaerah"',
            "text-control",
        ),
        (
            "docs/sop/pengumpulan-data-kinerja.yml",
            'nama: "Mekanisme Pengumpulan Data Kinerja"',
            'nama: "Mekanisme <img src=x onerror=alert(1)>"',
            "text-html",
        ),
    ],
)
def test_configuration_texts_are_checked(
    tmp_path: Path, path: str, old: str, new: str, code: str
) -> None:
    root = make_tracker(tmp_path / "repo", with_git=False)
    _replace_once(root / path, old, new)
    found = {(f.code, f.path) for f in validate_repository(root, use_cache=False).findings}
    assert (code, path) in found, found


def test_shipped_configuration_passes_the_text_checks() -> None:
    assert HOSTILE_SITE.is_dir()
    report = validate_repository(REPO, use_cache=False)
    config = [f for f in report.findings if f.code.startswith("text-")]
    assert config == [], [f.to_dict() for f in config]
    subprocess.run(["git", "--version"], check=True, capture_output=True)


def test_title_cannot_break_out_of_the_title_element(tmp_path: Path) -> None:
    """Material writes ``page.title | striptags`` into <title>, and striptags unescapes: the
    plugin's main.html escapes again, so an escaped ``</title><script>`` stays text."""
    root = make_tracker(tmp_path / "repo")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs" / "panduan", root / "docs" / "panduan")
    payload = "</title><script>alert(1)</script> & <b>x</b>"
    (root / "docs" / "panduan" / "uji.md").write_text(heading(1, payload), encoding="utf-8")
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text + "\nnot_in_nav: |\n  /panduan/uji.md\n", "utf-8")
    site = mkdocs_build(root)
    page = (site / "panduan" / "uji" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title is not None and html.unescape(title.group(1)).startswith(payload), title
