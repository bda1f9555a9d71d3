"""Screenshots of every page type of the demo site, and of a printed period and SOP page.

Used to refresh the pictures of the Panduan (``docs/panduan/gambar/``), which show a NEUTRAL
example office (:mod:`neutral_office`: no name, id or NIP of a real office or person)::

    PYTHONPATH=scripts .venv/bin/python tests/screenshots.py docs/panduan/gambar
    PYTHONPATH=scripts .venv/bin/python tests/screenshots.py /tmp/gambar --site demo/site

Without ``--site`` the demo repository of the neutral example office is generated and built in
a temporary folder (about a minute). An office makes pictures of its own site with ``--site``.
Pages are shot in Debian's chromium 1280 px wide (a laptop), cut at :data:`MAX_HEIGHT`; prints
are the PDF the browser makes (A4), its sheets rendered by ``pdftoppm`` and laid side
by side. Images are reduced to 256 colours so the repository stays small.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # run as a script: the helpers next to it, the package in scripts/
    sys.path.insert(0, str(HERE))
if str(HERE.parent / "scripts") not in sys.path:
    sys.path.insert(1, str(HERE.parent / "scripts"))

from browser import (  # noqa: E402 - after the path set-up above
    PAGE_TYPES,
    chromium_problem,
    launch,
    page_urls,
    serving,
    signed_period,
)
from neutral_office import build_neutral_site  # noqa: E402 - after the path set-up above

WIDTH = 1280
VIEWPORT_HEIGHT = 900
#: Pages are cut here: the top of a page is what the Panduan explains.
MAX_HEIGHT = 1500
#: Resolution of the rendered print sheets (dots per inch): A4 is about 500 px wide.
PRINT_DPI = 60
#: Phone screenshots (``ponsel-<kind>.png``): a common phone width, cut at :data:`PHONE_HEIGHT`.
PHONE_WIDTH = 390
PHONE_HEIGHT = 1600
PHONE_KINDS = (
    "beranda",
    "status",
    "periode",
    "unit",
    "indikator",
    "sop",
    "evaluasi-sop",
    "riwayat",
)
#: The chart of these page types as a phone shows it (``ponsel-grafik-<kind>.png``): the
#: figure is 36rem wide and scrolls sideways; its legend must be read without scrolling.
PHONE_CHARTS = ("periode", "unit")
#: File names of the page types where the Panduan already uses another name.
NAMES = {"sop": "sop-layar"}


def _quantise(path: Path) -> None:
    from PIL import Image

    with Image.open(path) as image:
        reduced = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
        reduced.save(path, optimize=True)


def _side_by_side(sheets: list[Path], target: Path) -> None:
    """Sheets of paper next to each other on grey, as a print preview shows them."""
    from PIL import Image

    images = [Image.open(p).convert("RGB") for p in sheets]
    gap = 10
    width = sum(i.width for i in images) + gap * (len(images) + 1)
    height = max(i.height for i in images) + 2 * gap
    canvas = Image.new("RGB", (width, height), (150, 150, 150))
    x = gap
    for image in images:
        canvas.paste(image, (x, gap))
        x += image.width + gap
        image.close()
    canvas.save(target)
    _quantise(target)


def _print(page: Any, url: str, target: Path, work: Path, sheets: int) -> int:
    """Print ``url`` to PDF, render its first ``sheets`` sheets (and the one with the lembar
    disposisi) side by side into ``target``; returns the number of sheets of the PDF."""
    pdf = work / (target.stem + ".pdf")
    page.goto(url, wait_until="networkidle")
    page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
    prefix = work / target.stem
    subprocess.run(["pdftoppm", "-png", "-r", str(PRINT_DPI), str(pdf), str(prefix)], check=True)
    rendered = sorted(work.glob(f"{target.stem}-*.png"))
    chosen = rendered[:sheets]
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    for index, sheet_text in enumerate(text):
        if (
            "Lembar disposisi" in sheet_text
            and index < len(rendered)
            and rendered[index] not in chosen
        ):
            chosen.append(rendered[index])
    _side_by_side(chosen, target)
    return len(rendered)


def take(site: Path, out: Path) -> list[Path]:
    """Every screenshot into ``out``; returns the files written."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    urls = page_urls(site)
    written = []
    with (
        serving(site) as server,
        sync_playwright() as playwright,
        tempfile.TemporaryDirectory() as tmp,
    ):
        browser = launch(playwright)
        context = browser.new_context(
            viewport={"width": WIDTH, "height": VIEWPORT_HEIGHT}, locale="id-ID"
        )
        page = context.new_page()
        for kind in PAGE_TYPES:
            page.goto(server.url(urls[kind]), wait_until="networkidle")
            height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
            target = out / f"{NAMES.get(kind, kind)}.png"
            page.screenshot(
                path=str(target),
                full_page=True,
                animations="disabled",
                clip={"x": 0, "y": 0, "width": WIDTH, "height": height},
            )
            _quantise(target)
            written.append(target)
        page.goto(server.url("/"), wait_until="networkidle")
        page.locator("input.md-search__input").click()
        page.keyboard.type("LHP", delay=50)
        page.wait_for_selector(".md-search-result__item")
        target = out / "pencarian.png"
        page.screenshot(
            path=str(target),
            animations="disabled",
            clip={"x": 0, "y": 0, "width": WIDTH, "height": VIEWPORT_HEIGHT},
        )
        _quantise(target)
        written.append(target)
        work = Path(tmp)
        for name, url, sheets in (
            ("periode-cetak", urls["periode"], 2),
            ("sop-cetak", urls["sop"], 2),
        ):
            target = out / f"{name}.png"
            _print(page, server.url(url), target, work, sheets)
            written.append(target)
        phone = browser.new_context(
            viewport={"width": PHONE_WIDTH, "height": 800}, locale="id-ID", device_scale_factor=1
        ).new_page()
        for kind in PHONE_KINDS:
            phone.goto(server.url(urls[kind]), wait_until="networkidle")
            height = min(phone.evaluate("document.documentElement.scrollHeight"), PHONE_HEIGHT)
            target = out / f"ponsel-{kind}.png"
            phone.screenshot(
                path=str(target),
                full_page=True,
                animations="disabled",
                clip={"x": 0, "y": 0, "width": PHONE_WIDTH, "height": height},
            )
            _quantise(target)
            written.append(target)
        for kind in PHONE_CHARTS:
            phone.goto(server.url(urls[kind]), wait_until="networkidle")
            target = out / f"ponsel-grafik-{kind}.png"
            phone.locator(".kj-figure").first.screenshot(path=str(target), animations="disabled")
            _quantise(target)
            written.append(target)
        browser.close()
    return written


