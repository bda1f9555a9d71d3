"""Office pages speak the office's language: no Git vocabulary outside an auditor's detail.

Staff read the site to see who sent what and who gave paraf; "trailer", "merge", "commit" and
"pull request" are the tool's words, not theirs. The Git facts stay on the pages, folded into a
``<details>`` for auditors. The Panduan (the package's guide templates) may use the words: its
glossary explains them.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

#: Words an office page must not show outside ``<details>`` (case-insensitive, whole words).
GIT_WORDS = re.compile(
    r"(?<!kinerja )\b(trailers?|merge[ds]?|merging|commits?|pull request)\b", re.IGNORECASE
)
#: The data dictionary documents the files' fields for the people who keep the repository
#: (admin, penyusun); its wording comes from the schemas and may name Git's parts.
TECHNICAL = {"unduh/kamus-data.md"}
#: The Panduan (rendered from the package's templates) teaches the forge's steps by their names.
GUIDES = "panduan/"
_DETAILS = re.compile(r"<details\b.*?</details>", re.DOTALL | re.IGNORECASE)
#: A forge's own button label quoted in English (``<em lang="en">``) is what staff click.
_QUOTED_UI = re.compile(r'<(\w+)[^>]*\blang="en"[^>]*>.*?</\1>', re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


def visible_text(page: str) -> str:
    """What a reader sees of a generated page: no details, no tags or attributes, no link
    targets (an address may hold ``/commit/``; the text around it may not)."""
    text = _QUOTED_UI.sub(" ", _DETAILS.sub(" ", page))
    text = _TAGS.sub(" ", text)
    return _LINK_TARGET.sub("]", text)


@pytest.fixture(scope="module")
def pages(demo_repo: Any) -> dict[str, str]:
    from kinerja.site.pages import build_pages
    from kinerja.snapshot import take_snapshot

    snapshot = take_snapshot(demo_repo.root, now=NOW, use_cache=False)
    return {k: v for k, v in build_pages(snapshot).items() if isinstance(v, str)}


def test_visible_text_drops_details_and_addresses() -> None:
    page = (
        "<p>Diterima</p><details><summary>Rincian Git</summary>commit abc</details>[x](a/commit/b)"
    )
    assert not GIT_WORDS.search(visible_text(page))
    assert GIT_WORDS.search(visible_text("<p>merge tanpa trailer</p>"))


def test_office_pages_have_no_git_words_outside_details(pages: dict[str, str]) -> None:
    found = {
        name: sorted({m.group(0).lower() for m in GIT_WORDS.finditer(visible_text(text))})
        for name, text in pages.items()
        if name.endswith(".md") and name not in TECHNICAL and not name.startswith(GUIDES)
    }
    found = {name: words for name, words in found.items() if words}
    assert not found, found


def test_riwayat_is_grouped_by_pengajuan(pages: dict[str, str]) -> None:
    page = pages["riwayat.md"]
    entries = page.count("<article ")
    assert 0 < entries < page.count("<li data-periode=")  # one entry holds several files
    assert 'id="kj-riwayat-jumlah"' in page and "pengajuan ditampilkan" in page
    assert "Rincian Git (untuk pemeriksa)" in page  # the commit is still there for auditors


def test_glossary_explains_the_git_words_the_guide_uses() -> None:
    from kinerja.site.pages.guides import template_text

    glossary = template_text("istilah")
    for term in ("Commit", "Cabang", "Issue", "Merge"):
        assert re.search(rf"^\W*{term}\b", glossary, re.MULTILINE | re.IGNORECASE), term


def test_each_hand_in_has_its_own_paraf_time_and_sender(pages: dict[str, str]) -> None:
    periods = {k: v for k, v in pages.items() if k.startswith("periode/2")}
    assert any("<strong>Diserahkan</strong>" in p for p in periods.values())
    for name, page in {
        **periods,
        **{k: v for k, v in pages.items() if k.startswith("unit/")},
    }.items():
        # One paraf per hand-in line: never the same name twice in one list.
        assert not re.search(r"paraf ([^;<]+), \1[;<]", page), name


def test_steps_are_an_evaluation_not_a_constant_alarm(pages: dict[str, str]) -> None:
    periods = {k: v for k, v in pages.items() if re.fullmatch(r"periode/\d{4}-\w+\.md", k)}
    alarms = sum(p.count("lebih lambat dari biasanya</span>") for p in periods.values())
    usual = sum(p.count("× mutu baku, seperti biasanya") for p in periods.values())
    assert usual > alarms  # red marks only the periods slower than the step's median
    for name, page in periods.items():
        assert "– –" not in page and "–<br>–" not in page, name
        assert "menit kerja dari" in page, name  # which two events are measured


def test_evaluasi_sop_page_and_the_office_heading_on_printable_pages(
    pages: dict[str, str],
) -> None:
    page = pages["sop/evaluasi.md"]
    for part in ("## Ringkasan per langkah", "## Kecenderungan antarperiode", "Dalam mutu baku"):
        assert part in page
    assert "Penentu waktu langkah" in page and "grafik/sop-evaluasi.svg" in page
    assert "Data grafik:" in page  # the chart's numbers as a table
    printable = [k for k in pages if re.fullmatch(r"periode/\d{4}-\w+\.md", k)]
    printable += ["sop/evaluasi.md", "sop/pengumpulan-data-kinerja.md"]
    for name in printable:
        assert 'class="kj-kop"' in pages[name], name
        assert "Inspektorat Daerah Kabupaten Pesisir Selatan" in pages[name], name
    assert "tidak diminta" in pages["status.md"] and ">belum diminta<" not in pages["status.md"]
