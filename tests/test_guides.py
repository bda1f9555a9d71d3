"""The Panduan templates: rendered from the office's data through one escaping path, and free of
any name of the organisation the package was first made for."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from kinerja.site.pages import guides
from shipped_names import pattern

HOSTILE = (
    "[x](javascript:alert(1))",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "**tebal** `kode`",
    "a | b | c",
    "```\n# bukan judul",
    "{: #x .y }",
)
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "pymdownx.superfences"]
TEMPLATE = (
    "Teks {{ v }}.\n\n| a | b |\n|---|---|\n| {{ v }} | {{ v|code }} |\n\n"
    "```yaml\nunit: {{ v|literal }}\n```\n\n{{ picture('a.png', v) }}\n"
)


@pytest.mark.parametrize("value", HOSTILE)
def test_values_reach_the_page_as_text(value: str) -> None:
    """Every way a template prints a value (prose, table cell, code, code block, picture alt)
    keeps it literal: no link, script, element, emphasis or extra table cell."""
    text = (
        guides._environment()
        .from_string(TEMPLATE)
        .render(v=value, picture=guides.picture_maker(frozenset({"a.png"})))
    )
    page = markdown.markdown(text, extensions=EXTENSIONS)
    assert "<script" not in page and "<a " not in page  # no element, no link at all
    assert "<img src=x" not in page and "<strong>" not in page
    assert page.count("<td>") == 2  # the cells of the table stayed two
    assert page.count("<pre") == 1  # the code block was not ended early
    assert 'alt="Contoh: ' in page  # the picture says it is an example


def test_picture_is_left_out_when_the_office_has_none() -> None:
    picture = guides.picture_maker(frozenset())
    assert picture("beranda.png", "Beranda") == ""


def test_templates_name_no_shipped_office() -> None:
    """The templates carry no name, id, number or place of the shipped organisation: those
    come from the office's data at build time."""
    regex = pattern()
    hits = {
        name: sorted({m.group(0) for m in regex.finditer(guides.template_text(name))})
        for name in guides.GUIDES
    }
    assert {k: v for k, v in hits.items() if v} == {}


def test_every_guide_is_a_template_in_the_package() -> None:
    for name in guides.GUIDES:
        assert guides.template_text(name).startswith("# "), name


def test_neutral_example_office_for_the_pictures(tmp_path: Path) -> None:
    """The office the Panduan pictures are taken from (tests/screenshots.py) names no real
    office or person, and is a valid tracker configuration."""
    from kinerja.validate.runner import validate_repository
    from neutral_office import make_source

    root = make_source(tmp_path / "netral")  # raises if a shipped name is left
    report = validate_repository(root, use_cache=False)
    assert report.errors == 0, [f.to_dict() for f in report.findings if f.severity == "error"]
    text = (root / "submissions" / "organisasi.yml").read_text(encoding="utf-8")
    assert "Kabupaten Contoh" in text and "00000000 000000 0 001" in text


def test_pages_out_keeps_the_offices_own_guide(tmp_path: Path) -> None:
    """``kinerja pages --out docs`` writes the generated guides but never overwrites a guide
    the office wrote itself (the plugin skips such pages too)."""
    from kinerja.cli import main
    from tracker import make_tracker

    root = make_tracker(tmp_path / "kantor")
    own = root / "docs" / "panduan" / "staf-unit.md"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text("# Panduan kami sendiri\n", encoding="utf-8")
    assert main(["pages", "--out", str(root / "docs"), "-C", str(root)]) == 0
    assert own.read_text(encoding="utf-8") == "# Panduan kami sendiri\n"
    assert (root / "docs" / "panduan" / "pemberi-paraf.md").is_file()
