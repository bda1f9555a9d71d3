"""Properties of build_recap over generated inputs: nothing lost or invented; deterministic."""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja.model.periods import period_key, period_year
from kinerja.recap import build_recap
from kinerja.recap.columns import VIEWS
from kinerja.recap.export import to_csv, to_json

UNITS = ["irban-1", "irban-2", "subbag-anev"]
PERIODS = ["2025-q4", "2025-12", "2026-01", "2026-02", "2026-03", "2026-q1", "2026-q2"]
IDS = ["a", "b", "c", "d"]

Inputs = tuple[list[dict[str, Any]], dict[str, dict[str, Any]], list[tuple[str, dict[str, Any]]]]


@st.composite
def target(draw: st.DrawFn) -> Any:
    number = st.integers(0, 50)
    ranged = st.builds(lambda lo, d: {"min": lo, "max": lo + d}, number, st.integers(0, 20))
    return draw(st.one_of(number, ranged))


@st.composite
def inputs(draw: st.DrawFn) -> Inputs:
    catalogue = []
    for ident in IDS:
        targets = []
        for unit in draw(st.lists(st.sampled_from([None, *UNITS]), unique=True, max_size=3)):
            entry: dict[str, Any] = {
                "tahun": draw(st.sampled_from([2025, 2026])),
                "nilai": draw(target()),
            }
            if unit:
                entry["unit"] = unit
            periods = draw(st.lists(st.sampled_from(PERIODS), unique=True, max_size=2))
            entry["periode"] = {p: draw(target()) for p in periods}
            targets.append(entry)
        catalogue.append({
            "id": ident, "nama": f"=Nama {ident}", "satuan": "angka",
            "arah": draw(st.sampled_from(["naik", "turun"])),
            "agregasi": draw(st.sampled_from(["jumlah", "terakhir", "rata-rata"])),
            "unit": draw(st.lists(st.sampled_from(UNITS), min_size=1, unique=True)),
            "presisi": 1, "target": targets,
        })  # fmt: skip
    requests: dict[str, dict[str, Any]] = {}
    for periode in draw(st.lists(st.sampled_from(PERIODS), unique=True, max_size=3)):
        requests[periode] = {
            "periode": periode,
            "penerima": [
                {
                    "unit": unit,
                    "indikator": draw(st.lists(st.sampled_from(IDS), unique=True)),
                    "dokumen": draw(st.lists(st.sampled_from(["LHP", "LHE", "TLHP"]), unique=True)),
                }
                for unit in draw(st.lists(st.sampled_from(UNITS), unique=True))
            ],
        }
    submissions = []
    where = st.tuples(
        st.sampled_from(PERIODS), st.sampled_from(UNITS), st.sampled_from(["yml", "csv"])
    )
    files = draw(st.lists(where, unique=True, max_size=8))
    value = st.one_of(st.none(), st.integers(-5, 100), st.sampled_from([0.1, 0.2, 2.5, 33.3]))
    for periode, unit, ext in files:
        items = [
            {"indikator": i, "nilai": v, "catatan": draw(st.sampled_from([None, "ok", "-1", "@x"]))}
            for i, v in draw(st.lists(st.tuples(st.sampled_from([*IDS, "zz"]), value), max_size=6))
        ]
        docs = [{"jenis": j} for j in draw(st.lists(st.sampled_from(["LHP", "LHE", "TLHP"])))]
        submissions.append(
            (
                f"submissions/{periode}/{unit}.{ext}",
                {"unit": unit, "periode": periode, "realisasi": items, "dokumen": docs},
            )
        )
    return catalogue, requests, submissions


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs())
def test_no_row_lost_and_none_invented(data: Inputs) -> None:
    catalogue, requests, submissions = data
    recap = build_recap(catalogue, requests, submissions)
    agregasi = {c["id"]: c["agregasi"] for c in catalogue}

    keys = {
        (s["periode"], s["unit"], r["indikator"]) for _, s in submissions for r in s["realisasi"]
    }
    keys |= {
        (p, pen["unit"], i) for p, req in requests.items() for pen in req["penerima"]
        for i in pen["indikator"]
    }  # fmt: skip
    frame = recap.indikator
    assert set(frame[["periode", "unit", "indikator"]].itertuples(index=False, name=None)) == keys
    assert len(frame) == len(keys)
    items = [r for _, s in submissions for r in s["realisasi"]]
    assert frame["banyak_data"].sum() == len(items)

    # jumlah: the recap's totals equal the inputs' sums, per period row and per year to date
    sums: dict[tuple[str, str], list[float]] = defaultdict(list)
    for _, s in submissions:
        for r in s["realisasi"]:
            if agregasi.get(r["indikator"]) == "jumlah" and r["nilai"] is not None:
                sums[(r["indikator"], str(period_year(s["periode"])))].append(float(r["nilai"]))
    jumlah = frame.loc[frame["agregasi"] == "jumlah"]
    assert math.isclose(
        jumlah["realisasi"].sum(), math.fsum(v for vs in sums.values() for v in vs), abs_tol=1e-9
    )
    inst = recap.ytd_instansi
    for (ident, tahun), values in sums.items():
        rows = inst.loc[(inst["indikator"] == ident) & (inst["tahun"] == int(tahun))]
        last = rows.sort_values("sd_periode", key=lambda s: s.map(period_key)).iloc[-1]
        assert math.isclose(float(last["realisasi"]), math.fsum(values), abs_tol=1e-9)

    # documents: every listed document is counted once
    listed = Counter((s["periode"], s["unit"]) for _, s in submissions for _ in s["dokumen"])
    assert recap.dokumen["jumlah"].fillna(0).sum() == sum(listed.values())
    assert recap.per_unit["jumlah_indikator"].sum() == len(frame)
    assert recap.per_periode["jumlah_indikator"].sum() == len(frame)

    # capaian is never negative, and missing realisasi never has a capaian
    assert (frame["capaian"].dropna() >= 0).all()
    assert frame.loc[frame["realisasi"].isna(), "capaian"].isna().all()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs(), st.randoms(use_true_random=False))
def test_same_input_any_order_same_bytes(data: Inputs, rnd: random.Random) -> None:
    catalogue, requests, submissions = data
    first = build_recap(catalogue, requests, submissions)

    shuffled_subs = submissions[:]
    rnd.shuffle(shuffled_subs)
    shuffled_requests = {}
    for periode in rnd.sample(list(requests), len(requests)):
        request = dict(requests[periode])
        request["penerima"] = rnd.sample(request["penerima"], len(request["penerima"]))
        shuffled_requests[periode] = request
    shuffled_catalogue = rnd.sample(catalogue, len(catalogue))
    second = build_recap(shuffled_catalogue, shuffled_requests, shuffled_subs)

    assert first.to_json() == second.to_json() == to_json(build_recap(*data))
    for view in VIEWS:
        for dialek in ("excel-id", "standar"):
            assert to_csv(first, view, dialek=dialek) == to_csv(second, view, dialek=dialek)
