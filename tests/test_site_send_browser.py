"""The way from the browser to a pull request, without Git, in a real browser.

The demo is generated and built with ``mkdocs build --strict`` (the session's shared build) and
opened in Debian's chromium. On the page of a period that is still open and on the page of a
unit that still has to send, "Unduh templat Excel" (and CSV, YAML) and "Unggah berkas" must be
there for each (period, unit), point at the published template and at the forge's upload page in
the period's folder, be fully visible on a phone (390 px) and a laptop (1280 px), and leave axe
with no serious or critical violation.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from browser import (
    FAILING_IMPACTS,
    StaticServer,
    axe_violations,
    build_demo_site,
    describe_violations,
    serving,
    shared_build,
)
from kinerja.model.organisation import Forge
from kinerja.model.submit import download_path, upload_url

pytestmark = pytest.mark.browser

WIDTHS = (390, 1280)
LOAD_TIMEOUT_MS = 60_000
LABELS = {
    "xlsx": "Unduh templat Excel",
    "csv": "Templat CSV",
    "yml": "Templat YAML",
    "upload": "Unggah berkas",
}


@pytest.fixture(scope="module")
def demo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_build(tmp_path_factory, "demo", build_demo_site)


@pytest.fixture(scope="module")
def forge(demo_root: Path) -> Forge:
    text = (demo_root / "submissions" / "organisasi.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    settings = data["instansi"]["forge"]
    return Forge(settings["jenis"], settings["url"], settings["repo"], settings["cabang"])


@pytest.fixture(scope="module")
def pending(demo_root: Path) -> list[tuple[str, str]]:
    """(period, unit) pairs whose send block the period pages show."""
    out = []
    for page in sorted((demo_root / "site" / "periode").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        out += re.findall(r'class="kj-send" data-periode="([^"]+)" data-unit="([^"]+)"', html)
    return out


@pytest.fixture(scope="module")
def server(demo_root: Path) -> Iterator[StaticServer]:
    with serving(demo_root / "site") as served:
        yield served


@contextlib.contextmanager
def opened(browser: Any, server: StaticServer, path: str, width: int) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="id-ID")
    context.set_default_timeout(LOAD_TIMEOUT_MS)
    try:
        page = context.new_page()
        response = page.goto(server.url(path), wait_until="networkidle")
        assert response is not None and response.status == 200, path
        yield page
    finally:
        context.close()


def _links(page: Any, period: str, unit: str) -> dict[str, Any]:
    group = page.locator(f'.kj-send[data-periode="{period}"][data-unit="{unit}"]')
    assert group.count() == 1, (period, unit)
    return {
        key: group.locator(f"a.kj-send-{key}")
        for key in ("xlsx", "csv", "yml", "upload")
        if group.locator(f"a.kj-send-{key}").count()
    }


#: Whether the element is inside the viewport horizontally and is what the browser would hit at
#: its centre (not covered or clipped by a scrolling table or the header).
VISIBLE_JS = """(el) => {
  el.scrollIntoView({block: "center", inline: "nearest"});
  const box = el.getBoundingClientRect();
  const inside = box.width > 0 && box.height > 0 && box.left >= 0 &&
    box.right <= document.documentElement.clientWidth && box.top >= 0 &&
    box.bottom <= window.innerHeight;
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {inside, hit: !!hit && (hit === el || el.contains(hit)),
          box: [box.left, box.top, box.right, box.bottom]};
}"""


def test_the_demo_has_units_still_to_send(pending: list[tuple[str, str]]) -> None:
    assert len(pending) >= 2, pending


@pytest.mark.parametrize("width", WIDTHS)
def test_period_page_offers_templates_and_upload(
    chromium: Any,
    server: StaticServer,
    pending: list[tuple[str, str]],
    forge: Forge,
    width: int,
) -> None:
    periods = sorted({p for p, _ in pending})
    for period in periods:
        with opened(chromium, server, f"/periode/{period}/", width) as page:
            for unit in [u for p, u in pending if p == period]:
                _check_group(page, server, forge, period, unit)


@pytest.mark.parametrize("width", WIDTHS)
def test_unit_page_offers_templates_and_upload(
    chromium: Any,
    server: StaticServer,
    pending: list[tuple[str, str]],
    forge: Forge,
    width: int,
) -> None:
    units = sorted({u for _, u in pending})
    for unit in units:
        with opened(chromium, server, f"/unit/{unit}/", width) as page:
            for period in [p for p, u in pending if u == unit]:
                _check_group(page, server, forge, period, unit)


def _check_group(page: Any, server: StaticServer, forge: Forge, period: str, unit: str) -> None:
    links = _links(page, period, unit)
    assert set(links) == set(LABELS), (period, unit, sorted(links))
    for key, link in links.items():
        assert link.inner_text().strip() == LABELS[key]
        where = link.evaluate("(a) => a.href")
        seen = link.evaluate(VISIBLE_JS)
        assert seen["inside"] and seen["hit"], (period, unit, key, seen)
        if key == "upload":
            assert where == upload_url(forge, period)
            assert where.endswith(f"/upload/main/submissions/{period}")
            assert link.get_attribute("rel") == "noopener noreferrer nofollow"
            continue
        assert where == server.url("/" + download_path(period, unit, key))
        assert link.get_attribute("download") == f"{unit}.{key}"
        response = page.request.get(where)
        assert response.status == 200, where
        body = response.body()
        assert body[:2] == b"PK" if key == "xlsx" else unit.encode() in body


@pytest.mark.parametrize("width", WIDTHS)
def test_send_blocks_leave_axe_at_zero(
    chromium: Any, server: StaticServer, pending: list[tuple[str, str]], width: int
) -> None:
    period, unit = pending[0]
    for path in (f"/periode/{period}/", f"/unit/{unit}/"):
        with opened(chromium, server, path, width) as page:
            found = [v for v in axe_violations(page) if v["impact"] in FAILING_IMPACTS]
            assert not found, f"{path} @ {width}px:\n{describe_violations(found)}"


def test_organisation_page_shows_each_person_id(
    chromium: Any, server: StaticServer, demo_root: Path
) -> None:
    text = (demo_root / "submissions" / "organisasi.yml").read_text(encoding="utf-8")
    ids = [p["id"] for p in yaml.safe_load(text)["pegawai"]]
    with opened(chromium, server, "/organisasi/", 1280) as page:
        shown = set(page.locator("code.kj-person-id").all_inner_texts())
    assert set(ids) <= shown
