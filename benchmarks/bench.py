"""Regency-scale benchmark: every figure is a ratio against a baseline measured in the same run.

Generates a synthetic tracker with the same generator as ``kinerja demo`` (default 10 years x 60
units x 60 realisasi rows, monthly: 7,200 submission files and about 20,000 commits), then times
each pipeline step in a fresh process (cold imports included, like CI) against its baseline:

* cold ``kinerja validate`` vs a bare single-process ``yaml.load(CSafeLoader)`` of the same files
  (goal <= 1.0);
* ``check-jsonschema`` with the same schema vs ``kinerja validate`` (goal >= 10);
* a warm ``kinerja validate`` after one file changed (goal <= 1 s);
* the recap after loading vs the cold load (goal <= 20 %), ``kinerja status`` warm;
* history extraction vs a bare ``git log --name-status`` (goal <= 2);
* page generation vs a plain Material build of the same pages written as static Markdown
  (goal <= 1.2), and the full ``mkdocs build``;
* peak memory (RSS) of each step.

Usage: ``python benchmarks/bench.py [--years 10 --units 60 --rows 60] [--out DIR] [--keep]``.
Figures go to stdout as a Markdown table (paste into docs/panduan/kinerja-dan-skala.md).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PY = sys.executable
ENV = {**os.environ, "PYTHONPATH": str(REPO / "scripts"), "CI": "1"}


@dataclass
class Measure:
    seconds: float
    peak_mb: float
    output: str


_RUNNER = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(sys.argv[2:], cwd=sys.argv[1], capture_output=True, text=True)
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"wall": wall, "peak": peak, "rc": proc.returncode,
                  "out": proc.stdout[-4000:], "err": proc.stderr[-4000:]}))
"""


def run(cwd: Path, *cmd: str, ok: Sequence[int] = (0,)) -> Measure:
    """Run ``cmd`` in a fresh process; wall time and the peak RSS of its process tree."""
    proc = subprocess.run(
        [PY, "-c", _RUNNER, str(cwd), *cmd], capture_output=True, text=True, env=ENV, check=True
    )
    data = json.loads(proc.stdout)
    if data["rc"] not in ok:
        raise SystemExit(f"failed ({data['rc']}): {' '.join(cmd)}\n{data['out']}\n{data['err']}")
    return Measure(data["wall"], data["peak"], data["out"])


def py(code: str) -> list[str]:
    return [PY, "-c", code]


def progress(message: str) -> None:
    if sys.stderr.isatty() and not os.environ.get("CI"):
        print(f"… {message}", file=sys.stderr, flush=True)


BARE_YAML = r"""
import sys, yaml
from pathlib import Path
n = 0
for p in sorted(Path("submissions").rglob("*.yml")):
    if p.parent.name[:1].isdigit() and p.name != "permintaan.yml":
        yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader); n += 1
print(n)
"""

BARE_LOG = ["git", "log", "--name-status", "-M", "--full-history", "--", "submissions", "docs/sop"]


def generate(dest: Path, years: int, units: int, rows: int, formats: str) -> dict[str, object]:
    code = (
        "import sys, json, datetime as dt\n"
        "from pathlib import Path\n"
        "from kinerja.demo import generate, Scale\n"
        f"info = generate(Path({str(dest)!r}), today=dt.date(2026, 11, 25), "
        f"scale=Scale(years={years}, units={units}, indicators_per_unit={rows}, monthly=True, "
        f"documents_per_submission=3, formats={tuple(formats.split(','))!r}))\n"
        "print(json.dumps({'commits': info.commits, 'files': info.submissions}))\n"
    )
    measure = run(dest.parent, *py(code))
    data: dict[str, object] = json.loads(measure.output.strip().splitlines()[-1])
    data["seconds"] = measure.seconds
    return data


