"""Scale check of build_recap: 7,200 submissions x 60 realisasi rows (432,000 input rows).

Marked ``slow`` and skipped unless ``KINERJA_BENCH=1``; run directly (``python
tests/test_recap_bench.py``) to print time and peak memory. The generator is deterministic.
"""

from __future__ import annotations

import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from kinerja.recap.build import build_recap
from kinerja.recap.columns import VIEWS
from kinerja.recap.export import to_csv, to_json
from kinerja.recap.xlsx import write_xlsx

AGREGASI = ("jumlah", "terakhir", "rata-rata")


def synthetic(
    units: int = 600, months: int = 12, indicators: int = 60, seed: int = 7
) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]], list[tuple[str, dict[str, Any]]]]:
    """A kabupaten-scale input: every unit reports every indicator every month of 2026."""
    rng = random.Random(seed)
    unit_ids = [f"opd-{n:03d}" for n in range(units)]
    periods = [f"2026-{m:02d}" for m in range(1, months + 1)]
    catalogue = []
    for n in range(indicators):
        agregasi = AGREGASI[n % 3]
        targets: list[dict[str, Any]] = [{"tahun": 2026, "nilai": 80 + n % 10}]
        if agregasi == "jumlah":
            targets = [
                {
                    "tahun": 2026,
                    "unit": u,
                    "nilai": 24,
                    "periode": dict.fromkeys(periods, 2),
                }
                for u in unit_ids
            ]
        catalogue.append(
            {
                "id": f"ind-{n:02d}",
                "nama": f"Indikator {n}",
                "satuan": "angka",
                "arah": "turun" if n % 7 == 0 else "naik",
                "agregasi": agregasi,
                "frekuensi": "bulan",
                "unit": unit_ids,
                "presisi": n % 3,
                "target": targets,
            }
        )
    ids = [c["id"] for c in catalogue]
    requests = {
        p: {
            "periode": p,
            "penerima": [
                {"unit": u, "indikator": ids, "dokumen": ["LHP", "LHE"]} for u in unit_ids
            ],
        }
        for p in periods
    }
    submissions = []
    for p in periods:
        for u in unit_ids:
            realisasi = [
                {"indikator": i, "nilai": round(rng.uniform(0, 120), 2), "catatan": "-"}
                for i in ids
            ]
            dokumen = [{"jenis": rng.choice(["LHP", "LHE", "TLHP"])} for _ in range(3)]
            sub = {"unit": u, "periode": p, "realisasi": realisasi, "dokumen": dokumen}
            submissions.append((f"submissions/{p}/{u}.yml", sub))
    return catalogue, requests, submissions


def measure() -> dict[str, float]:
    catalogue, requests, submissions = synthetic()
    start, cpu = time.perf_counter(), time.process_time()
    recap = build_recap(catalogue, requests, submissions, dokumen_indikator={"LHP": "ind-00"})
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    # A second run under tracemalloc for the peak of Python-level allocations (numpy and pandas
    # report theirs to tracemalloc); it is slower, so its time is not the one reported.
    tracemalloc.start()
    build_recap(catalogue, requests, submissions, dokumen_indikator={"LHP": "ind-00"})
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    start = time.perf_counter()
    csv_bytes = sum(len(to_csv(recap, v)) for v in VIEWS)
    csv_time = time.perf_counter() - start
    start = time.perf_counter()
    json_text = to_json(recap)
    json_time = time.perf_counter() - start
    # XLSX at a twelfth of the scale (600 x 60 rows per sheet): openpyxl writes cell by cell.
    small = build_recap(*synthetic(units=50))
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        xlsx = write_xlsx(small, Path(folder) / "rekap.xlsx")
        xlsx_time = time.perf_counter() - start
        xlsx_size = xlsx.stat().st_size
    return {
        "submisi": len(submissions),
        "baris_masukan": sum(len(s["realisasi"]) for _, s in submissions),
        "baris_indikator": len(recap.indikator),
        "baris_ytd": len(recap.ytd),
        "detik_build": round(elapsed, 2),
        "detik_cpu_build": round(cpu, 2),
        "puncak_tracemalloc_mb": round(peak / 2**20, 1),
        "maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "detik_csv_semua_tabel": round(csv_time, 2),
        "csv_mb": round(csv_bytes / 2**20, 1),
        "detik_json": round(json_time, 2),
        "json_mb": round(len(json_text) / 2**20, 1),
        "xlsx_baris_indikator": len(small.indikator),
        "detik_xlsx": round(xlsx_time, 2),
        "xlsx_mb": round(xlsx_size / 2**20, 1),
    }


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("KINERJA_BENCH") != "1", reason="KINERJA_BENCH=1 to run")
def test_build_recap_scale() -> None:
    figures = measure()
    print(figures, file=sys.stderr)
    assert figures["baris_indikator"] == 7200 * 60
    assert figures["detik_build"] < 60


if __name__ == "__main__":
    for key, value in measure().items():
        print(f"{key}: {value}")
