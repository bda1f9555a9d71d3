"""The unit, indicator, Riwayat and Unduh pages, the charts and the data dictionary.

Built from a real Git repository made here: the shipped configuration, three closed quarters and
an open one, approvals written as merge trailers (some missing, one by the wrong person),
restricted and open documents, and hostile text (a ``<script>`` title, formula-like notes).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from signing import sign_args, write_trust
from tracker import REPO

WIB = ZoneInfo("Asia/Jakarta")
NOW = datetime(2026, 10, 21, 12, 0, tzinfo=WIB)
FORGE = "https://github.com/contoh/kinerja/pull"

# Markers that must never reach a page or a download: parts of restricted documents.
SECRET_TITLE = "JUDUL-RAHASIA-LHP"
SECRET_OBJECT = "OBJEK-RAHASIA-DINAS"
SECRET_LINK = "https://rahasia.example.go.id/lhp"
DEFAULT_TITLE = "JUDUL-TANPA-KLASIFIKASI"
OPEN_TITLE = 'Evaluasi "SAKIP" & Reformasi Birokrasi'
PLAIN_NOTE = "Dua hari dari jadwal"
# Injected into the snapshot after validation, as if a rule had missed them (defence in depth).
MINUS_NOTE = "-2 hari dari jadwal"
SCRIPT_TITLE = "<script>alert('x')</script> Evaluasi SAKIP"
FORMULA_NOTE = '=HYPERLINK("http://jahat.example","klik")'

PEOPLE = {
    "rusdiyanto": ("RUSDIYANTO, S.H., M.Hum.", "rusdiyanto@example.go.id"),
    "hendri-yuliandra": ("Hendri Yuliandra, S.E., M.M.", "hendri.yuliandra@example.go.id"),
    "rizki-ananda": ("Rizki Ananda Putra, S.Kom.", "rizki.ananda@example.go.id"),
    "yesi-novita": ("Yesi Novita Sari, S.E., M.Si.", "yesi.novita@example.go.id"),
    "fauzan-hidayat": ("Fauzan Hidayat, S.Sos.", "fauzan.hidayat@example.go.id"),
    "dedi-kurniawan": ("Dedi Kurniawan, S.H.", "dedi.kurniawan@example.go.id"),
    "nurul-aini": ("Nurul Aini, S.Ak.", "nurul.aini@example.go.id"),
    "elfi-susanti": ("Elfi Susanti, S.E.", "elfi.susanti@example.go.id"),
    "rahmat-hidayat": ("Rahmat Hidayat, A.Md.", "rahmat.hidayat@example.go.id"),
    "syafrizal": ("Syafrizal, S.E., M.M.", "syafrizal@example.go.id"),
    "mira-andriani": ("Mira Andriani, S.E., Ak.", "mira.andriani@example.go.id"),
    "nofrizal": ("Nofrizal, S.H., M.H.", "nofrizal@example.go.id"),
    "lisa-oktaviani": ("Lisa Oktaviani, S.E.", "lisa.oktaviani@example.go.id"),
    "yusnita": ("Dra. Yusnita, M.Si.", "yusnita@example.go.id"),
    "febri-yanto": ("Febri Yanto, S.E.", "febri.yanto@example.go.id"),
    "arman-syahrial": ("Arman Syahrial, S.Sos., M.Si.", "arman.syahrial@example.go.id"),
    "weni-fitriani": ("Weni Fitriani, S.Ak.", "weni.fitriani@example.go.id"),
}
# unit -> (head, sender)
UNITS = {
    "irban-1": ("syafrizal", "mira-andriani"),
    "irban-2": ("nofrizal", "lisa-oktaviani"),
    "irban-3": ("yusnita", "febri-yanto"),
    "irban-4": ("arman-syahrial", "weni-fitriani"),
    "subbag-anev": ("dedi-kurniawan", "nurul-aini"),
    "subbag-auk": ("elfi-susanti", "rahmat-hidayat"),
}
IRBAN_INDICATORS = (
    "jumlah-lhp",
    "jumlah-lhe",
    "rata-rata-hari-penyelesaian-lhp",
    "persentase-tindak-lanjut",
)
UNIT_INDICATORS = {
    **dict.fromkeys(("irban-1", "irban-2", "irban-3", "irban-4"), IRBAN_INDICATORS),
    "subbag-anev": ("jumlah-temuan-berulang",),
    "subbag-auk": ("realisasi-anggaran",),
}
QUARTERS = {  # period -> (request date, deadline, month of hand-in)
    "2026-q1": ("2026-04-01", "2026-04-08", 4),
    "2026-q2": ("2026-07-01", "2026-07-08", 7),
    "2026-q3": ("2026-10-01", "2026-10-08", 10),
}


def _env(who: str, when: str) -> dict[str, str]:
    name, email = PEOPLE[who]
    return {
        **os.environ,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_NAME": "Forge",
        "GIT_COMMITTER_EMAIL": "noreply@example.go.id",
        "GIT_COMMITTER_DATE": when,
    }


def _git(root: Path, *args: str, env: dict[str, str] | None = None) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], check=True, capture_output=True, text=True, env=env
    ).stdout


def _trailer(key: str, who: str) -> str:
    name, email = PEOPLE[who]
    return f"{key}: {name} <{email}>"


class Repo:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.pr = 0
        root.mkdir(parents=True, exist_ok=True)
        _git(root, "init", "-q", "-b", "main")
        write_trust(root)  # the landings below are signed with the office key

    def write(self, rel: str, content: str | Any) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        text = (
            content
            if isinstance(content, str)
            else yaml.safe_dump(content, allow_unicode=True, sort_keys=False)
        )
        path.write_text(text, encoding="utf-8")

    def land(
        self,
        subject: str,
        who: str,
        when: str,
        *,
        paraf: tuple[str, ...] = (),
        sign: tuple[str, ...] = (),
        pull: bool = True,
    ) -> None:
        """Commit what is staged as one squash merge with trailers (or a direct push)."""
        lines = []
        if pull:
            self.pr += 1
            subject = f"{subject} (#{self.pr})"
            lines += [_trailer("Reviewed-by", p) for p in paraf]
            lines += [_trailer("Approved-by", p) for p in sign]
            lines.append(f"Reviewed-on: {FORGE}/{self.pr}")
        message = subject + ("\n\n" + "\n".join(lines) if lines else "")
        _git(self.root, "add", "-A")
        _git(
            self.root,
            *sign_args(),
            "commit",
            "-S",
            "-q",
            "--allow-empty",
            "-m",
            message,
            env=_env(who, when),
        )


def _request(period: str, date: str, deadline: str) -> dict[str, Any]:
    return {
        "periode": period,
        "tanggal": date,
        "tenggat": deadline,
        "diminta_oleh": "fauzan-hidayat",
        "penerima": [
            {
                "unit": u,
                "indikator": list(UNIT_INDICATORS[u]),
                **({"dokumen": ["LHP", "LHE"]} if u.startswith("irban") else {}),
            }
            for u in UNITS
        ],
    }


_VALUES = {
    "jumlah-lhp": (3, 5, 6),
    "jumlah-lhe": (1, 2, 2),
    "rata-rata-hari-penyelesaian-lhp": (22, 19, 18),
    "persentase-tindak-lanjut": (70.5, 78.25, 86),
    "jumlah-temuan-berulang": (5, 3, 4),
    "realisasi-anggaran": (21.5, 48.75, 72.1),
}


def _submission(unit: str, period: str, index: int) -> dict[str, Any]:
    sender = UNITS[unit][1]
    shift = int(unit[-1]) if unit[-1].isdigit() else 0
    data: dict[str, Any] = {"unit": unit, "periode": period, "disampaikan_oleh": sender}
    data["realisasi"] = [
        {
            "indikator": ind,
            "nilai": _VALUES[ind][index] + (shift % 3 if ind.startswith("jumlah") else 0),
        }
        for ind in UNIT_INDICATORS[unit]
    ]
    if unit.startswith("irban"):
        data["dokumen"] = [
            {
                "jenis": "LHP",
                "nomor": f"700/{10 + index}/LHP/{unit}/2026",
                "tanggal": f"2026-0{3 * index + 2}-15",
                "judul": f"{SECRET_TITLE} {unit} {period}",
                "objek": SECRET_OBJECT,
                "tautan": SECRET_LINK,
                "klasifikasi": "terbatas",
            },
            {
                "jenis": "LHP",
                "nomor": f"700/{20 + index}/LHP/{unit}/2026",
                "tanggal": f"2026-0{3 * index + 2}-16",
                "judul": f"{DEFAULT_TITLE} {unit}",
                "objek": SECRET_OBJECT,
            },
        ]
    if unit.startswith("irban") and unit != "irban-1":
        # The request asks for LHE too: answered "nihil" with a reason (issue 11).
        data["dokumen_nihil"] = [{"jenis": "LHE", "alasan": "Tidak ada evaluasi periode ini."}]
    if unit == "irban-1":
        data["realisasi"][0]["catatan"] = PLAIN_NOTE
        data["dokumen"].append(
            {
                "jenis": "LHE",
                "nomor": f"700/{30 + index}/LHE/irban-1/2026",
                "tanggal": f"2026-0{3 * index + 2}-20",
                "judul": OPEN_TITLE,
                "objek": "Dinas Kesehatan",
                "tautan": "https://drive.example.go.id/lhe-ok",
                "klasifikasi": "terbuka",
            }
        )
        data["kendala"] = "Jadwal pemeriksaan bentrok dengan audit BPK"
        data["rencana_tindak_lanjut"] = "Menyusun ulang jadwal"
    return data


def build_repo(root: Path) -> Path:
    """The example repository (see the module docstring)."""
    repo = Repo(root)
    for name in ("organisasi.yml", "indikator.yml"):
        repo.write(f"submissions/{name}", (REPO / "submissions" / name).read_text("utf-8"))
    for sop in sorted((REPO / "docs" / "sop").glob("*.yml")):
        repo.write(f"docs/sop/{sop.name}", sop.read_text("utf-8"))
    repo.land("Konfigurasi awal", "rizki-ananda", "2026-03-20T10:00:00+07:00", pull=False)
    for index, (period, (date, deadline, month)) in enumerate(QUARTERS.items()):
        repo.write(f"submissions/{period}/permintaan.yml", _request(period, date, deadline))
        repo.land(
            f"Permintaan data {period}",
            "fauzan-hidayat",
            f"{date}T09:00:00+07:00",
            paraf=("yesi-novita",),
        )
        # Landed in time order (the merge identity's clock never runs backwards): Irban III,
        # late every quarter, lands after the others.
        for n, unit in sorted(enumerate(UNITS), key=lambda item: item[1] == "irban-3"):
            day = 6 if unit != "irban-3" else 9
            repo.write(f"submissions/{period}/{unit}.yml", _submission(unit, period, index))
            head, sender = UNITS[unit]
            paraf: tuple[str, ...] = (head,)
            if unit == "irban-2" and period == "2026-q2":
                paraf = ("lisa-oktaviani",)  # a staff member is not the head: wrong person
            if unit == "subbag-auk" and period == "2026-q1":
                paraf = ()  # merged without paraf
            repo.land(
                f"Data {unit} {period}",
                sender,
                f"2026-{month:02d}-{day:02d}T{9 + n}:00:00+07:00",
                paraf=paraf,
            )
        if period == "2026-q2":  # a revision after acceptance
            revised = _submission("irban-4", period, index)
            revised["realisasi"][0]["nilai"] += 1
            repo.write(f"submissions/{period}/irban-4.yml", revised)
            repo.land(
                "Revisi data irban-4",
                "weni-fitriani",
                f"2026-{month:02d}-13T10:00:00+07:00",
                paraf=("arman-syahrial",),
            )
        if period != "2026-q3":
            repo.write(
                f"submissions/{period}/analisis.md",
                f"---\nperiode: {period}\ndisusun_oleh: fauzan-hidayat\n---\n\n"
                "Capaian umumnya baik.\n",
            )
            repo.land(
                f"Analisis {period}",
                "fauzan-hidayat",
                f"2026-{month:02d}-20T10:00:00+07:00",
                paraf=("hendri-yuliandra", "elfi-susanti"),
                sign=("rusdiyanto",),
            )
    return root


# -- fixtures --------------------------------------------------------------------------------


def _inject(snapshot: Any) -> None:
    """Text that validation rejects, put into the loaded data as if a rule had let it through:
    the pages and downloads must stay safe on their own."""
    files = snapshot.tracker.periods["2026-q1"]
    sub = files.submissions["irban-1"]
    data = json.loads(json.dumps(sub.data))
    data["dokumen"].append(
        {
            "jenis": "LHE",
            "nomor": "700/99/LHE/2026",
            "tanggal": "2026-02-21",
            "judul": SCRIPT_TITLE,
            "objek": "<img src=x onerror=alert(1)>",
            "tautan": "javascript:alert(1)",
            "klasifikasi": "terbuka",
        }
    )
    data["realisasi"][0]["catatan"] = MINUS_NOTE
    data["realisasi"][1]["catatan"] = FORMULA_NOTE
    data["kendala"] = "@SUM(A1:A9) <b>tebal</b>"
    files.submissions["irban-1"] = replace(sub, data=data)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_repo(tmp_path_factory.mktemp("situs") / "repo")


@pytest.fixture(scope="module")
def snapshot(repo: Path) -> Any:
    from kinerja.snapshot import take_snapshot

    snap = take_snapshot(repo, now=NOW, use_cache=False)
    errors = [f for f in snap.tracker.report.findings if f.severity.value == "error"]
    assert not errors, errors
    _inject(snap)  # before the recap is first computed, so the recap carries it too
    return snap


@pytest.fixture(scope="module")
def built(snapshot: Any) -> dict[str, str | bytes]:
    from kinerja.site.pages import downloads, history, indicators, laporan, units

    out: dict[str, str | bytes] = {}
    for module in (units, indicators, history, downloads, laporan):
        out.update(module.pages(snapshot))
    return out


def _text(content: str | bytes) -> str:
    if isinstance(content, str):
        return content
    if content[:2] == b"PK":  # XLSX: the text of every part
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return content.decode("utf-8", "replace")


# -- every unit, indicator and period has its page -------------------------------------------


def test_every_unit_indicator_and_period_has_its_page(
    snapshot: Any, built: dict[str, str | bytes]
) -> None:
    from kinerja.site.pages._common import recipients

    units = recipients(snapshot)
    assert set(units) == set(UNITS)
    for unit in units:
        assert f"unit/{unit}.md" in built
        assert f"grafik/unit-{unit}.svg" in built
        assert f"unit/{unit}/" in str(built["unit/index.md"]) or f'href="{unit}/"' in str(
            built["unit/index.md"]
        )
    for indicator in snapshot.tracker.config.indicators:
        assert f"indikator/{indicator}.md" in built
        assert f'href="{indicator}/"' in str(built["indikator/index.md"])
    for period in snapshot.states:
        assert f"unduh/rekap-{period}.xlsx" in built  # the period page links to it
        assert f'id="riwayat-{period}"' in str(
            built["riwayat.md"]
        ) or f"{{#riwayat-{period}}}" in str(built["riwayat.md"])
    for name in (
        "unit/index.md",
        "indikator/index.md",
        "riwayat.md",
        "unduh/index.md",
        "unduh/kamus-data.md",
        "unduh/rekap.xlsx",
        "unduh/rekap.json",
        "unduh/data.csv",
        "unduh/data.json",
        "unduh/riwayat.json",
    ):
        assert name in built, name


def test_links_between_generated_pages_resolve(
    snapshot: Any, built: dict[str, str | bytes]
) -> None:
    """Every relative link in these pages points at a generated page or file (period pages
    come from periods.py, assets from the assets folder)."""
    import posixpath

    from kinerja.site.html import url_of

    targets = {url_of(k) for k in built}
    targets |= {f"periode/{p}/" for p in snapshot.states} | {"riwayat/", "periode/"}
    targets |= {"assets/kinerja/riwayat.js"}
    # The Panduan pages are part of every site: the package's guides and any hand-written ones.
    from kinerja.site.pages.guides import GUIDES

    targets |= {f"panduan/{name}/" for name in GUIDES}
    targets |= {f"panduan/{p.stem}/" for p in (REPO / "docs" / "panduan").glob("*.md")}
    for src, content in built.items():
        if not src.endswith(".md"):
            continue
        base = url_of(src)
        base_dir = base if base.endswith("/") or base == "" else posixpath.dirname(base) + "/"
        for href in re.findall(r'(?:href|src)="([^"]+)"', str(content)):
            if href.startswith(("http://", "https://", "#", "mailto:")):
                continue
            path = href.split("#", 1)[0].split("?", 1)[0]
            resolved = posixpath.normpath(posixpath.join("/" + base_dir, path)).lstrip("/")
            if path.endswith("/"):
                resolved += "/"
            assert resolved in targets, f"{src}: {href} -> {resolved}"


# -- confidentiality and escaping ------------------------------------------------------------


def test_restricted_documents_never_show_title_object_or_link(
    built: dict[str, str | bytes],
) -> None:
    for path, content in built.items():
        text = _text(content)
        for secret in (SECRET_TITLE, SECRET_OBJECT, SECRET_LINK, DEFAULT_TITLE):
            assert secret not in text, f"{secret} in {path}"
    # ... while their type, number and date are there, and open documents are complete.
    page = str(built["unit/irban-1.md"])
    assert "700/10/LHP/irban-1/2026" in page and "15 Februari 2026" in page
    assert "terbatas" in page
    assert "Evaluasi &quot;SAKIP&quot; &amp; Reformasi Birokrasi" in page
    assert "https://drive.example.go.id/lhe-ok" in page
    data = _text(built["unduh/data.csv"])
    assert "700/10/LHP/irban-1/2026" in data and 'Evaluasi ""SAKIP"" & Reformasi' in data


def test_restriction_is_the_default_and_only_terbuka_opens() -> None:
    from kinerja.site.pages.downloads import is_restricted, visible_document

    document = {
        "jenis": "LHP",
        "nomor": "1",
        "tanggal": "2026-01-02",
        "judul": "J",
        "objek": "O",
        "tautan": "https://x.example",
        "berkas": "bukti/a.pdf",
    }
    assert is_restricted(document)
    assert is_restricted({**document, "klasifikasi": "TERBUKA"})
    assert set(visible_document(document)) == {"jenis", "nomor", "tanggal", "klasifikasi"}
    assert visible_document({**document, "klasifikasi": "terbuka"})["judul"] == "J"


def test_script_in_a_title_is_escaped_everywhere(built: dict[str, str | bytes]) -> None:
    for path, content in built.items():
        text = _text(content)
        assert "javascript:" not in text.lower(), path  # a link that is not http(s) is dropped
        if not path.endswith((".md", ".svg")):
            continue  # CSV and JSON carry text as text; HTML is where it must be escaped
        assert "<script>alert" not in text, path
        assert "<img src=x" not in text, path
        assert "<b>tebal</b>" not in text, path
    page = str(built["unit/irban-1.md"])
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Evaluasi SAKIP" in page
    assert "&lt;b&gt;tebal&lt;/b&gt;" in page


# -- downloads -------------------------------------------------------------------------------

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _csv_rows(content: str | bytes) -> list[list[str]]:
    assert isinstance(content, bytes) and content.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize(
    "name",
    ["unduh/data.csv", "unduh/pengiriman.csv", "unduh/rekap-indikator.csv", "unduh/rekap-ytd.csv"],
)
def test_csv_downloads_neutralise_formulas(built: dict[str, str | bytes], name: str) -> None:
    rows = _csv_rows(built[name])
    assert len(rows) > 1
    for row in rows:
        for cell in row:
            assert not cell.startswith(_FORMULA), (name, cell)


def test_formula_text_is_kept_but_inert(built: dict[str, str | bytes]) -> None:
    data = [c for row in _csv_rows(built["unduh/data.csv"]) for c in row]
    assert "'" + FORMULA_NOTE in data
    assert "'" + MINUS_NOTE in data
    sending = [c for row in _csv_rows(built["unduh/pengiriman.csv"]) for c in row]
    assert "'@SUM(A1:A9) <b>tebal</b>" in sending
    rows = _csv_rows(built["unduh/data.csv"])
    header = rows[0]
    assert header[:4] == ["Jenis Baris", "Periode", "Unit", "Berkas Sumber"]
    values = [r[header.index("Nilai")] for r in rows[1:] if r[0] == "realisasi"]
    assert "70,5" in values  # decimal comma


def test_xlsx_downloads_neutralise_formulas_and_open(
    snapshot: Any, built: dict[str, str | bytes]
) -> None:
    from openpyxl import load_workbook

    names = ["unduh/rekap.xlsx", *[f"unduh/rekap-{p}.xlsx" for p in snapshot.states]]
    for name in names:
        workbook = load_workbook(io.BytesIO(built[name]), read_only=True)
        assert workbook.sheetnames[0] == "Capaian Indikator"
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                for cell in row:
                    assert not (isinstance(cell, str) and cell.startswith(_FORMULA)), (name, cell)
    one = load_workbook(io.BytesIO(built["unduh/rekap-2026-q2.xlsx"]), read_only=True)
    periods = {r[0] for r in one["Capaian Indikator"].iter_rows(min_row=2, values_only=True)}
    assert periods == {"2026-q2"}


def test_xlsx_is_reproducible(snapshot: Any, built: dict[str, str | bytes]) -> None:
    from kinerja.site.pages.downloads import xlsx_bytes

    assert xlsx_bytes(snapshot.recap) == built["unduh/rekap.xlsx"]


def test_json_downloads(snapshot: Any, built: dict[str, str | bytes]) -> None:
    data = json.loads(built["unduh/data.json"])
    table = data["tabel"]["data"]
    assert table["kolom"][0] == "jenis_baris"
    documents = [
        dict(zip(table["kolom"], r, strict=True)) for r in table["baris"] if r[0] == "dokumen"
    ]
    restricted = [d for d in documents if d["klasifikasi"] == "terbatas"]
    assert restricted and all(
        d["judul"] is None and d["objek"] is None and d["tautan"] is None for d in restricted
    )
    history = json.loads(built["unduh/riwayat.json"])
    assert len(history["kejadian"]) == len(snapshot.history.events)
    assert "@example.go.id" not in str(built["unduh/riwayat.json"])  # names, not addresses
    assert history["kejadian"][-1]["orang"]["nama"]
    assert any("tidak berwenang" in p for e in history["kejadian"] for p in e["masalah"])
    recap = json.loads(built["unduh/rekap.json"])
    assert set(recap["tabel"]) >= {"indikator", "ytd", "ytd_instansi"}


def test_download_index_lists_every_file_with_size(built: dict[str, str | bytes]) -> None:
    page = str(built["unduh/index.md"])
    files = [k for k in built if k.startswith("unduh/") and not k.endswith(".md")]
    for name in files:
        link = name.removeprefix("unduh/")
        assert f'href="{link}"' in page, name
    assert re.search(r"<td class=kj-num>\d+(,\d)?\u00a0(B|KB|MB)</td>", page)


# -- charts ----------------------------------------------------------------------------------


def _svg_ok(svg: bytes) -> None:
    from defusedxml import ElementTree

    root = ElementTree.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = svg.decode("utf-8")
    assert "<script" not in text and "<foreignObject" not in text
    assert not re.search(r'(href|src)="(https?:)?//', text)  # nothing loaded from outside
    assert "<dc:date>" not in text  # no timestamp


def test_charts_are_well_formed_and_deterministic(repo: Path, snapshot: Any) -> None:
    from kinerja.site import charts

    made = {
        "periode": charts.period_chart(snapshot, "2026-q2"),
        "unit": charts.unit_chart(snapshot, "irban-1"),
        "indikator": charts.indicator_chart(snapshot, "jumlah-lhp"),
        "rentang": charts.indicator_chart(snapshot, "realisasi-anggaran"),
    }
    for kind, chart in made.items():
        assert chart is not None, kind
        _svg_ok(chart.svg)
        assert chart.alt and "<" not in chart.alt
        assert chart.table.startswith('<div class="kj-scroll" tabindex="0"><table')
    again = charts.unit_chart(snapshot, "irban-1")
    assert again is not None and again.svg == made["unit"].svg
    # The same bytes from another process (hash seeds, font caches and ids differ there).
    script = (
        "import sys; from pathlib import Path; from datetime import datetime;"
        "from kinerja.snapshot import take_snapshot; from kinerja.site import charts;"
        "s = take_snapshot(Path(sys.argv[1]), now=datetime.fromisoformat(sys.argv[2]));"
        "sys.stdout.buffer.write(charts.indicator_chart(s, 'jumlah-lhp').svg)"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts"), "PYTHONHASHSEED": "123"}
    import sys

    other = subprocess.run(
        [sys.executable, "-c", script, str(repo), NOW.isoformat()],
        capture_output=True,
        check=True,
        env=env,
    ).stdout
    assert other == made["indikator"].svg


def test_period_chart_api_for_the_period_page(snapshot: Any) -> None:
    from kinerja.site.charts import chart_src, figure, period_chart

    chart = period_chart(snapshot, "2026-q3")
    assert chart is not None
    svg, alt, table_html = chart
    assert svg.startswith(b"<?xml") and "100 %" in alt
    assert "Capaian (%)" in table_html and "Irban I" in table_html
    html = figure("periode/2026-q3.md", chart_src("periode", "2026-q3"), chart, "Capaian")
    assert '<img class="kj-chart" src="../../grafik/periode-2026-q3.svg"' in html
    assert "<figcaption>Capaian</figcaption>" in html and table_html in html
    assert period_chart(snapshot, "2030-q1") is None


def test_chart_numbers_use_the_decimal_comma() -> None:
    from kinerja.site.charts import target_text
    from kinerja.site.html import number

    assert number(1234.5, 1) == "1.234,5"
    assert number(100.0, 2, trim=True) == "100"
    assert target_text({"target": None, "target_min": 95.0, "target_max": 100.0}, 0) == "95–100"
    assert target_text({"target": float("nan"), "target_min": float("nan")}, 0) == "–"


def test_many_units_are_summarised_not_drawn_one_by_one(snapshot: Any) -> None:
    """A chart never draws more than its bounds: past them it draws averages."""
    from kinerja.site import charts

    old = charts.MAX_BARS
    charts.MAX_BARS = 3
    try:
        chart = charts.period_chart(snapshot, "2026-q2")
        assert chart is not None and "rata-rata" in chart.alt.lower()
        assert charts.indicator_chart_mode(snapshot, "jumlah-lhp") == "instansi"
    finally:
        charts.MAX_BARS = old


# -- pages -----------------------------------------------------------------------------------


def test_unit_page(built: dict[str, str | bytes]) -> None:
    page = str(built["unit/irban-2.md"])
    for section in (
        "## Anggota",
        "## Status per periode",
        "## Capaian indikator",
        "## Capaian kumulatif tahun berjalan",
        "## Dokumen per periode",
        "## Riwayat",
    ):
        assert section in page
    assert "Nofrizal, S.H., M.H." in page and "Kepala unit" in page
    assert '<img class="kj-chart" src="../../grafik/unit-irban-2.svg"' in page
    assert "tidak berwenang" in page  # the wrong paraf of 2026-q2, in plain sight
    assert "kj-diterima" in page and "#unit-irban-2" in page  # badge links to the period page
    late = str(built["unit/irban-3.md"])
    assert "diterima terlambat" in late


def test_indicator_page(built: dict[str, str | bytes]) -> None:
    page = str(built["indikator/realisasi-anggaran.md"])
    assert "makin tinggi makin baik" in page
    assert "95–100" in page  # a range target
    assert "Seluruh instansi" in page
    assert "## Capaian kumulatif tahun berjalan" in page
    down = str(built["indikator/jumlah-temuan-berulang.md"])
    assert "makin rendah makin baik" in down
    lhp = str(built["indikator/jumlah-lhp.md"])
    assert "Tw I: 4" in lhp and "PKPT 2026" in lhp


def test_history_page_shows_problems_and_filters_without_outside_script(
    snapshot: Any, built: dict[str, str | bytes]
) -> None:
    page = str(built["riwayat.md"])
    assert "Paraf belum tercatat" in page
    assert "tidak berwenang" in page
    assert page.count('class="kj-problem-row"') == sum(
        1 for e in snapshot.history.events if e.problems
    )
    assert '<label for="kj-filter-periode">' in page and '<label for="kj-filter-unit">' in page
    assert re.search(r'<script src="\.\./assets/kinerja/riwayat\.js" defer></script>\s*$', page)
    assert "<script>" not in page and "onclick" not in page  # no inline code
    assert 'data-periode="2026-q2" data-unit="irban-2"' in page
    assert 'data-periode="-" data-unit="-"' in page  # configuration and SOP events
    assert f"{FORGE}/1" in page  # pull request links
    times = re.findall(r'<dt>Diterima</dt><dd><span class="kj-nowrap">([^<]+)</span>', page)
    # Newest first: Irban III's late hand-in of 2026-q3.
    assert times[0] == "9\u00a0Okt\u00a02026 11.00"


def test_history_script_is_published() -> None:
    from kinerja.site.pages import static_assets

    script = static_assets()["assets/kinerja/riwayat.js"].decode("utf-8")
    assert "data-periode" in script and "hidden" in script
    assert "fetch(" not in script and "XMLHttpRequest" not in script and "http" not in script


def test_long_history_is_capped_with_a_note(snapshot: Any) -> None:
    from kinerja.history import History
    from kinerja.site.pages import history

    original = snapshot.history
    many = tuple(original.events) * 12
    snapshot.history = History(repo=original.repo, head=original.head, events=many)
    try:
        page = str(history.pages(snapshot)["riwayat.md"])
    finally:
        snapshot.history = original
    assert page.count("<li data-periode=") == history.MAX_EVENTS
    assert f"memuat {len(many)} kejadian" in page and "riwayat.json" in page


# -- data dictionary -------------------------------------------------------------------------


def _schema_paths(node: Any, prefix: str = "") -> Iterator[str]:
    """Every property path of a schema, walked independently of the page's own walker."""
    if not isinstance(node, dict):
        return
    for name, sub in node.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        yield path
        yield from _schema_paths(sub, path)
        if isinstance(sub.get("items"), dict):
            yield from _schema_paths(sub["items"], path + "[]")
    for sub in node.get("patternProperties", {}).values():
        path = f"{prefix}.<periode>" if prefix else "<periode>"
        yield path
        yield from _schema_paths(sub, path)