#: Pictures of the Excel path in the staff guide: (file, page, element, viewport width).
#: Pages are found in the built site: the first open period and unit with a send block, and
#: the table of that unit on the Organisasi page.
SENDING = (
    ("kirim-periode.png", "periode-terbuka", ".kj-send-section", WIDTH),
    ("kirim-unit-ponsel.png", "unit-terbuka", ".kj-send-section", 390),
    ("organisasi-id.png", "/organisasi/", "h3#unit-{unit} ~ div.kj-unit", WIDTH),
    ("periode-paraf.png", "periode-disahkan", "h2#data-unit + div.kj-scroll", WIDTH),
)


def _open_send_pages(site: Path) -> dict[str, str]:
    """The first period and unit page that show "Kirim data tanpa Git"."""
    import re

    found: dict[str, str] = {"periode-disahkan": signed_period(site)}
    for folder, key in (("periode", "periode-terbuka"), ("unit", "unit-terbuka")):
        for html in sorted((site / folder).glob("*/index.html")):
            if re.search(r'class="kj-send"', html.read_text(encoding="utf-8")):
                found[key] = f"/{folder}/{html.parent.name}/"
                found[f"{folder}-id"] = html.parent.name
                break
    return found


def take_sending(site: Path, out: Path) -> list[Path]:
    """The pictures of :data:`SENDING` into ``out``; returns the files written."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    pages = _open_send_pages(site)
    written = []
    with serving(site) as server, sync_playwright() as playwright:
        browser = launch(playwright)
        for name, where, selector, width in SENDING:
            # Tall enough that the element needs no scrolling (the sticky header would cover it).
            context = browser.new_context(
                viewport={"width": width, "height": 2 * MAX_HEIGHT}, locale="id-ID"
            )
            page = context.new_page()
            page.goto(server.url(pages.get(where, where)), wait_until="networkidle")
            target = out / name
            element = selector.format(unit=pages.get("unit-id", ""))
            page.locator(element).first.screenshot(path=str(target), animations="disabled")
            _quantise(target)
            written.append(target)
            context.close()
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Ambil tangkapan layar setiap jenis halaman situs contoh dan hasil cetak "
        "halaman periode dan SOP (untuk docs/panduan/gambar/)."
    )
    parser.add_argument("out", metavar="FOLDER", type=Path, help="folder tujuan gambar PNG")
    parser.add_argument(
        "--site",
        type=Path,
        metavar="SITUS",
        help="folder site/ yang sudah dibangun (bawaan: bangun repositori "
        "contoh di folder sementara)",
    )
    parser.add_argument(
        "--kirim-saja",
        action="store_true",
        help="hanya gambar jalur Excel di panduan staf unit (kirim-*.png, organisasi-id.png, "
        "periode-paraf.png)",
    )
    args = parser.parse_args(argv)
    problem = chromium_problem()
    if problem:
        print(f"screenshots: chromium tidak tersedia. {problem}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            print("Membangun situs kantor contoh netral (kinerja demo + mkdocs build)...")
            site = build_neutral_site(Path(tmp)) / "site"
        written = [] if args.kirim_saja else take(site.resolve(), args.out)
        written += take_sending(site.resolve(), args.out)
    for path in written:
        print(f"  {path}")
    print(f"{len(written)} gambar ditulis ke {args.out}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
