"""Shared fixtures: the example repository of ``kinerja demo``, made once per test session.

``demo_repo`` and ``synthetic_demo`` are read-only (many tests share them); a test that changes
files or Git state takes ``demo_copy``, its own copy of the demo repository.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kinerja.demo import DemoInfo, Scale, generate

#: The fixed "today" of the demo fixtures: statuses and times do not depend on the real date.
DEMO_TODAY = date(2026, 11, 25)
#: A small synthetic organisation: one year of monthly periods, five units.
SMALL_SCALE = Scale(
    years=1, units=5, indicators_per_unit=6, monthly=True, documents_per_submission=2
)


@pytest.fixture(scope="session")
def demo_repo(tmp_path_factory: pytest.TempPathFactory) -> DemoInfo:
    """The default demo (the shipped configuration), generated once. Do not modify it."""
    return generate(tmp_path_factory.mktemp("demo") / "repo", today=DEMO_TODAY, seed=1)


@pytest.fixture(scope="session")
def synthetic_demo(tmp_path_factory: pytest.TempPathFactory) -> DemoInfo:
    """The demo with :data:`SMALL_SCALE`, generated once. Do not modify it."""
    return generate(
        tmp_path_factory.mktemp("synthetic") / "repo",
        today=DEMO_TODAY,
        scale=SMALL_SCALE,
        seed=1,
    )


@pytest.fixture
def demo_copy(demo_repo: DemoInfo, tmp_path: Path) -> Path:
    """A private copy of the default demo repository, for tests that change it."""
    target = tmp_path / "demo"
    shutil.copytree(demo_repo.root, target, symlinks=True)
    return target


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's chromium through playwright, one per test session (per xdist worker): the
    browser test modules share it, since playwright's sync API cannot be started twice in one
    process while the first is running."""
    from browser import chromium_problem, launch

    problem = chromium_problem()
    if problem:
        pytest.fail(problem)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()