def test_data_dictionary_lists_every_property_of_every_schema(
    built: dict[str, str | bytes],
) -> None:
    from kinerja.resources import all_schemas

    page = str(built["unduh/kamus-data.md"]).replace("<wbr>", "")
    schemas = all_schemas()
    assert set(schemas) >= {
        "organisasi",
        "indikator",
        "permintaan",
        "submisi",
        "analisis",
        "sop",
        "pengaturan",
    }
    count = 0
    for kind, schema in schemas.items():
        section = page.split(f"{{#kamus-{kind}}}", 1)[1].split("\n## ", 1)[0]
        for path in _schema_paths(schema):
            assert f">{path.replace('<', '&lt;').replace('>', '&gt;')}</code>" in section, (
                kind,
                path,
            )
            count += 1
        assert f"unduh/skema/{kind}.schema.json" in built
    assert count > 150
    assert "dokumen[].klasifikasi" in page and "bila tidak diisi: terbatas" in page
    assert "salah satu dari: LHP, LHE, TLHP" in page


def test_data_dictionary_describes_a_field_fully() -> None:
    from kinerja.resources import load_schema
    from kinerja.site.dictionary import fields

    by_path = {f.path: f for f in fields(load_schema("submisi"))}
    nilai = by_path["realisasi[].nilai"]
    assert nilai.title == "Nilai realisasi" and nilai.type == "angka" and nilai.required
    assert nilai.examples == ("3", "85.5")
    tanggal = by_path["dokumen[].tanggal"]
    assert "bentuk: tanggal TTTT-BB-HH" in tanggal.rules
    unit_list = {f.path: f for f in fields(load_schema("indikator"))}["indikator[].unit"]
    assert unit_list.type == "daftar teks"
    assert "tanpa butir ganda" in unit_list.rules


