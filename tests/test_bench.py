"""The benchmark at smoke size: every step runs and prints its row (figures are not judged here;
speed is measured by ``make bench``, not by timed tests)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STEPS = (
    "validate dingin / yaml.load(CSafeLoader)",
    "check-jsonschema / validate dingin",
    "validate hangat, 1 berkas berubah",
    "validate dingin, semua XLSX / semua YAML",
    "templat Excel semua unit, 1 periode",
    "rekap / muat dingin",
    "kinerja status (hangat)",
    "riwayat dingin, tanda tangan diperiksa / git log --name-status",
    "riwayat hangat (commit dan verifikasi tersimpan) / git log --name-status",
    "riwayat hangat setelah 1 pendaratan baru / git log --name-status",
    "riwayat, hanya verifikasi tersimpan / git log --name-status",
    "kinerja laporan 2026 (DOCX) / kinerja recap 2026-10",
    "pembuatan halaman (dingin) / build Material polos",
    "pembuatan halaman (hangat) / build Material polos",
    "mkdocs build penuh (cache hangat) / Material polos",
    "mkdocs build setelah 1 berkas berubah / Material polos",
)


def test_benchmark_runs_every_step_at_smoke_size(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench.py"),
            "--years=1",
            "--units=3",
            "--rows=4",
            "--formats=yml,csv,xlsx",
            f"--out={tmp_path}",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CI": "1"},
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stderr == ""  # quiet in CI logs: no progress lines
    table = [line for line in proc.stdout.splitlines() if line.startswith("| ")]
    assert [line.split(" | ")[0].removeprefix("| ") for line in table[1:]] == list(STEPS)
    for line in table[1:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert cells[1].endswith(" s") and float(cells[1][:-2]) > 0
    assert "1 berkas data dibaca ulang" in proc.stdout
    assert "Mesin: " in proc.stdout
