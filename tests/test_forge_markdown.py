"""Data never becomes active in a forge's Markdown: issue bodies, comments, pull request text.

Hostile names in organisasi.yml, indikator.yml and permintaan.yml (a ``javascript:`` link, an
``<img onerror>``, ``@everyone``, a ``|``, backticks, a newline, a ``#123`` auto-link) go into
the bodies ``kinerja period notify`` and the daily reminders write; each body is rendered with
Python-Markdown (tests/markdown_render.py) and must show the text and do nothing else: no link
but the ones the code writes, no raw HTML element, no code span or heading from data, no table
cell split, no mention except the unit's members, no issue reference. The site's pages and the
forge's bodies escape through the same function (``kinerja.escape.md_text``).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

import kinerja.site.html as site_html
from kinerja.escape import md_code, md_link, md_text, mention
from kinerja.forge.issues import Issue
from kinerja.forge.markers import MARKER
from kinerja.forge.notice import Links, RequestFacts, describe_changes, notice_for
from kinerja.forge.reminders import plan_reminders
from kinerja.model import Config
from kinerja.snapshot import take_snapshot
from kinerja.status import UnitStatus
from markdown_render import Rendered, render, shown
from test_notify import REPO_ROOT, REQUEST_Q4, WIB, make_repo, organisation_data

LINK = "[klik](javascript:alert(1))"
IMG = "<img src=x onerror=alert(1)>"
HOSTILE = f"A {LINK} {IMG} @everyone | x `kode` y\n# Judul\n#123 insp/kinerja#7 <script>z</script>"
#: Words of HOSTILE a reader must still see (as text).
VISIBLE = ("[klik](javascript:alert(1))", "<img src=x onerror=alert(1)>", "`kode`", "#123")
EDITOR = "https://github.com/insp/kinerja/new/main?filename=x.yml&value=a%20b"
DOWNLOADS = {"xlsx": "https://situs.invalid/unduh/irban-1.xlsx", "csv": "javascript:alert(2)"}
MEMBERS = ["syafrizal", "mira-andriani", "ilham-fadli"]


def hostile_config() -> tuple[Config, dict[str, Any]]:
    """The configuration and request with hostile names (the validator refuses some of them;
    the bodies must be safe all the same: escaping does not rely on validation)."""
    org: dict[str, Any] = organisation_data()
    for unit in org["unit"]:
        if unit["id"] == "irban-1":
            unit["nama"] = f"Irban Satu {HOSTILE}"
            unit["singkatan"] = "Irban I\n#1 @everyone"
    for person in org["pegawai"]:
        if "penyusun" in person.get("peran", []) or "kasubbag" in person.get("peran", []):
            person["nama"] = f"Penyusun {HOSTILE}"
            person["jabatan"] = f"Jabatan {HOSTILE}"
        if person.get("unit") == "irban-1":
            person["akun"] = [*person["akun"], "[x](javascript:alert(1))", "everyone team"]
    indicators = yaml.safe_load((REPO_ROOT / "submissions/indikator.yml").read_text("utf-8"))
    for ind in indicators["indikator"]:
        if ind["id"] in ("jumlah-lhp", "persentase-tindak-lanjut"):
            ind["nama"] = f"{ind['nama']} {HOSTILE}"
            ind["satuan"] = "persen | @here"
    request = yaml.safe_load(REQUEST_Q4)
    request["nomor"] = f"700/{HOSTILE}"
    request["catatan"] = HOSTILE
    request["penerima"][0]["catatan"] = f"Catatan unit {HOSTILE}"
    return Config.from_data(org, indicators), request


def assert_inert(
    page: Rendered, *, links: set[str], mentions: list[str] | None = None, forge: bool = True
) -> None:
    """Only the links and mentions the code meant; nothing else active. A site page (not
    ``forge``) has no mentions or references to fear."""
    hrefs = {a.get("href") or "" for a in page.elements("a")}
    assert hrefs <= links, hrefs - links
    assert not any(h.lower().startswith(("javascript", "data", "vbscript")) for h in hrefs)
    for tag in ("img", "script", "iframe", "h1", "h2"):
        assert page.elements(tag) == [], (tag, page.html)
    assert not [t for t, attrs in page.tags if any(k.startswith("on") for k in attrs)]
    if forge:
        assert page.mentions == (mentions or []), page.mentions
        assert page.references == [], page.references
    assert "kode" not in page.code  # backticks in data open no code span
    assert len(set(page.rows)) <= 1, page.rows  # every table row has the same cells


@pytest.fixture
def snapshot(tmp_path: Path) -> Any:
    """The period's state (irban-1 still to hand in), from an ordinary tracker."""
    repo = make_repo(tmp_path / "repo")
    repo.write("submissions/2026-q4/permintaan.yml", REQUEST_Q4)
    repo.commit("Permintaan data 2026-q4", when=f"2026-10-01T09:00:00{WIB}")
    return take_snapshot(repo.root, now=datetime.fromisoformat(f"2026-10-02T09:00{WIB}"))