# -- the analysis and the theme templates ------------------------------------------------------


def test_analysis_shows_raw_html_as_text() -> None:
    """Raw HTML in analisis.md is text: it can neither run nor open or close an element (a
    table of the analysis keeps its cells); Markdown itself still works."""
    from kinerja.site.markdown_safe import render

    html = render(
        "# Judul\n\n<b>tebal?</b> **tebal** `<i>kode</i>` a &amp; b\n\n"
        '<div onclick="x()">blok</div>\n\n'
        "| Kolom 1 | Kolom 2 |\n|---|---|\n| isi </td></tr></table><img src=x> | isi |\n\n"
        "[aman](https://example.go.id/) [jahat](javascript:x())\n"
    )
    assert "<h2>Judul</h2>" in html and "<strong>tebal</strong>" in html
    assert "&lt;b&gt;tebal?&lt;/b&gt;" in html
    assert "<code>&lt;i&gt;kode&lt;/i&gt;</code>" in html and "a &amp; b" in html
    assert "&lt;div onclick=" in html and "<div" not in html
    cell = "<td>isi &lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;img src=x&gt;</td>"
    assert cell in html
    assert html.count("<td>") == 2 and html.count("<table>") == 1 and "<img" not in html
    assert 'href="https://example.go.id/"' in html and "javascript:" not in html


