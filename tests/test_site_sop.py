"""SOP pages (identity sheet, flowchart SVG, revision history), the organisation page and the
stylesheet: the chart is checked as geometry (symbols in their lane, one arrow per edge, arrows
ending on their target), the sheets word for word, and a real ``mkdocs build --strict`` runs once.
"""

from __future__ import annotations

import copy
import html
import itertools
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kinerja.read.yaml_strict import parse_yaml
from kinerja.site.pages import organisation, sop
from kinerja.site.sopchart import flowchart_svgs, text_width, wrap
from signing import sign_args
from tracker import REPO, git, make_tracker

SOP_PATH = "docs/sop/pengumpulan-data-kinerja.yml"
SVG = "{http://www.w3.org/2000/svg}"
A4_LANDSCAPE_PX = 277 / 25.4 * 96  # printable width between 10 mm margins, in CSS px


def shipped() -> dict[str, Any]:
    data = parse_yaml((REPO / SOP_PATH).read_text("utf-8"), "sop.yml").data
    assert isinstance(data, dict)
    return data


def activity(no: int, text: str, lane: str, jenis: str, nxt: list[int]) -> dict[str, Any]:
    return {
        "no": no,
        "aktivitas": text,
        "pelaksana": lane,
        "kelengkapan": "berkas",
        "waktu_menit": 5 * no,
        "output": f"hasil {no}",
        "keterangan": "",
        "lanjut_ke": nxt,
        "jenis": jenis,
    }


#: A second, different SOP: three lanes, eight activities, a decision that loops back, and text
#: that must be escaped everywhere.
SECOND: dict[str, Any] = {
    "id": "reviu-laporan",
    "identitas": {
        "instansi": ["PEMERINTAH KOTA CONTOH", "INSPEKTORAT"],
        "unit": "SUB BAGIAN <UMUM> & KEUANGAN",
        "nomor": "800/12/SOP/2026",
        "tanggal_pembuatan": "2026-01-05",
        "tanggal_revisi": ["2026-03-01"],
        "tanggal_efektif": "2026-01-10",
        "disahkan_oleh": {
            "jabatan": "INSPEKTUR KOTA CONTOH",
            "nama": "Dr. A & B <i>x</i>",
            "pangkat": "Pembina (IV/a)",
            "nip": "19700101 199501 1 001",
        },
        "nama": "Reviu Laporan <Kinerja> & Keuangan",
    },
    "dasar_hukum": ["Peraturan A & B", "Peraturan <C>"],
    "kualifikasi_pelaksana": ["Memahami *reviu* [tautan](javascript:alert(1))"],
    "keterkaitan": ["SOP lain"],
    "peralatan": ["Komputer"],
    "peringatan": "Jika tidak <b>dilaksanakan</b>",
    "pencatatan": [{"pelaksana": "Inspektur", "catatan": "Tanda tangan"}],
    "pelaksana": [
        {"id": "staf", "nama": "Staf Pelaksana", "unit": ["subbag-auk"]},
        {"id": "kasubbag", "nama": "Kepala Sub Bagian", "unit": ["subbag-auk"]},
        {"id": "inspektur", "nama": "Inspektur", "unit": ["pimpinan"]},
    ],
    "aktivitas": [
        activity(1, "Menerima laporan <script>alert(1)</script> & lampiran", "staf", "mulai", [2]),
        activity(2, "Menyusun konsep reviu", "staf", "proses", [3]),
        activity(3, "Memeriksa konsep reviu", "kasubbag", "proses", [4]),
        activity(4, "Konsep sudah benar?", "kasubbag", "keputusan", [5, 2]),
        activity(5, "Menandatangani hasil reviu", "inspektur", "proses", [6]),
        activity(6, "Menggandakan hasil reviu", "staf", "proses", [7]),
        activity(7, "Mengarsipkan hasil reviu", "staf", "proses", [8]),
        activity(8, "Melaporkan selesai", "kasubbag", "selesai", []),
    ],
}


# -- reading the SVG back --------------------------------------------------------------------


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, parsed to check it


def by_class(root: ET.Element, css: str) -> Iterator[ET.Element]:
    for element in root.iter():
        if css in (element.get("class") or "").split():
            yield element


