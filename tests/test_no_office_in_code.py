"""Roles, not names, in code: no name, id, number or place of the shipped organisation in the
package (who opens a period, writes the analysis or signs comes from the SOP lanes and
organisasi.yml). The demo, which generates the shipped office's example history, is the one
exception and is listed here so that it stays the only one."""

from __future__ import annotations

from shipped_names import REPO, pattern, shipped_names

#: Generates the shipped organisation's example history (its kecamatan, letter numbers).
EXEMPT = ("scripts/kinerja/demo/",)


def test_shipped_names_are_collected() -> None:
    names = shipped_names()
    assert "Inspektorat Daerah Kabupaten Pesisir Selatan" in names
    assert "subbag-perencanaan" in names
    assert "19641112 199203 1 008" in names
    assert "Inspektur" not in names


def test_package_code_names_no_office() -> None:
    regex = pattern()
    hits = []
    for path in sorted((REPO / "scripts" / "kinerja").rglob("*")):
        rel = path.relative_to(REPO).as_posix()
        if not path.is_file() or rel.startswith(EXEMPT) or "__pycache__" in rel:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            for match in regex.finditer(line):
                hits.append(f"{rel}:{number}: {match.group(0)!r}")
    assert hits == [], "\n".join(hits)