def fmt(seconds: float) -> str:
    return f"{seconds:.2f} s"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--units", type=int, default=60)
    parser.add_argument("--rows", type=int, default=60, help="realisasi rows per submission")
    parser.add_argument(
        "--formats", default="yml", help="submission formats, comma-separated (yml,csv,xlsx)"
    )
    parser.add_argument("--out", type=Path, default=None, help="keep the repository here")
    parser.add_argument(
        "--steps", default="validate,recap,history,site", help="which groups to measure"
    )
    args = parser.parse_args(argv)
    steps = set(args.steps.split(","))

    base = args.out or Path(tempfile.mkdtemp(prefix="kinerja-bench-"))
    repo = base / "repo"
    if repo.exists():
        shutil.rmtree(repo)
    base.mkdir(parents=True, exist_ok=True)
    progress("membangkitkan repositori sintetis")
    info = generate(repo, args.years, args.units, args.rows, args.formats)
    cache = repo / ".git" / "kinerja-cache"
    rows: list[tuple[str, str, str, str, str]] = []  # step, time, baseline, ratio, goal

    def row(step: str, m: Measure, base_m: Measure | None, goal: str, invert: bool = False) -> None:
        if base_m is None:
            rows.append((step, fmt(m.seconds), "–", "–", goal + f" · puncak {m.peak_mb:.0f} MB"))
            return
        ratio = base_m.seconds / m.seconds if invert else m.seconds / base_m.seconds
        rows.append(
            (
                step,
                fmt(m.seconds),
                fmt(base_m.seconds),
                f"{ratio:.2f}",
                goal + f" · puncak {m.peak_mb:.0f} MB",
            )
        )

    kinerja = [PY, "-m", "kinerja"]
    if "validate" in steps:
        progress("baseline: yaml.load(CSafeLoader)")
        bare = run(repo, *py(BARE_YAML))
        shutil.rmtree(cache, ignore_errors=True)
        progress("kinerja validate (dingin)")
        cold = run(repo, *kinerja, "validate", "--format", "json", ok=(0, 1))
        row("validate dingin / yaml.load(CSafeLoader)", cold, bare, "tujuan ≤ 1,0")
        progress("check-jsonschema")
        files = sorted(
            str(p.relative_to(repo))
            for p in (repo / "submissions").rglob("*.yml")
            if p.parent.name[:1].isdigit() and p.name != "permintaan.yml"
        )
        cj = run(
            repo,
            str(Path(PY).parent / "check-jsonschema"),
            "--schemafile",
            str(REPO / "schema" / "submisi.schema.json"),
            *files,
            ok=(0, 1),
        )
        row("check-jsonschema / validate dingin", cold, cj, "tujuan ≥ 10", invert=True)
        target = repo / files[len(files) // 2]
        target.write_text(
            target.read_text(encoding="utf-8").replace("nilai: ", "nilai: 1", 1), encoding="utf-8"
        )
        progress("kinerja validate (hangat, satu berkas berubah)")
        warm = run(repo, *kinerja, "validate", ok=(0, 1))
        row("validate hangat, 1 berkas berubah", warm, None, "tujuan ≤ 1 s")
        subprocess.run(["git", "-C", str(repo), "checkout", "--", "."], check=True)
    if "recap" in steps:
        progress("rekap")
        code = (
            "import time, json\nfrom pathlib import Path\n"
            "from kinerja.model.repository import load_tracker\n"
            "from kinerja.snapshot import compute_recap\n"
            "import kinerja.recap.build  # pandas: imported before the clock starts\n"
            "t0=time.perf_counter(); tr=load_tracker(Path('.'))\n"
            "t1=time.perf_counter(); compute_recap(tr); t2=time.perf_counter()\n"
            "print(json.dumps({'load': t1-t0, 'recap': t2-t1}))\n"
        )
        shutil.rmtree(cache, ignore_errors=True)
        m = run(repo, *py(code))
        parts = json.loads(m.output.strip().splitlines()[-1])
        rows.append(
            (
                "rekap / muat dingin",
                fmt(parts["recap"]),
                fmt(parts["load"]),
                f"{parts['recap'] / parts['load']:.2f}",
                f"tujuan ≤ 0,20 · puncak {m.peak_mb:.0f} MB",
            )
        )
        status = run(repo, *kinerja, "status")
        row("kinerja status (hangat)", status, None, "ujung ke ujung")
    if "history" in steps:
        progress("riwayat")
        bare_log = run(repo, *BARE_LOG)
        code = (
            "from pathlib import Path\nfrom kinerja.history import read_history\n"
            "h = read_history(Path('.'))\nprint(len(h.events))\n"
        )
        hist = run(repo, *py(code))
        row("riwayat / git log --name-status", hist, bare_log, "tujuan ≤ 2")
    if "site" in steps:
        progress("situs")
        code = (
            "import sys, time\nfrom pathlib import Path\n"
            "from kinerja.snapshot import take_snapshot\n"
            "from kinerja.site.pages import build_pages\n"
            "s = take_snapshot(Path('.'))\nt = time.perf_counter()\n"
            "pages = build_pages(s)\nprint(time.perf_counter() - t, len(pages))\n"
        )
        gen = run(repo, *py(code))
        seconds, count = gen.output.split()[-2:]
        rows.append(
            (
                "pembuatan halaman (dari snapshot)",
                fmt(float(seconds)),
                "–",
                "–",
                f"{count} berkas · puncak {gen.peak_mb:.0f} MB",
            )
        )
        full = run(repo, str(Path(PY).parent / "mkdocs"), "build", "--quiet")
        row("mkdocs build penuh", full, None, "")
    machine = f"{platform.machine()}, {os.cpu_count()} inti, Python {platform.python_version()}"
    print(
        f"\nRepositori sintetis: {args.years} tahun × {args.units} unit × {args.rows} baris, "
        f"bulanan; {info['files']} berkas data, {info['commits']} commit; dibangkitkan dalam "
        f"{fmt(float(info['seconds']))}. Mesin: {machine}.\n"
    )  # type: ignore[arg-type]
    print("| Langkah | Waktu | Pembanding | Rasio | Tujuan / catatan |")
    print("|---|---:|---:|---:|---|")
    for step, t, b, r, goal in rows:
        print(f"| {step} | {t} | {b} | {r} | {goal} |")
    if args.out is None:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
