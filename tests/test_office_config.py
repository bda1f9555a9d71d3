"""Configuration gaps closed for any office: bands with both bounds that tile 0..inf, SOP lanes
for outside parties, and the workflow SOP named explicitly (an error when none or two qualify)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from kinerja.model.bands import bounded, tiling_problems
from kinerja.model.workflow import select_workflow_sop
from kinerja.resources import data_dir
from kinerja.validate.runner import validate_repository
from tracker import make_tracker, write

SIX = [
    {"min": 0, "maks": 40, "nama": "E"},
    {"min": 40, "maks": 55, "nama": "D"},
    {"min": 55, "maks": 70, "nama": "C"},
    {"min": 70, "maks": 85, "nama": "B"},
    {"min": 85, "maks": 100, "nama": "A"},
    {"min": 100, "nama": "AA"},
]


def test_shipped_bands_tile_with_both_bounds() -> None:
    bands = yaml.safe_load((data_dir() / "pengaturan.yml").read_text())["predikat"]
    assert tiling_problems(bands) == []
    assert all("maks" in b for b in bands if b["min"] != max(x["min"] for x in bands))
    assert [(b.min, b.maks) for b in bounded(bands)][-1] == (91, math.inf)


def test_six_band_scale_tiles() -> None:
    assert tiling_problems(SIX) == []
    assert [b.nama for b in bounded(SIX)] == ["E", "D", "C", "B", "A", "AA"]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({1: {"min": 40, "maks": 50, "nama": "D"}}, "celah"),
        ({1: {"min": 40, "maks": 60, "nama": "D"}}, "tumpang tindih"),
        ({0: {"min": 5, "maks": 40, "nama": "E"}}, "di bawah 5"),
        ({5: {"min": 100, "maks": 120, "nama": "AA"}}, "120 ke atas"),
        ({2: {"min": 40, "maks": 70, "nama": "C"}}, "sama-sama mulai"),
    ],
)
def test_band_gaps_and_overlaps_are_named(change: dict[int, dict[str, object]], words: str) -> None:
    bands = [change.get(i, b) for i, b in enumerate(SIX)]
    problems = tiling_problems(bands)
    assert any(words in p for p in problems), problems


def _codes(root: Path) -> list[str]:
    return [f.code for f in validate_repository(root, use_cache=False).findings]


def test_validate_reports_bands_not_tiled(tmp_path: Path) -> None:
    root = make_tracker(tmp_path / "t", with_git=False)
    org = root / "submissions" / "organisasi.yml"
    text = org.read_text().replace(
        "pengaturan:\n  zona_waktu: Asia/Jakarta",
        "pengaturan:\n  zona_waktu: Asia/Jakarta\n  predikat:\n"
        "    - {min: 80, nama: Baik}\n    - {min: 0, maks: 70, nama: Kurang}",
    )
    org.write_text(text)
    report = validate_repository(root, use_cache=False)
    found = [f for f in report.findings if f.code == "bands-not-tiled"]
    assert len(found) == 1
    assert "celah" in found[0].message and found[0].line is not None


def _sop(root: Path) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load(
        (root / "docs" / "sop" / "pengumpulan-data-kinerja.yml").read_text()
    )
    return data


def test_outside_party_lane(tmp_path: Path) -> None:
    root = make_tracker(tmp_path / "t", with_git=False)
    sop = _sop(root)
    lanes = sop["pelaksana"]
    assert isinstance(lanes, list)
    lanes.append({"id": "perangkat-daerah", "nama": "Perangkat Daerah", "pihak_luar": True})
    write(root, "docs/sop/pengumpulan-data-kinerja.yml", yaml.safe_dump(sop, allow_unicode=True))
    assert "sop-lane-no-unit" not in _codes(root)
    lanes[-1] = {"id": "perangkat-daerah", "nama": "Perangkat Daerah"}
    write(root, "docs/sop/pengumpulan-data-kinerja.yml", yaml.safe_dump(sop, allow_unicode=True))
    assert "sop-lane-no-unit" in _codes(root)


def test_workflow_sop_choice() -> None:
    steps = {"aktivitas": [{"no": 1, "langkah": "perintah"}]}
    plain = {"aktivitas": [{"no": 1}]}
    one = select_workflow_sop({"docs/sop/a.yml": steps, "docs/sop/b.yml": plain}, None)
    assert one.path == "docs/sop/a.yml" and one.problem is None
    two = select_workflow_sop({"docs/sop/a.yml": steps, "docs/sop/b.yml": steps}, None)
    assert two.path is None and two.problem and "2 SOP" in two.problem and two.error
    named = select_workflow_sop({"docs/sop/a.yml": steps, "docs/sop/b.yml": steps}, "b")
    assert named.path == "docs/sop/b.yml"
    missing = select_workflow_sop({"docs/sop/a.yml": steps}, "c")
    assert missing.problem and "tidak ada" in missing.problem
    none = select_workflow_sop({"docs/sop/b.yml": plain}, None)
    assert none.path is None and none.problem and not none.error
    assert select_workflow_sop({}, None).problem is None


def test_validate_reports_two_workflow_sops(tmp_path: Path) -> None:
    root = make_tracker(tmp_path / "t", with_git=False)
    sop = _sop(root)
    sop["id"] = "kedua"
    write(root, "docs/sop/kedua.yml", yaml.safe_dump(sop, allow_unicode=True))
    assert "sop-workflow-ambiguous" in _codes(root)
    org = root / "submissions" / "organisasi.yml"
    org.write_text(
        org.read_text().replace(
            "pengaturan:\n", "pengaturan:\n  sop_alur_kerja: pengumpulan-data-kinerja\n"
        )
    )
    assert "sop-workflow-ambiguous" not in _codes(root)