def test_an_issue_body_shows_hostile_names_and_does_nothing(snapshot: Any) -> None:
    (config, request), state = hostile_config(), snapshot.states["2026-q4"]
    assert state.units["irban-1"].status is UnitStatus.MENUNGGU
    notice = notice_for(config, state, "irban-1", request, Links(EDITOR, DOWNLOADS))
    page = render(notice.body)
    assert notice.body.startswith(MARKER.format(period="2026-q4", unit="irban-1"))
    assert_inert(
        page,
        links={EDITOR, DOWNLOADS["xlsx"]},
        mentions=[f"@{m}" for m in MEMBERS],
    )
    assert notice.assignees == tuple(MEMBERS)  # the hostile handles are neither assigned...
    text = shown(notice.body)
    assert "Irban Satu A" in text and "persen | @here" in text and "Catatan unit A" in text
    for word in VISIBLE:  # ...nor lost: every hostile name is shown as typed
        assert word in text, word
    assert page.rows == [2, 2, 2]  # header + two indicators, two cells each, '|' kept in text
    assert "\n# Judul" not in notice.body and "\n#123" not in notice.body
    assert "\u2060" in page.text  # @ and # carry the word joiner
    assert notice.title == "Permintaan data kinerja Triwulan IV 2026: Irban I #1 @everyone"


def test_changes_reminders_and_reopening_are_inert(snapshot: Any) -> None:
    (config, request), state = hostile_config(), snapshot.states["2026-q4"]
    old = RequestFacts("2026-10-01T16:00:00+07:00", ("jumlah-lhp",), ("LHE",), "a")
    new = RequestFacts.of(config, state, "irban-1", request)
    lines = describe_changes(config, old, new)
    assert_inert(render("\n".join(f"- {line}" for line in lines)), links=set())
    assert "persentase-tindak-lanjut" in shown("\n".join(lines))
    plain = describe_changes(config, old, new, markdown=False)  # the CLI's report: plain words
    assert any(LINK in line for line in plain) and not any("&#" in line for line in plain)

    one_line = HOSTILE.replace("\n", " ")
    older = RequestFacts.read(f"**Tenggat: {one_line}.**\n")  # an issue edited by hand
    assert older is not None
    assert_inert(render(f"Tenggat: **{older.deadline_md}**."), links=set())

    issue = Issue(
        1,
        "t",
        MARKER.format(period="2026-q4", unit="irban-1"),
        "open",
        "",
        assignees=("mira-andriani", "[x](javascript:alert(1))", "@everyone"),
    )
    late = datetime.fromisoformat(f"2026-10-09T09:00{WIB}")
    (action,) = plan_reminders(
        snapshot.states, [issue], late, days=2, comments_of=lambda _: [], zone=config.settings.zone
    )
    assert_inert(render(action.body), links=set(), mentions=["@mira-andriani"])


@pytest.mark.parametrize("value", [HOSTILE, LINK, IMG, "@everyone", "#123", "a|b", "`x`", "\n"])
def test_the_one_function_is_shared_and_escapes(value: str) -> None:
    assert site_html.md_text is md_text  # one function for the site and the forge
    for forge in (False, True):
        page = render(f"| a | b |\n|---|---|\n| {md_text(value, forge=forge)} | c |\n")
        assert_inert(page, links=set(), forge=forge)
        assert page.rows == [2, 2]
        assert value.replace("\n", " ").strip() in shown(page.html).replace("\n", " ")
    code = render(f"Id {md_code(value)}.")
    assert code.code == [value.replace("\n", " ")] or value == "\n"
    assert_inert(code, links=set())


def test_links_and_mentions_only_when_meant() -> None:
    assert md_link("Kirim", "javascript:alert(1)") == "Kirim"
    assert md_link("Kirim", None) == "Kirim"
    made = md_link("Kirim", "https://x.invalid/a b)(c")
    assert made == "Kirim"  # a space: not an address
    made = md_link("Kirim", "https://x.invalid/a)(c*_")
    page = render(made)
    assert [a.get("href") for a in page.elements("a")] == ["https://x.invalid/a%29%28c%2A_"]
    assert mention("budi-s") == "@budi-s" and mention("budi.s_2") == "@budi.s_2"
    for handle in ("[x](javascript:alert(1))", "every one", "a@b", "-x", "#1", "@everyone"):
        page = render(f"Halo {mention(handle)}")
        assert_inert(page, links=set())


def test_the_job_summary_of_findings_is_inert() -> None:
    """A hostile file name or value quoted in a finding's message, in the job summary table."""
    from kinerja.findings import Finding, Severity
    from kinerja.report import github_summary

    finding = Finding(
        code="nilai-bukan-angka",
        severity=Severity.ERROR,
        path=f"submissions/2026-q4/{LINK}.yml",
        message=f"Nilai {HOSTILE} bukan angka",
        hint=f"Tulis angka {IMG}",
        field=f"realisasi[0].{LINK}",
        line=3,
    )
    heading, table = github_summary([finding], 1).split("\n", 1)
    assert heading == "## Hasil pemeriksaan data kinerja"  # the one heading, ours
    page = render(table)
    assert_inert(page, links=set())
    assert len(page.rows) == 2 and page.rows[0] == page.rows[1] == 8
    assert LINK in shown(page.html) and IMG in shown(page.html)