def test_search_partial_is_the_themes_with_a_name() -> None:
    """The plugin's copy of Material's search partial differs from the installed theme's only
    by the dialog's accessible name: after a theme upgrade this fails until it is refreshed."""
    import material

    from kinerja.site.plugin import THEME_DIR

    theme = Path(material.__file__).parent / "templates" / "partials" / "search.html"
    ours = (THEME_DIR / "partials" / "search.html").read_text(encoding="utf-8")
    body = ours.split("-#}\n", 1)[1]
    named = 'role="dialog" aria-label="Pencarian">'
    assert body.count(named) == 1
    assert body.replace(named, 'role="dialog">') == theme.read_text("utf-8").split("-#}\n", 1)[1]


def test_plugin_puts_its_templates_after_a_custom_dir(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    from kinerja.site.plugin import THEME_DIR, KinerjaPlugin

    (tmp_path / "docs").mkdir()
    (tmp_path / "eigen").mkdir()
    for custom in (None, str(tmp_path / "eigen")):
        theme: dict[str, Any] = {"name": "material"}
        if custom:
            theme["custom_dir"] = custom
        config = load_config(
            config_file=None, site_name="x", docs_dir=str(tmp_path / "docs"), theme=theme
        )
        KinerjaPlugin().on_config(config)
        KinerjaPlugin().on_config(config)  # mkdocs serve: once per rebuild, never twice
        dirs = config.theme.dirs
        assert dirs.count(str(THEME_DIR)) == 1
        assert dirs.index(str(THEME_DIR)) == (1 if custom else 0)


def test_large_history_gets_yearly_workbooks_instead_of_one_whole_workbook(
    demo_repo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import load_workbook

    from kinerja.site.pages import downloads
    from kinerja.snapshot import take_snapshot

    snap = take_snapshot(demo_repo.root, now=NOW, use_cache=False)
    years = sorted({pid[:4] for pid in snap.states})
    assert len(years) > 1
    small = downloads.downloads(snap)
    assert "unduh/rekap.xlsx" in {d.path for d in small}
    monkeypatch.setattr(downloads, "FULL_WORKBOOK_MAX_ROWS", 10)
    skipped: list[tuple[str, str]] = []
    files = {d.path: d for d in downloads.downloads(snap, skipped)}
    assert "unduh/rekap.xlsx" not in files
    assert [p for p, _ in skipped] == ["unduh/rekap.xlsx"]
    assert "rekap per tahun" in skipped[0][1] and "CSV" in skipped[0][1]
    for year in years:
        book = load_workbook(io.BytesIO(files[f"unduh/rekap-{year}.xlsx"].content), read_only=True)
        rows = list(book["Capaian Indikator"].iter_rows(min_row=2, values_only=True))
        assert rows and {str(r[0])[:4] for r in rows} == {year}
        assert files[f"unduh/rekap-{year}.xlsx"].section == "Rekap per tahun"
    page = downloads.index_page(snap, list(files.values()), skipped)
    assert "Berkas yang tidak dibuat" in page and "rekap.xlsx" in page
