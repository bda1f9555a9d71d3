"""Incremental builds: after a pull request changes one submission, only that file is read.

The validation cache (keyed by Git blob id) serves ``kinerja validate``, the recap and the site
build; the artefact cache serves the site's charts and workbooks. These tests watch every file
the process opens (a Python audit hook, not a stand-in for the readers) while the snapshot and
the pages are made again after a one-file change, and check that the cached build is byte for
byte the build without any cache.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kinerja.model.layout import classify
from kinerja.site.pages import build_pages
from kinerja.snapshot import take_snapshot
from kinerja.validate.cache import cache_dir

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
_WATCH: list[tuple[Path, set[Path]]] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event != "open" or not _WATCH or not isinstance(args[0], str | Path):
        return
    folder, seen = _WATCH[-1]
    path = Path(args[0])
    if path.is_absolute() and path.is_relative_to(folder):
        seen.add(path)


sys.addaudithook(_audit)  # audit hooks cannot be removed; it is idle outside ``watching``


@contextmanager
def watching(folder: Path) -> Iterator[set[Path]]:
    """The files under ``folder`` that this process opens inside the block."""
    seen: set[Path] = set()
    _WATCH.append((folder.resolve(), seen))
    try:
        yield seen
    finally:
        _WATCH.pop()


def _submission(root: Path, suffix: str) -> Path:
    """The middle submission of that format; for YAML, one that reports realisasi figures."""
    files = sorted(
        p
        for p in (root / "submissions").rglob(f"*{suffix}")
        if classify(p.relative_to(root).as_posix()).kind == "submisi"
        and (suffix != ".yml" or "\n    nilai: " in p.read_text(encoding="utf-8"))
    )
    assert files, f"the demo has no {suffix} submission"
    return files[len(files) // 2]


def _change(path: Path) -> None:
    """A correction: new bytes, a valid file (for CSV and XLSX, the same content saved again)."""
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(path)
        workbook.properties.title = "dikoreksi"
        workbook.save(path)
        return
    raw = path.read_bytes()
    if path.suffix == ".csv":  # Excel's "CSV UTF-8" adds a byte-order mark; same content
        bom = b"\xef\xbb\xbf"
        path.write_bytes(raw[3:] if raw.startswith(bom) else bom + raw)
        return
    text = raw.decode("utf-8")
    # A new realisasi figure: charts, recap tables and workbooks of the period must change.
    changed = re.sub(r"(\n\s+nilai: )(\d+)", lambda m: f"{m[1]}{int(m[2]) + 7}", text, count=1)
    assert changed != text
    path.write_text(changed, encoding="utf-8")


@pytest.mark.parametrize("suffix", [".yml", ".csv", ".xlsx"])
def test_site_build_after_one_change_reads_only_that_file(demo_copy: Path, suffix: str) -> None:
    root = demo_copy
    initial = build_pages(take_snapshot(root, now=NOW))  # main before the pull request
    target = _submission(root, suffix)
    _change(target)
    with watching(root / "submissions") as opened:
        snapshot = take_snapshot(root, now=NOW)
        pages = build_pages(snapshot)
    assert opened == {target.resolve()}
    assert snapshot.tracker.report.read == 1
    assert not [f for f in snapshot.tracker.report.findings if f.severity == "error"]
    # The cached build is the build from scratch, byte for byte.
    shutil.rmtree(cache_dir(root))
    fresh = build_pages(take_snapshot(root, now=NOW, use_cache=False))
    assert sorted(pages) == sorted(fresh)
    different = [name for name in pages if pages[name] != fresh[name]]
    assert different == []
    if suffix == ".yml":  # the new figure reached a chart and a workbook: the cache was tested
        redrawn = {n.rsplit(".", 1)[-1] for n in pages if pages[n] != initial.get(n)}
        assert {"svg", "xlsx"} <= redrawn


def test_unchanged_build_reads_no_data_file_and_draws_no_chart(demo_copy: Path) -> None:
    from kinerja.site import artefacts

    root = demo_copy
    build_pages(take_snapshot(root, now=NOW))
    site = cache_dir(root) / f"site-{artefacts.fingerprint()}"
    before = {p.name: p.stat().st_mtime_ns for p in site.iterdir()}
    assert any(n.endswith(".svg") for n in before) and any(n.endswith(".xlsx") for n in before)
    with watching(root / "submissions") as opened:
        snapshot = take_snapshot(root, now=NOW)
        build_pages(snapshot)
    assert opened == set()
    assert snapshot.tracker.report.read == 0
    assert {p.name: p.stat().st_mtime_ns for p in site.iterdir()} == before


def test_cache_is_safe_to_delete_and_outside_the_tracked_files(demo_copy: Path) -> None:
    import subprocess

    root = demo_copy
    first = build_pages(take_snapshot(root, now=NOW))
    folder = cache_dir(root)
    assert folder.is_dir() and folder.is_relative_to(root / ".git")
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True, check=True
    )
    assert status.stdout == ""
    shutil.rmtree(folder)
    assert build_pages(take_snapshot(root, now=NOW)) == first