def bbox(group: ET.Element) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of the first rect or polygon in a group."""
    for child in group:
        if child.tag == SVG + "rect":
            x, y = float(child.get("x", 0)), float(child.get("y", 0))
            return x, y, x + float(child.get("width", 0)), y + float(child.get("height", 0))
        if child.tag == SVG + "polygon":
            pts = [tuple(map(float, p.split(","))) for p in (child.get("points") or "").split()]
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            return min(xs), min(ys), max(xs), max(ys)
    raise AssertionError("group without shape")


def lanes(root: ET.Element) -> dict[int, tuple[float, float]]:
    return {
        int(r.get("data-lane", -1)): (
            float(r.get("x", 0)),
            float(r.get("x", 0)) + float(r.get("width", 0)),
        )
        for r in by_class(root, "kj-lane")
    }


def lane_index(data: dict[str, Any]) -> dict[int, int]:
    ids = [p["id"] for p in data["pelaksana"]]
    return {a["no"]: ids.index(a["pelaksana"]) for a in data["aktivitas"]}


def edges_of(data: dict[str, Any]) -> set[tuple[str, str]]:
    return {(str(a["no"]), str(n)) for a in data["aktivitas"] for n in a["lanjut_ke"]}


def texts(root: ET.Element) -> str:
    return " ".join(t.text or "" for t in root.iter(SVG + "text"))


# -- the flowchart -----------------------------------------------------------------------------


def test_shipped_chart_is_one_accessible_scalable_svg() -> None:
    svgs = flowchart_svgs(shipped())
    assert len(svgs) == 1
    root = parse(svgs[0])
    assert root.tag == SVG + "svg"
    assert root.get("role") == "img"
    assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", root.get("viewBox") or "")
    title, desc = root.find(SVG + "title"), root.find(SVG + "desc")
    assert title is not None and "Mekanisme Pengumpulan Data Kinerja" in (title.text or "")
    assert desc is not None and "Irban" in (desc.text or "")
    labelled = (root.get("aria-labelledby") or "").split()
    assert labelled == [title.get("id"), desc.get("id")]
    assert "<style" not in svgs[0]  # a style element would leak into the whole HTML page
    for header in (
        "No",
        "Aktivitas",
        "Pelaksana",
        "Mutu Baku",
        "Kelengkapan",
        "Output",
        "Keterangan",
        "Irban",
        "Subbag Perencanaan",
    ):
        assert header in texts(root)


@pytest.mark.parametrize("data", [shipped(), SECOND], ids=["shipped", "second"])
def test_each_activity_has_one_symbol_in_the_lane_of_its_pelaksana(data: dict[str, Any]) -> None:
    root = parse(flowchart_svgs(data)[0])
    columns = lanes(root)
    assert len(columns) == len(data["pelaksana"])
    symbols = list(by_class(root, "kj-symbol"))
    assert sorted(int(s.get("data-no", 0)) for s in symbols) == sorted(
        a["no"] for a in data["aktivitas"]
    )
    expected = lane_index(data)
    shapes = {"mulai": "rect", "selesai": "rect", "proses": "rect", "keputusan": "polygon"}
    for symbol in symbols:
        no = int(symbol.get("data-no", 0))
        x0, _, x1, _ = bbox(symbol)
        left, right = columns[expected[no]]
        assert left < x0 < x1 < right, (no, (x0, x1), (left, right))
        kind = next(a["jenis"] for a in data["aktivitas"] if a["no"] == no)
        assert f"kj-{kind}" in (symbol.get("class") or "")
        shape = next(c for c in symbol if c.tag != SVG + "title")
        assert shape.tag == SVG + shapes[kind]
        if kind in ("mulai", "selesai"):  # terminator: rounded ends
            assert float(shape.get("rx", 0)) * 2 == pytest.approx(float(shape.get("height", 0)))


@pytest.mark.parametrize("data", [shipped(), SECOND], ids=["shipped", "second"])
def test_each_lanjut_ke_is_one_orthogonal_arrow_ending_on_its_target(data: dict[str, Any]) -> None:
    root = parse(flowchart_svgs(data)[0])
    arrows = list(by_class(root, "kj-edge"))
    assert {(a.get("data-from"), a.get("data-to")) for a in arrows} == edges_of(data)
    assert len(arrows) == len(edges_of(data))
    boxes = {s.get("data-no"): bbox(s) for s in by_class(root, "kj-symbol")}
    for arrow in arrows:
        line = arrow.find(SVG + "polyline")
        head = arrow.find(SVG + "polygon")
        assert line is not None and head is not None
        points = [tuple(map(float, p.split(","))) for p in (line.get("points") or "").split()]
        for (xa, ya), (xb, yb) in itertools.pairwise(points):
            assert xa == pytest.approx(xb, abs=0.11) or ya == pytest.approx(yb, abs=0.11)
        tip = tuple(map(float, (head.get("points") or "").split()[0].split(",")))
        x0, y0, x1, y1 = boxes[arrow.get("data-to")]
        on_edge = x0 - 0.2 <= tip[0] <= x1 + 0.2 and y0 - 0.2 <= tip[1] <= y1 + 0.2
        assert on_edge, (arrow.get("data-to"), tip, (x0, y0, x1, y1))
        start = points[0]
        sx0, sy0, sx1, sy1 = boxes[arrow.get("data-from")]
        assert sx0 - 0.2 <= start[0] <= sx1 + 0.2 and sy0 - 0.2 <= start[1] <= sy1 + 0.2


def test_arrows_never_cross_a_symbol_they_do_not_join() -> None:
    root = parse(flowchart_svgs(SECOND)[0])
    boxes = {s.get("data-no"): bbox(s) for s in by_class(root, "kj-symbol")}
    for arrow in by_class(root, "kj-edge"):
        line = arrow.find(SVG + "polyline")
        assert line is not None
        points = [tuple(map(float, p.split(","))) for p in (line.get("points") or "").split()]
        for (xa, ya), (xb, yb) in itertools.pairwise(points):
            for no, (x0, y0, x1, y1) in boxes.items():
                if no in (arrow.get("data-from"), arrow.get("data-to")):
                    continue
                crosses = (
                    max(xa, xb) > x0 + 1
                    and min(xa, xb) < x1 - 1
                    and max(ya, yb) > y0 + 1
                    and min(ya, yb) < y1 - 1
                )
                assert not crosses, (arrow.get("data-from"), arrow.get("data-to"), no)


def test_decision_branches_are_labelled_ya_and_tidak() -> None:
    root = parse(flowchart_svgs(SECOND)[0])
    labels = {
        (a.get("data-from"), a.get("data-to")): "".join(t.text or "" for t in a.iter(SVG + "text"))
        for a in by_class(root, "kj-edge")
    }
    assert labels[("4", "5")] == "Ya"
    assert labels[("4", "2")] == "Tidak"
    assert labels[("1", "2")] == ""


def test_text_is_escaped_and_still_readable() -> None:
    svg = flowchart_svgs(SECOND)[0]
    assert "<script>" not in svg and "<Kinerja>" not in svg
    assert "&lt;script&gt;" in svg and "&amp;" in svg
    root = parse(svg)
    words = texts(root)
    assert "<script>alert(1)</script>" in words.replace(" ", "") or "alert(1)" in words
    assert "Reviu Laporan <Kinerja> & Keuangan".upper() in words
    hostile = copy.deepcopy(SECOND)
    hostile["aktivitas"][1]["aktivitas"] = "Kontrol \x00\x07\x1b karakter ]]> <!-- x -->"
    parse(flowchart_svgs(hostile)[0])  # still well-formed XML


def test_long_flows_split_into_pages_joined_by_offpage_connectors() -> None:
    pages = [parse(s) for s in flowchart_svgs(SECOND, per_page=3)]
    assert len(pages) == 3
    page_of = {
        int(s.get("data-no", 0)): i
        for i, root in enumerate(pages)
        for s in by_class(root, "kj-symbol")
    }
    assert sorted(page_of) == list(range(1, 9))
    in_page = set()
    for root in pages:
        assert root.get("data-pages") == "3"
        for arrow in by_class(root, "kj-edge"):
            in_page.add((arrow.get("data-from"), arrow.get("data-to")))
    crossing = {(a, b) for a, b in edges_of(SECOND) if page_of[int(a)] != page_of[int(b)]}
    assert crossing  # 3->4, 4->2 (back), 6->7
    assert edges_of(SECOND) - crossing <= in_page
    for a, b in crossing:
        out_page, in_page_root = pages[page_of[int(a)]], pages[page_of[int(b)]]
        out = [
            e
            for e in by_class(out_page, "kj-edge")
            if e.get("data-from") == a and (e.get("data-to") or "").startswith("ke-")
        ]
        back = [
            e
            for e in by_class(in_page_root, "kj-edge")
            if e.get("data-to") == b and (e.get("data-from") or "").startswith("dari-")
        ]
        letters_out = {(e.get("data-to") or "")[3:] for e in out}
        letters_in = {(e.get("data-from") or "")[5:] for e in back}
        assert letters_out & letters_in, (a, b)
        letter = (letters_out & letters_in).pop()
        for root in (out_page, in_page_root):
            pentagons = [g for g in by_class(root, "kj-offpage") if g.get("data-letter") == letter]
            assert len(pentagons) == 1
            polygon = pentagons[0].find(SVG + "polygon")
            assert polygon is not None and len((polygon.get("points") or "").split()) == 5


def test_more_than_twelve_activities_are_paged_automatically() -> None:
    data = copy.deepcopy(SECOND)
    data["aktivitas"] = [
        activity(
            n,
            f"Aktivitas nomor {n}",
            ["staf", "kasubbag", "inspektur"][n % 3],
            "mulai" if n == 1 else "selesai" if n == 15 else "proses",
            [n + 1] if n < 15 else [],
        )
        for n in range(1, 16)
    ]
    pages = [parse(s) for s in flowchart_svgs(data)]
    assert len(pages) >= 2
    assert all(len(list(by_class(p, "kj-symbol"))) <= 12 for p in pages)
    assert sum(len(list(by_class(p, "kj-symbol"))) for p in pages) == 15


@pytest.mark.parametrize("lane_count", [1, 3, 4, 8])
def test_printed_text_is_at_least_9pt_on_a4_landscape(lane_count: int) -> None:
    data = copy.deepcopy(SECOND)
    data["pelaksana"] = [
        {"id": f"p{i}", "nama": f"Pelaksana nomor {i}", "unit": ["x"]} for i in range(lane_count)
    ]
    for item in data["aktivitas"]:
        item["pelaksana"] = f"p{item['no'] % lane_count}"
    root = parse(flowchart_svgs(data)[0])
    width = float((root.get("viewBox") or "").split()[2])
    scale = min(1.0, A4_LANDSCAPE_PX / width)  # the chart is shrunk to the page width at most
    smallest = float(root.get("font-size", 0))
    assert smallest * scale * 0.75 >= 9.0, (lane_count, width, smallest)
    assert not any(t.get("font-size") for t in root.iter(SVG + "text"))  # no smaller text


def test_wrap_keeps_every_word_and_fits_the_width() -> None:
    text = shipped()["aktivitas"][3]["aktivitas"]
    lines = wrap(text, 200.0, 12.5)
    assert " ".join(lines).split() == text.split()
    assert all(text_width(line, 12.5) <= 200.0 for line in lines)
    long_word = "Supercalifragilisticexpialidocious"
    assert len(wrap(long_word, 60.0)) > 1
    assert "".join(wrap(long_word, 60.0)) == long_word


# -- the identity sheet ------------------------------------------------------------------------


def _flat(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for value in data.values():
            yield from _flat(value)
    elif isinstance(data, list):
        for value in data:
            yield from _flat(value)
    elif isinstance(data, str) and data:
        yield data


def test_identity_sheet_holds_every_identity_field_word_for_word() -> None:
    data = shipped()
    sheet = sop.identity_sheet(data)
    ident = data["identitas"]
    words = [
        *ident["instansi"],
        ident["unit"],
        ident["nomor"],
        ident["nama"],
        *ident["disahkan_oleh"].values(),
        *data["dasar_hukum"],
        *data["kualifikasi_pelaksana"],
        *data["keterkaitan"],
        *data["peralatan"],
        data["peringatan"],
        data["pencatatan_umum"],
        *_flat(data["pencatatan"]),
    ]
    for value in words:
        assert html.escape(value, quote=True) in sheet, value
    assert "1 November 2021" in sheet  # tanggal pembuatan and efektif
    assert "NIP. 19641112 199203 1 008" in sheet
    for label in (
        "Nomor SOP",
        "Tanggal Pembuatan",
        "Tanggal Revisi",
        "Tanggal Efektif",
        "Disahkan oleh",
        "Nama SOP",
        "Dasar Hukum:",
        "Kualifikasi Pelaksana:",
        "Keterkaitan:",
        "Peralatan/Perlengkapan:",
        "Peringatan:",
        "Pencatatan dan Pendataan:",
    ):
        assert f">{label}<" in sheet, label
    assert re.search(r'<ol type="a"><li>Peraturan Daerah Kabupaten Pesisir Selatan Nomor 7', sheet)
    parse(f"<div>{sheet}</div>")  # well-formed markup


def test_second_sop_identity_sheet_is_escaped() -> None:
    sheet = sop.identity_sheet(SECOND)
    assert "<Kinerja>" not in sheet and "<b>" not in sheet and "<C>" not in sheet
    assert "Reviu Laporan &lt;Kinerja&gt; &amp; Keuangan" in sheet
    assert "Revisi 1: 1 Maret 2026" in sheet
    assert "javascript:" in sheet and "<a " not in sheet  # shown as text, never a link


def test_activity_table_has_the_chart_columns_in_text() -> None:
    markup = sop.activity_table(SECOND)
    parse(f"<div>{markup}</div>")
    assert markup.count("<tbody><tr>") == 1 and markup.count("</tr>") >= 8 + 2
    for header in (
        "Staf Pelaksana",
        "Kepala Sub Bagian",
        "Inspektur",
        "Kelengkapan",
        "Waktu (menit)",
        "Output",
        "Keterangan",
    ):
        assert f">{header}<" in markup
    assert "Keputusan; lanjut ke Ya: 5, Tidak: 2" in markup
    assert "&lt;script&gt;" in markup and "<script>" not in markup


# -- pages from a real snapshot (a Git repository with an SOP revision) --------------------------


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from kinerja.snapshot import take_snapshot

    root = make_tracker(tmp_path_factory.mktemp("sop") / "repo")
    path = root / SOP_PATH
    text = path.read_text("utf-8")
    text = text.replace("tanggal_revisi: []", 'tanggal_revisi: ["2026-01-15"]', 1)
    text = text.replace("waktu_menit: 10\n", "waktu_menit: 15\n", 1)
    path.write_text(text, "utf-8")
    message = (
        "Revisi SOP: waktu aktivitas 3 (#7)\n\n"
        "Reviewed-by: Rizki Ananda Putra <rizki.ananda@example.go.id>\n"
        "Approved-by: RUSDIYANTO, S.H., M.Hum. <rusdiyanto@example.go.id>\n"
        "Reviewed-on: https://github.com/contoh/kinerja/pull/7\n"
    )
    git(
        root,
        *sign_args(),
        "-c",
        "user.name=Rizki",
        "-c",
        "user.email=rizki.ananda@example.go.id",
        "commit",
        "-S",
        "-qam",
        message,
    )
    return take_snapshot(root, use_cache=False)


def test_sop_index_and_page(snapshot: Any) -> None:
    pages = sop.pages(snapshot)
    assert set(pages) == {"sop/index.md", "sop/pengumpulan-data-kinerja.md"}
    index = str(pages["sop/index.md"])
    assert 'href="pengumpulan-data-kinerja/"' in index
    assert "700 /3334.b/SOP/ Insp- PS/XI/ 2021" in index
    page = str(pages["sop/pengumpulan-data-kinerja.md"])
    assert page.count('class="kj-sopchart"') == 1
    assert 'class="kj-sop"' in page  # prints on A4 landscape
    assert "# SOP Mekanisme Pengumpulan Data Kinerja" in page


def test_revisions_come_from_git_and_the_sop(snapshot: Any) -> None:
    page = str(sop.pages(snapshot)["sop/pengumpulan-data-kinerja.md"])
    assert "Revisi 1: 15 Januari 2026 (tercatat" in page
    assert "SOP direvisi" in page and "SOP dicatat di repositori (berlaku sejak" in page
    assert "Diubah aktivitas[3].waktu_menit: «10» → «15»" in page
    assert "RUSDIYANTO, S.H., M.Hum." in page  # the pengesahan of the revision
    assert 'href="https://github.com/contoh/kinerja/pull/7"' in page
    assert "SOP ini berlaku sejak 1 November 2021." in page


def test_organisation_page(snapshot: Any) -> None:
    page = str(organisation.pages(snapshot)["organisasi.md"])
    config = snapshot.tracker.config.organisation
    examples = [p for p in config.people.values() if p.contoh]
    for person in config.people.values():
        assert html.escape(person.nama) in page
        for handle in person.akun:
            assert f'<span class="kj-handle">{handle}</span>' in page
            assert f"/{handle}" not in page  # handles are never links
    assert page.count('class="kj-badge kj-contoh"') >= len(examples)
    rusdi = html.escape(config.people["rusdiyanto"].nama)
    assert re.search(re.escape(rusdi) + r"</td>", page)  # a real person: no badge
    assert "Data unit: paraf Kepala unit yang bersangkutan." in page
    assert (
        "Analisis dan evaluasi: paraf Sekretaris dan Kepala Sub Bagian Administrasi Umum "
        "dan Keuangan; pengesahan Inspektur."
    ) in page
    assert "Pembina Utama Muda (IV/c)" in page and "Inspektur Pembantu Wilayah IV" in page
    assert "{#unit-irban-1}" in page


# -- the stylesheet ------------------------------------------------------------------------------

CSS = (REPO / "scripts" / "kinerja" / "site" / "assets" / "kinerja.css").read_text("utf-8")
BADGES = (
    "belum-diminta",
    "menunggu",
    "terlambat",
    "diterima",
    "diterima-terlambat",
    "direvisi",
    "belum-dibuka",
    "dibuka",
    "terkumpul",
    "dianalisis",
    "disahkan",
    "predikat",
    "contoh",
)


def _luminance(hex_colour: str) -> float:
    value = hex_colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("status", BADGES)
def test_badge_colours_pass_wcag_aa(status: str) -> None:
    screen = CSS.split("@media print")[0]
    match = re.search(r"\.kj-" + status + r"\s*\{([^}]*)\}", screen)
    assert match, status
    rule = match.group(1)
    fg = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})", rule)
    bg = re.search(r"background:\s*(#[0-9a-fA-F]{3,6})", rule)
    assert fg and bg, status
    assert contrast(fg.group(1), bg.group(1)) >= 4.5, (status, fg.group(1), bg.group(1))


def test_badge_colours_differ_and_print_rules_exist() -> None:
    screen = CSS.split("@media print")[0]
    pairs = set()
    for status in BADGES:
        match = re.search(r"\.kj-" + status + r"\s*\{([^}]*)\}", screen)
        assert match
        pairs.add(re.sub(r"\s+", "", match.group(1)))
    assert len(pairs) == len(BADGES)  # no two statuses look the same
    printed = CSS.split("@media print", 1)[1]
    for selector in (".md-header", ".md-sidebar", ".md-footer", ".md-search", ".md-tabs"):
        assert selector in printed
    assert "size: A4 landscape" in CSS and "page: kj-landscape" in printed
    assert re.search(r"\.kj-disposition\s*\{[^}]*break-inside:\s*avoid", printed)
    assert re.search(r"\.kj-sign\s*\{[^}]*width:\s*3cm;[^}]*height:\s*1\.5cm", CSS)
    assert "url(" not in CSS and "@import" not in CSS  # nothing loaded from anywhere


# -- a real site --------------------------------------------------------------------------------


def _plugin_on_path(tmp: Path) -> str:
    """PYTHONPATH for a subprocess: the package, plus an entry-point shim if not installed."""
    from importlib.metadata import entry_points

    paths = [str(REPO / "scripts")]
    if not any(e.name == "kinerja" for e in entry_points(group="mkdocs.plugins")):
        info = tmp / "shim" / "kinerja_test_shim-0.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(
            "Metadata-Version: 2.1\nName: kinerja-test-shim\nVersion: 0\n"
        )
        (info / "entry_points.txt").write_text(
            "[mkdocs.plugins]\nkinerja = kinerja.site.plugin:KinerjaPlugin\n"
        )
        paths.append(str(tmp / "shim"))
    return os.pathsep.join(paths)


@pytest.mark.slow
def test_mkdocs_build_strict(tmp_path: Path) -> None:
    root = make_tracker(tmp_path / "repo")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs", dirs_exist_ok=True)
    env = {**os.environ, "PYTHONPATH": _plugin_on_path(tmp_path), "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    page = (root / "site" / "sop" / "pengumpulan-data-kinerja" / "index.html").read_text("utf-8")
    svg = re.search(r"<svg[^>]*class=\"kj-sopchart\".*?</svg>", page, re.DOTALL)
    assert svg is not None
    parse(svg.group(0))
    assert 'class="kj-sop-identity"' in page and "kinerja.css" in page
    assert 'class="md-typeset kj-page-break"' not in page  # attr_list put the class on the h2
    assert re.search(r'<h2 class="kj-page-break" id="[^"]+">Lembar bagan alir', page)
    org = (root / "site" / "organisasi" / "index.html").read_text("utf-8")
    assert 'class="kj-badge kj-contoh"' in org
    assert (root / "site" / "assets" / "kinerja" / "kinerja.css").is_file()
    for html_page in (page, org):  # nothing is loaded from outside the site
        assert not re.search(r'\ssrc="(https?:)?//', html_page)
        assert not re.search(r'<link[^>]+href="(https?:)?//', html_page)
