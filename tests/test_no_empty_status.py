"""Issue 11, "no status from nothing": a path that holds no data is an error and never a
hand-in; data deleted after the period is signed is flagged; a shallow or partial clone is
refused by `kinerja status`, `kinerja pages` and the site build (real Git, real mkdocs)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from kinerja.demo import DemoInfo
from kinerja.snapshot import take_snapshot
from kinerja.status import PeriodStatus
from kinerja.validate.runner import validate_repository
from signing import demo_landing
from tracker import REPO, SUBMISSION, git, make_tracker, signed_commit, write

SUB = "submissions/2026-q4/irban-1.yml"
WHO = ("-c", "user.name=t", "-c", "user.email=t@example.go.id")


def _codes(root: Path) -> set[tuple[str, str]]:
    return {(f.code, f.path) for f in validate_repository(root, use_cache=False).findings}


def _kinerja(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts")}
    return subprocess.run(
        [sys.executable, "-m", "kinerja", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_gitlink_in_the_index_is_an_error(tmp_path: Path) -> None:
    """A submodule entry written straight into the index (mode 160000), as `git submodule add`
    leaves it; the working tree holds only an empty folder there."""
    root = make_tracker(tmp_path / "repo")
    git(root, "rm", "-q", SUB)
    head = git(root, "rev-parse", "HEAD").strip()
    git(root, "update-index", "--add", "--cacheinfo", f"160000,{head},{SUB}")
    git(root, *WHO, "commit", "-qm", "gitlink")
    assert ("file-gitlink", SUB) in _codes(root)
    git(root, "update-index", "--add", "--cacheinfo", f"160000,{head},submissions/2026-q4/x.csv")
    assert ("file-gitlink", "submissions/2026-q4/x.csv") in _codes(root)


def test_symlink_fifo_and_nested_repository_without_git(tmp_path: Path) -> None:
    """A plain folder (no Git): a link, a named pipe and a nested repository at data paths."""
    root = make_tracker(tmp_path / "repo", with_git=False)
    (root / SUB).unlink()
    (root / SUB).symlink_to(root / "submissions" / "indikator.yml")
    os.mkfifo(root / "submissions/2026-q4/irban-2.yml")
    nested = root / "submissions/2026-q4/irban-3.yml"
    nested.mkdir()
    git(nested, "init", "-q")
    found = _codes(root)
    assert ("file-symlink", SUB) in found
    assert ("file-not-regular", "submissions/2026-q4/irban-2.yml") in found
    assert ("file-gitlink", "submissions/2026-q4/irban-3.yml") in found


def test_null_document_merged_is_never_a_hand_in(tmp_path: Path) -> None:
    """`~` committed as a unit's submission: the history has a hand-in event, yet the unit is
    not received (status from the data, not from the file's mere presence)."""
    root = make_tracker(tmp_path / "repo")
    write(root, "submissions/2026-q4/irban-2.yml", "~\n")
    write(root, SUB, "unit: irban-1\nperiode: 2026-q4\ndisampaikan_oleh: mira-andriani\n")
    git(root, "add", "-A")
    signed_commit(root, "data kosong")  # a verified landing: the history has a hand-in
    snap = take_snapshot(root, use_cache=False)
    units = snap.states["2026-q4"].units
    for unit in ("irban-1", "irban-2"):
        assert not units[unit].status.received, (unit, units[unit])
        assert units[unit].invalid
    assert snap.states["2026-q4"].status is PeriodStatus.DIBUKA
    codes = {f.code for f in snap.tracker.report.findings}
    assert {"document-null", "submission-empty"} <= codes


def test_deletion_after_signing_is_flagged(demo_repo: DemoInfo, demo_copy: Path) -> None:
    before = take_snapshot(demo_copy, now=demo_repo.now)
    pid, state = next((p, s) for p, s in before.states.items() if s.status is PeriodStatus.DISAHKAN)
    assert not [p for p in state.problems if "setelah periode ini disahkan" in p]
    unit = next(u for u, s in state.units.items() if s.status.received and s.path)
    path = state.units[unit].path
    assert path is not None
    git(demo_copy, "rm", "-q", path)
    demo_landing(demo_copy, demo_repo.today, demo_repo.seed, f"Hapus data {unit}")
    after = take_snapshot(demo_copy, now=demo_repo.now)
    flagged = [p for p in after.states[pid].problems if "setelah periode ini disahkan" in p]
    assert len(flagged) == 1 and unit in flagged[0] and path in flagged[0], flagged
    out = _kinerja(demo_copy, "status", "--period", pid, "--now", demo_repo.now.isoformat())
    assert out.returncode == 0, out.stderr
    assert "setelah periode ini disahkan" in out.stdout, out.stdout
    from kinerja.site.pages.periods import period_page

    page = period_page(after, pid, after.states[pid])
    assert "setelah periode ini disahkan" in page


def test_shallow_clone_is_refused_everywhere(demo_repo: DemoInfo, tmp_path: Path) -> None:
    """A real `git clone --depth 1`: status, pages and the MkDocs build exit non-zero with a
    message naming `fetch-depth: 0`, instead of a site where every unit is late."""
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{demo_repo.root}", str(clone)],
        check=True,
        capture_output=True,
    )
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    for args in (("status",), ("pages", "--out", str(tmp_path / "out"))):
        out = _kinerja(clone, *args)
        assert out.returncode == 2, (args, out.stdout, out.stderr)
        assert "fetch-depth: 0" in out.stderr and "Traceback" not in out.stderr, out.stderr
        assert "history-shallow" in out.stderr
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts"), "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert built.returncode != 0
    assert "fetch-depth: 0" in built.stdout + built.stderr


def test_partial_clone_is_refused(tmp_path: Path) -> None:
    root = make_tracker(tmp_path / "repo")
    git(root, "config", "extensions.partialclone", "origin")
    out = _kinerja(root, "status")
    assert out.returncode == 2 and "fetch-depth: 0" in out.stderr, out.stderr


def test_plain_folder_without_git_still_works(tmp_path: Path) -> None:
    """No Git at all (a downloaded copy): nothing to misread; a warning, statuses from data."""
    root = make_tracker(tmp_path / "repo", with_git=False)
    out = _kinerja(root, "status")
    assert out.returncode == 0, out.stderr
    assert "bukan repositori Git" in out.stderr


def test_csv_nihil_rows_round_trip(tmp_path: Path) -> None:
    """`nihil` rows of the one-table form read into dokumen_nihil; the writer writes them."""
    from kinerja.read import Limits, read_bytes
    from kinerja.write.table_out import submission_csv

    data = {
        "unit": "irban-1",
        "periode": "2026-q4",
        "disampaikan_oleh": "mira-andriani",
        "dokumen_nihil": [
            {"jenis": "LHP", "alasan": "Tidak ada pemeriksaan yang selesai."},
            {"jenis": "TLHP", "alasan": "Belum jatuh tempo."},
        ],
        "realisasi": [
            {"indikator": "jumlah-lhp", "nilai": 0},
            {"indikator": "persentase-tindak-lanjut", "nilai": 80},
        ],
    }
    raw = submission_csv(data)
    doc = read_bytes(raw, "submissions/2026-q4/irban-1.csv", Limits())
    assert doc.data["dokumen_nihil"] == data["dokumen_nihil"]
    root = make_tracker(tmp_path / "repo", with_git=False)
    (root / SUB).unlink()
    (root / "submissions/2026-q4/irban-1.csv").write_bytes(raw)
    assert _codes(root) == set()
    assert "dokumen_nihil" not in SUBMISSION.split("kendala")[0]  # the fixture's own answer
    shutil.rmtree(root)
