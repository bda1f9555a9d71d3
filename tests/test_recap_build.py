"""build_recap on small, hand-checked inputs: every documented rule has a case here."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest

from kinerja.recap import Recap, build_recap
from kinerja.recap.columns import COLUMNS, VIEWS

IRBAN = ["irban-1", "irban-2"]


def indicator(ident: str, agregasi: str, arah: str = "naik", **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": ident,
        "nama": f"Indikator {ident}",
        "satuan": "angka",
        "arah": arah,
        "agregasi": agregasi,
        "frekuensi": "triwulan",
        "unit": IRBAN,
        "presisi": 0,
        "target": [],
    }
    base.update(extra)
    return base


LHP_TARGETS = [
    {"tahun": 2026, "unit": "irban-1", "nilai": 12, "periode": {"2026-q1": 3, "2026-q2": 3}},
    {"tahun": 2026, "unit": "irban-2", "nilai": 8},
]
CATALOGUE = [
    indicator("jumlah-lhp", "jumlah", presisi=0, target=LHP_TARGETS),
    indicator(
        "persentase-tl",
        "terakhir",
        presisi=2,
        target=[{"tahun": 2026, "nilai": {"min": 80, "max": 90}}],
    ),
    indicator(
        "hari-lambat",
        "rata-rata",
        arah="turun",
        unit=["irban-1"],
        presisi=1,
        target=[{"tahun": 2026, "nilai": 5}],
    ),
]

REQUESTS = {
    "2026-q1": {
        "periode": "2026-q1",
        "penerima": [
            {"unit": "irban-1", "indikator": ["jumlah-lhp", "persentase-tl", "hari-lambat"],
             "dokumen": ["LHP"]},
            {"unit": "irban-2", "indikator": ["jumlah-lhp", "persentase-tl"],
             "dokumen": ["LHP", "TLHP"]},
        ],
    },
    "2026-q2": {
        "periode": "2026-q2",
        "penerima": [
            {"unit": "irban-1", "indikator": ["jumlah-lhp", "persentase-tl", "hari-lambat"],
             "dokumen": ["LHP"]},
            {"unit": "irban-2", "indikator": ["jumlah-lhp", "persentase-tl"]},
        ],
    },
}  # fmt: skip


def sub(unit: str, periode: str, realisasi: list[dict[str, Any]], docs: int = 0) -> dict[str, Any]:
    return {
        "unit": unit,
        "periode": periode,
        "disampaikan_oleh": "x",
        "dokumen": [{"jenis": "LHP", "nomor": str(n)} for n in range(docs)],
        "realisasi": realisasi,
    }


SUBMISSIONS = [
    (
        "submissions/2026-q1/irban-1.yml",
        sub(
            "irban-1",
            "2026-q1",
            [
                {"indikator": "jumlah-lhp", "nilai": 2},
                {"indikator": "persentase-tl", "nilai": 75, "catatan": "=HYPERLINK(1)"},
                {"indikator": "hari-lambat", "nilai": 6},
            ],
            docs=2,
        ),
    ),
    (
        "submissions/2026-q1/irban-2.yml",
        sub(
            "irban-2",
            "2026-q1",
            [
                {"indikator": "jumlah-lhp", "nilai": 3},
                {"indikator": "persentase-tl", "nilai": 95},
                {"indikator": "tak-dikenal", "nilai": 1},
            ],
        ),
    ),
    (
        "submissions/2026-q2/irban-1.yml",
        sub(
            "irban-1",
            "2026-q2",
            [
                {"indikator": "jumlah-lhp", "nilai": 4, "catatan": "a"},
                {"indikator": "jumlah-lhp", "nilai": 1, "catatan": "b"},
                {"indikator": "hari-lambat", "nilai": 4},
            ],
            docs=1,
        ),
    ),
]


@pytest.fixture(scope="module")
def recap() -> Recap:
    return build_recap(CATALOGUE, REQUESTS, SUBMISSIONS, dokumen_indikator={"LHP": "jumlah-lhp"})


def row(frame: pd.DataFrame, **key: str) -> pd.Series[Any]:
    mask = pd.Series(True, index=frame.index)
    for column, value in key.items():
        mask &= frame[column] == value
    found = frame.loc[mask]
    assert len(found) == 1, key
    return found.iloc[0]


def test_columns_and_order_are_fixed(recap: Recap) -> None:
    for view in VIEWS:
        assert tuple(recap.view(view).columns) == COLUMNS[view]
    keys = recap.indikator[["periode", "unit", "indikator"]].apply(tuple, axis=1).tolist()
    assert keys == sorted(keys)
    assert list(recap.indikator.index) == list(range(len(recap.indikator)))
    with pytest.raises(KeyError, match="tidak ada"):
        recap.view("lain")


def test_period_capaian_uses_the_period_target(recap: Recap) -> None:
    r = row(recap.indikator, periode="2026-q1", unit="irban-1", indikator="jumlah-lhp")
    assert (r.target, r.realisasi) == (3, 2)
    assert r.capaian == pytest.approx(200 / 3)
    assert r.predikat == "Sedang"


def test_jumlah_without_period_target_has_no_period_capaian(recap: Recap) -> None:
    r = row(recap.indikator, periode="2026-q1", unit="irban-2", indikator="jumlah-lhp")
    assert r.realisasi == 3
    assert math.isnan(r.target)
    assert math.isnan(r.capaian)
    assert pd.isna(r.predikat)
    # ... but the year to date is measured against the unit's annual target
    y = row(recap.ytd, sd_periode="2026-q1", unit="irban-2", indikator="jumlah-lhp")
    assert (y.target, y.realisasi) == (8, 3)
    assert y.capaian == pytest.approx(37.5)


def test_non_additive_instansi_target_applies_to_every_unit(recap: Recap) -> None:
    r = row(recap.indikator, periode="2026-q1", unit="irban-2", indikator="persentase-tl")
    assert (r.target_min, r.target_max, r.realisasi) == (80, 90, 95)
    assert r.capaian == pytest.approx(95 / 90 * 100)
    assert math.isnan(r.target)


def test_turun_and_rata_rata(recap: Recap) -> None:
    q1 = row(recap.indikator, periode="2026-q1", unit="irban-1", indikator="hari-lambat")
    q2 = row(recap.indikator, periode="2026-q2", unit="irban-1", indikator="hari-lambat")
    assert (q1.capaian, q2.capaian) == (pytest.approx(80), pytest.approx(120))
    y = row(recap.ytd, sd_periode="2026-q2", unit="irban-1", indikator="hari-lambat")
    assert (y.realisasi, y.banyak_data, y.capaian) == (5, 2, pytest.approx(100))


def test_duplicates_are_combined_not_dropped(recap: Recap) -> None:
    r = row(recap.indikator, periode="2026-q2", unit="irban-1", indikator="jumlah-lhp")
    assert (r.realisasi, r.banyak_data) == (5, 2)
    assert r.catatan == "a; b"
    assert r.capaian == pytest.approx(500 / 3)


def test_requested_but_missing_stays_missing(recap: Recap) -> None:
    r = row(recap.indikator, periode="2026-q2", unit="irban-2", indikator="jumlah-lhp")
    assert bool(r.diminta)
    assert r.banyak_data == 0
    assert math.isnan(r.realisasi)
    assert math.isnan(r.capaian)
    assert pd.isna(r.sumber)


def test_unknown_indicator_is_kept_without_capaian(recap: Recap) -> None:
    r = row(recap.indikator, periode="2026-q1", unit="irban-2", indikator="tak-dikenal")
    assert not bool(r.diminta)
    assert r.realisasi == 1
    assert pd.isna(r.nama)
    assert math.isnan(r.capaian)
    assert "tak-dikenal" not in set(recap.ytd["indikator"])


def test_ytd_terakhir_carries_the_last_value(recap: Recap) -> None:
    y = row(recap.ytd, sd_periode="2026-q2", unit="irban-1", indikator="persentase-tl")
    assert (y.realisasi, y.banyak_data) == (75, 1)


def test_ytd_instansi(recap: Recap) -> None:
    lhp = row(recap.ytd_instansi, sd_periode="2026-q2", indikator="jumlah-lhp")
    # sum over units and periods, against the sum of the units' annual targets (12 + 8)
    assert (lhp.realisasi, lhp.target, lhp.banyak_unit, lhp.banyak_data) == (10, 20, 2, 3)
    assert lhp.capaian == pytest.approx(50)
    tl = row(recap.ytd_instansi, sd_periode="2026-q2", indikator="persentase-tl")
    assert tl.realisasi == pytest.approx(85)  # mean of each unit's latest value: (75 + 95) / 2
    assert tl.capaian == 100


def test_dokumen_counts_plan_and_missing(recap: Recap) -> None:
    d = recap.dokumen
    lhp1 = row(d, periode="2026-q1", unit="irban-1", jenis="LHP")
    assert (lhp1.jumlah, lhp1.rencana, bool(lhp1.diminta)) == (2, 3, True)
    assert lhp1.capaian == pytest.approx(200 / 3)
    tlhp = row(d, periode="2026-q1", unit="irban-2", jenis="TLHP")
    assert tlhp.jumlah == 0  # handed in, but without TLHP
    assert bool(tlhp.diserahkan)
    assert str(d["jumlah"].dtype) == "Int64"


def test_document_count_is_missing_when_nothing_was_handed_in() -> None:
    requests = {"2026-q1": {"penerima": [{"unit": "irban-1", "indikator": [], "dokumen": ["LHE"]}]}}
    recap = build_recap(CATALOGUE, requests, [])
    r = row(recap.dokumen, periode="2026-q1", unit="irban-1", jenis="LHE")
    assert pd.isna(r.jumlah)
    assert not bool(r.diserahkan)


def test_totals(recap: Recap) -> None:
    pu = row(recap.per_unit, periode="2026-q1", unit="irban-2")
    assert (pu.jumlah_indikator, pu.indikator_diminta, pu.indikator_dilaporkan) == (3, 2, 3)
    assert (pu.indikator_bercapaian, pu.jumlah_dokumen, bool(pu.diserahkan)) == (1, 0, True)
    missing = row(recap.per_unit, periode="2026-q2", unit="irban-2")
    assert not bool(missing.diserahkan)
    assert pd.isna(missing.jumlah_dokumen)
    assert math.isnan(missing.rata_capaian)
    pp = row(recap.per_periode, periode="2026-q1")
    assert (pp.jumlah_unit, pp.unit_menyerahkan, pp.jumlah_indikator) == (2, 2, 6)
    q1 = recap.indikator.loc[recap.indikator["periode"] == "2026-q1", "capaian"]
    assert pp.rata_capaian == pytest.approx(q1.mean())
    assert recap.per_unit["jumlah_indikator"].sum() == len(recap.indikator)


def test_target_rules_for_jumlah_instansi_targets() -> None:
    shared = [indicator("lhp", "jumlah", target=[{"tahun": 2026, "nilai": 48}])]
    sole = [indicator("lhp", "jumlah", unit=["irban-1"], target=[{"tahun": 2026, "nilai": 48}])]
    subs = [("a.yml", sub("irban-1", "2026-q1", [{"indikator": "lhp", "nilai": 12}]))]
    shared_recap = build_recap(shared, {}, subs)
    # 48 for the instansi is not 48 for one of two units ...
    assert pd.isna(shared_recap.ytd["target"].iloc[0])
    # ... but it is the instansi's target
    assert shared_recap.ytd_instansi.loc[0, "capaian"] == pytest.approx(25)
    # A sole owner carries the instansi target.
    assert build_recap(sole, {}, subs).ytd.loc[0, "capaian"] == pytest.approx(25)


def test_unit_target_wins_over_instansi_target() -> None:
    cat = [
        indicator(
            "tl",
            "terakhir",
            target=[{"tahun": 2026, "nilai": 80}, {"tahun": 2026, "unit": "irban-1", "nilai": 50}],
        )
    ]
    subs = [
        ("a.yml", sub("irban-1", "2026-q1", [{"indikator": "tl", "nilai": 50}])),
        ("b.yml", sub("irban-2", "2026-q1", [{"indikator": "tl", "nilai": 50}])),
    ]
    recap = build_recap(cat, {}, subs)
    assert recap.indikator["target"].tolist() == [50, 80]
    assert recap.indikator["capaian"].tolist() == [100, 62.5]


def test_other_year_has_no_target() -> None:
    subs = [("a.yml", sub("irban-1", "2027-q1", [{"indikator": "persentase-tl", "nilai": 85}]))]
    recap = build_recap(CATALOGUE, {}, subs)
    assert pd.isna(recap.indikator["capaian"].iloc[0])


def test_cap_and_bands_are_configuration() -> None:
    subs = [("a.yml", sub("irban-1", "2026-q1", [{"indikator": "jumlah-lhp", "nilai": 6}]))]
    bands = [{"min": 0, "nama": "Kurang"}, {"min": 150, "nama": "Istimewa"}]
    plain = build_recap(CATALOGUE, {}, subs, bands)
    capped = build_recap(CATALOGUE, {}, subs, bands, cap=100)
    assert plain.indikator.loc[0, "capaian"] == 200
    assert plain.indikator.loc[0, "predikat"] == "Istimewa"
    assert capped.indikator.loc[0, "capaian"] == 100
    assert capped.indikator.loc[0, "predikat"] == "Kurang"


def test_empty_input_gives_empty_tables_with_columns() -> None:
    recap = build_recap(CATALOGUE, {}, [])
    for view in VIEWS:
        frame = recap.view(view)
        assert frame.empty
        assert tuple(frame.columns) == COLUMNS[view]
    assert recap.to_json().startswith('{"versi":1')


def test_submissions_may_be_a_mapping() -> None:
    as_pairs = build_recap(CATALOGUE, REQUESTS, SUBMISSIONS)
    as_map = build_recap(CATALOGUE, REQUESTS, dict(SUBMISSIONS))
    assert as_pairs.to_json() == as_map.to_json()


def test_submission_without_unit_is_an_error_naming_the_file() -> None:
    bad = [("submissions/2026-q1/x.yml", {"periode": "2026-q1", "realisasi": []})]
    with pytest.raises(ValueError, match=r"x\.yml: submisi tanpa"):
        build_recap(CATALOGUE, {}, bad)


def test_non_numeric_nilai_is_missing_not_zero() -> None:
    subs = [("a.yml", sub("irban-1", "2026-q1", [{"indikator": "jumlah-lhp", "nilai": "85,5"}]))]
    r = build_recap(CATALOGUE, {}, subs).indikator.iloc[0]
    assert r.banyak_data == 1
    assert math.isnan(r.realisasi)
