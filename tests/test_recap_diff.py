"""diff_recaps and its Markdown: what a pull request changes in the recap."""

from __future__ import annotations

import copy
from typing import Any

import pandas as pd

from kinerja.recap import build_recap, diff_markdown, diff_recaps
from kinerja.recap.diff import DIFF_COLUMNS

CATALOGUE: list[dict[str, Any]] = [
    {
        "id": "lhp",
        "nama": "Jumlah LHP",
        "satuan": "dokumen",
        "arah": "naik",
        "agregasi": "jumlah",
        "unit": ["irban-1", "irban-2"],
        "presisi": 0,
        "target": [
            {"tahun": 2026, "unit": u, "nilai": 12, "periode": {"2026-q1": 3, "2026-q2": 3}}
            for u in ("irban-1", "irban-2")
        ],
    }
]


def sub(unit: str, periode: str, nilai: Any) -> tuple[str, dict[str, Any]]:
    return (
        f"submissions/{periode}/{unit}.yml",
        {"unit": unit, "periode": periode, "realisasi": [{"indikator": "lhp", "nilai": nilai}]},
    )


BASE = [sub("irban-1", "2026-q1", 3), sub("irban-2", "2026-q1", 2), sub("irban-1", "2026-q2", 1)]


def test_no_change_is_empty_and_says_so() -> None:
    old = build_recap(CATALOGUE, {}, BASE)
    new = build_recap(CATALOGUE, {}, copy.deepcopy(BASE))
    diff = diff_recaps(old, new)
    assert diff.empty
    assert tuple(diff.columns) == DIFF_COLUMNS
    assert "Tidak ada perubahan" in diff_markdown(diff)


def test_added_removed_changed() -> None:
    old = build_recap(CATALOGUE, {}, BASE)
    changed = [sub("irban-1", "2026-q1", 4), BASE[1], sub("irban-2", "2026-q2", 3)]
    new = build_recap(CATALOGUE, {}, changed)
    diff = diff_recaps(old, new)
    got = list(diff[["periode", "unit", "perubahan"]].itertuples(index=False, name=None))
    assert got == [
        ("2026-q1", "irban-1", "diubah"),
        ("2026-q2", "irban-1", "dihapus"),
        ("2026-q2", "irban-2", "ditambah"),
    ]
    first = diff.iloc[0]
    assert (first.realisasi_lama, first.realisasi_baru) == (3, 4)
    assert (first.predikat_lama, first.predikat_baru) == ("Sangat Tinggi", "Sangat Tinggi")
    assert pd.isna(diff.iloc[2].realisasi_lama)

    text = diff_markdown(diff)
    assert "1 baris ditambah, 1 baris diubah, 1 baris dihapus" in text
    assert "| Triwulan I 2026 | irban-1 | lhp | diubah | 3 → 4 | 100,00 → 133,33 |" in text
    assert "| Triwulan II 2026 | irban-2 | lhp | ditambah | 3 | 100,00 | Sangat Tinggi |" in text


def test_target_change_shows_as_capaian_change() -> None:
    old = build_recap(CATALOGUE, {}, BASE)
    catalogue = copy.deepcopy(CATALOGUE)
    catalogue[0]["target"] = [
        {"tahun": 2026, "unit": "irban-1", "nilai": 12, "periode": {"2026-q1": 6, "2026-q2": 3}},
        *catalogue[0]["target"][1:],
    ]
    diff = diff_recaps(old, build_recap(catalogue, {}, BASE))
    assert diff["perubahan"].tolist() == ["diubah"]
    assert (diff.iloc[0].capaian_lama, diff.iloc[0].capaian_baru) == (100, 50)


def test_missing_equals_missing() -> None:
    base = [sub("irban-1", "2026-q1", None)]
    assert diff_recaps(build_recap(CATALOGUE, {}, base), build_recap(CATALOGUE, {}, base)).empty
    filled = diff_recaps(
        build_recap(CATALOGUE, {}, base), build_recap(CATALOGUE, {}, [sub("irban-1", "2026-q1", 2)])
    )
    assert filled["perubahan"].tolist() == ["diubah"]
    assert "– → 2" in diff_markdown(filled)


def test_markdown_is_truncated_and_numbers_are_indonesian() -> None:
    many = [sub(f"irban-{n}", "2026-q1", 1234.5) for n in range(1, 8)]
    diff = diff_recaps(build_recap(CATALOGUE, {}, []), build_recap(CATALOGUE, {}, many))
    text = diff_markdown(diff, max_baris=3)
    assert text.count("| ditambah |") == 3
    assert "… dan 4 baris lainnya" in text
    assert "1.234,5" in text


def test_markdown_cells_cannot_break_the_table() -> None:
    diff = pd.DataFrame(
        [["2026-q1", "a|b", "<x>@y", "ditambah", None, 1.0, None, 50.0, None, "Rendah\n|"]],
        columns=list(DIFF_COLUMNS),
    )
    line = diff_markdown(diff).splitlines()[-1]
    assert "a\\|b" in line
    assert "&lt;x&gt;@\u200by" in line
    assert "Rendah \\|" in line
    assert line.count(" | ") == 6
