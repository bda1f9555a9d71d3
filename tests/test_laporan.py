"""Laporan Kinerja: the chapter model, the DOCX read back and compared with the recap, the PDF.

The demo repository (several years, quarterly then monthly periods) and the small synthetic
organisation are the two offices; the DOCX is opened with python-docx and every figure of its
tables is compared with ``kinerja recap --format json``; the PDF is made by real LibreOffice.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.table import Table
from docx.text.paragraph import Paragraph

from kinerja.cli import main
from kinerja.demo import DemoInfo
from kinerja.laporan import parse_scope
from kinerja.laporan.analysis import quotes_by_indicator
from kinerja.laporan.docx_out import docx_bytes
from kinerja.laporan.model import Laporan, build_laporan
from kinerja.laporan.pdf import find_soffice
from kinerja.model.periods import parse_period
from kinerja.site.html import number
from kinerja.snapshot import take_snapshot
from kinerja.validate.runner import validate_repository
from tracker import make_tracker, write

# -- helpers -------------------------------------------------------------------------------------


def _blocks(doc: DocumentObject) -> Iterator[Paragraph | Table]:
    body = doc.element.body
    for child in body.iterchildren():
        if child.tag.endswith("}p"):
            yield Paragraph(child, doc)
        elif child.tag.endswith("}tbl"):
            yield Table(child, doc)


@dataclass
class CaptionedTable:
    caption: str
    rows: list[list[str]]


def captioned_tables(doc: DocumentObject) -> list[CaptionedTable]:
    out = []
    caption = ""
    for block in _blocks(doc):
        if isinstance(block, Paragraph):
            if block.style is not None and block.style.name == "Caption":
                caption = block.text
        else:
            out.append(CaptionedTable(caption, [[c.text for c in r.cells] for r in block.rows]))
            caption = ""
    return out


def recap_json(root: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["recap", "--format", "json", "-C", str(root)]) == 0
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return document


def ytd_rows(recap: dict[str, Any]) -> list[dict[str, Any]]:
    table = recap["tabel"]["ytd_instansi"]
    return [dict(zip(table["kolom"], row, strict=True)) for row in table["baris"]]


def label(period_id: str) -> str:
    period = parse_period(period_id)
    assert period is not None
    return period.label


def expected_cells(row: dict[str, Any], presisi: int) -> list[str]:
    """Target, realisasi, capaian, predikat as the report must print the recap's row."""
    if row["target"] is not None:
        target = number(row["target"], presisi)
    elif row["target_min"] is not None:
        target = f"{number(row['target_min'], presisi)} – {number(row['target_max'], presisi)}"
    else:
        target = "–"
    return [
        target,
        number(row["realisasi"], presisi) if row["realisasi"] is not None else "–",
        number(row["capaian"], 2) if row["capaian"] is not None else "–",
        row["predikat"] or "–",
    ]


def make_report(root: Path, scope: str, out: Path, fmt: str = "docx") -> Path:
    assert main(["laporan", scope, "-C", str(root), "-o", str(out), "--format", fmt]) == 0
    stem = f"rekap-capaian-{scope}" if "q" in scope else f"laporan-kinerja-{scope}"
    return out / f"{stem}.{fmt.split(',', maxsplit=1)[0]}"


@pytest.fixture(scope="module")
def reports(demo_repo: DemoInfo, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("laporan")
    return {s: make_report(demo_repo.root, s, out) for s in ("2024", "2025", "2026", "2026-q3")}


@pytest.fixture(scope="module")
def models(demo_repo: DemoInfo) -> dict[str, Laporan]:
    snapshot = take_snapshot(demo_repo.root)
    return {s: build_laporan(snapshot, parse_scope(s)) for s in ("2024", "2026", "2026-q3")}


# -- scope and the analysis rule -----------------------------------------------------------------


def test_scope_is_a_year_or_a_quarter() -> None:
    assert parse_scope("2026").label == "Tahun 2026"
    quarter = parse_scope("2026-q3")
    assert (quarter.tahun, quarter.triwulan, quarter.label) == (2026, 3, "Triwulan III 2026")
    for bad in ("26", "2026-q5", "2026-10", "tahun", "1999"):
        with pytest.raises(ValueError, match=r"TTTT|rentang"):
            parse_scope(bad)


def test_analysis_quotes_follow_headings_and_mentions() -> None:
    body = "\n".join(
        [
            "# Analisis",
            "Paragraf umum tanpa indikator.",
            "",
            "## Jumlah LHP yang diterbitkan",
            "Penyebab kenaikan: tim tambahan.",
            "",
            "### Kendala",
            "- Auditor cuti.",
            "",
            "| jumlah-lhe | 3 |",
            "",
            "## Lainnya",
            "Nilai jumlah-lhe naik, tetapi jumlah-lhe-khusus tidak dihitung.",
            "```",
            "jumlah-lhp di dalam kode",
            "```",
        ]
    )
    names = {"jumlah-lhp": "Jumlah LHP yang diterbitkan", "jumlah-lhe": "Jumlah LHE"}
    quotes = quotes_by_indicator([("2026-q3", "submissions/2026-q3/analisis.md", body)], names)
    assert [q.text for q in quotes["jumlah-lhp"]] == [
        "Penyebab kenaikan: tim tambahan.",
        "- Auditor cuti.",
    ]
    assert quotes["jumlah-lhp"][1].heading == "Kendala"
    assert [q.text for q in quotes["jumlah-lhe"]] == [
        "Nilai jumlah-lhe naik, tetapi jumlah-lhe-khusus tidak dihitung."
    ]


# -- the model against the recap -----------------------------------------------------------------


def test_year_figure_is_the_recap_year_to_date_row(
    demo_repo: DemoInfo, models: dict[str, Laporan], capsys: pytest.CaptureFixture[str]
) -> None:
    rows = ytd_rows(recap_json(demo_repo.root, capsys))
    for scope_id, laporan in models.items():
        scope = laporan.scope
        for section in laporan.sections:
            mine = [
                r
                for r in rows
                if r["indikator"] == section.indicator.id
                and (p := parse_period(r["sd_periode"])) is not None
                and scope.covers(p)
            ]
            if not mine:
                assert section.current is None, (scope_id, section.indicator.id)
                continue
            last = mine[-1]
            assert section.current is not None
            assert section.current.sd_periode == last["sd_periode"]
            assert section.current.realisasi == last["realisasi"]
            assert section.current.capaian == last["capaian"]
            assert section.current.predikat == last["predikat"]


def test_missing_periods_are_named(models: dict[str, Laporan]) -> None:
    assert models["2024"].missing_periods == ("2024-q1", "2024-q2", "2024-q3")
    # 2026 went monthly from August: the fourth quarter lacks the months not yet held.
    held = set(models["2026"].periods)
    assert "2026-12" in models["2026"].missing_periods
    assert set(models["2026"].missing_periods) == {"2026-10", "2026-11", "2026-12"} - held
    assert models["2026-q3"].missing_periods == ()


def test_renstra_progress_combines_years_by_the_indicator_rule(models: dict[str, Laporan]) -> None:
    sections = {s.indicator.id: s for s in models["2026"].sections}
    lhp = sections["jumlah-lhp"]
    assert lhp.renstra is not None and lhp.renstra.target == 400
    counted = [f for f in lhp.years if f.tahun >= 2025 and f.realisasi is not None]
    assert lhp.renstra.tahun == tuple(f.tahun for f in counted)
    assert lhp.renstra.realisasi == sum(f.realisasi or 0 for f in counted)
    assert lhp.renstra.persen == pytest.approx(lhp.renstra.realisasi / 400 * 100)
    days = sections["rata-rata-hari-penyelesaian-lhp"]  # lower is better, averaged
    assert days.renstra is not None and days.renstra.realisasi is not None
    expected = 2 * 15 - days.renstra.realisasi
    assert days.renstra.persen == pytest.approx(max(expected / 15 * 100, 0))


def test_groups_follow_sasaran_and_budget_is_part_b(models: dict[str, Laporan]) -> None:
    laporan = models["2026"]
    assert [g.sasaran.id for g in laporan.groups if g.sasaran] == [
        "kualitas-pengawasan",
        "tata-kelola",
        "keuangan",
    ]
    assert [s.indicator.id for s in laporan.anggaran] == ["realisasi-anggaran"]


# -- the DOCX --------------------------------------------------------------------------------------


def test_docx_structure(reports: dict[str, Path], demo_repo: DemoInfo) -> None:
    doc = Document(str(reports["2026"]))
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Head")]
    names = [text for _, text in headings]
    for wanted in (
        "IKHTISAR EKSEKUTIF",
        "BAB III AKUNTABILITAS KINERJA",
        "A. Capaian Kinerja Organisasi",
        "B. Realisasi Anggaran",
        "LAMPIRAN",
        "Lampiran 1. Sumber Data",
    ):
        assert wanted in names
    assert ("Heading 3", "Sasaran 1: Meningkatnya kualitas hasil pengawasan intern") in headings
    assert sum(1 for style, _ in headings if style == "Heading 4") == 9
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml and "fldChar" in footer_xml
    assert 'w:val="id-ID"' in doc.styles.element.xml
    assert doc.core_properties.language == "id-ID"
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Pemerintah Kabupaten Pesisir Selatan".upper() in text
    # The signature block names the holder of the inspektur role in organisasi.yml.
    org = take_snapshot(demo_repo.root).tracker.config
    assert org is not None
    inspektur = org.organisation.holders("inspektur")[0]
    cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert inspektur.nama in cells and f"NIP. {inspektur.nip}" in cells
    assert doc.inline_shapes, "the charts are images in the document"


def test_every_figure_equals_the_recap(
    reports: dict[str, Path], demo_repo: DemoInfo, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = ytd_rows(recap_json(demo_repo.root, capsys))
    config = take_snapshot(demo_repo.root).tracker.config
    assert config is not None
    by_name = {ind.nama: ind for ind in config.indicators.values()}
    by_key = {(r["indikator"], label(r["sd_periode"])): r for r in rows}
    checked = 0
    for scope_id in ("2025", "2026", "2026-q3"):
        tables = captioned_tables(Document(str(reports[scope_id])))
        for table in tables:
            header = table.rows[0]
            if header[0] == "No" and "Predikat" in header:  # Ikhtisar Eksekutif
                for row in table.rows[1:]:
                    ind = by_name[row[1]]
                    if row[3:] == ["–"] * 4:
                        continue
                    section_rows = [r for r in rows if r["indikator"] == ind.id]
                    assert section_rows
                    matches = [r for r in section_rows if expected_cells(r, ind.presisi) == row[3:]]
                    assert matches, (scope_id, ind.id, row)
                    checked += 1
                continue
            if "S.d. periode" not in header or "Predikat" not in header:
                continue
            ind = next((i for n, i in by_name.items() if n in table.caption), None)
            assert ind is not None, table.caption
            offset = header.index("S.d. periode")
            for row in table.rows[1:]:
                if row[offset] == "–":
                    assert row[offset + 1 :] == ["–"] * 4
                    continue
                recap_row = by_key[(ind.id, row[offset])]
                assert row[offset + 1 :] == expected_cells(recap_row, ind.presisi), (
                    scope_id,
                    table.caption,
                    row,
                )
                if offset == 1:
                    assert row[0] == str(recap_row["tahun"])
                checked += 1
    assert checked > 60


def test_quarterly_report_per_unit_table_equals_the_recap(
    reports: dict[str, Path], demo_repo: DemoInfo, capsys: pytest.CaptureFixture[str]
) -> None:
    recap = recap_json(demo_repo.root, capsys)["tabel"]["per_unit"]
    rows = [dict(zip(recap["kolom"], r, strict=True)) for r in recap["baris"]]
    doc = Document(str(reports["2026-q3"]))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "REKAP HASIL CAPAIAN KINERJA" in text and "TRIWULAN III 2026" in text
    (table,) = [t for t in captioned_tables(doc) if t.caption.startswith("Tabel") and
                "Rata-rata capaian per unit" in t.caption]  # fmt: skip
    in_quarter = [r for r in rows if r["periode"] in ("2026-07", "2026-08", "2026-09", "2026-q3")]
    assert len(table.rows) - 1 == len(in_quarter)
    for cells, row in zip(table.rows[1:], in_quarter, strict=True):
        assert cells[0] == label(row["periode"])
        assert cells[3] == (
            number(row["rata_capaian"], 2) if row["rata_capaian"] is not None else "–"
        )
        assert cells[4] == (row["predikat"] or "–")


def test_missing_periods_and_restricted_documents_in_the_docx(
    reports: dict[str, Path], demo_repo: DemoInfo
) -> None:
    doc = Document(str(reports["2024"]))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "belum ada di repositori" in text
    assert "Triwulan I 2024, Triwulan II 2024, Triwulan III 2024" in text
    snapshot = take_snapshot(demo_repo.root)
    doc = Document(str(reports["2026"]))
    (documents,) = [t for t in captioned_tables(doc) if "Dokumen pada data unit" in t.caption]
    by_number = {(row[1], row[3]): row for row in documents.rows[1:]}
    restricted = shown = 0
    for pid in ("2026-q1", "2026-q2", "2026-q3", "2026-08"):
        for unit, sub in snapshot.tracker.periods[pid].submissions.items():
            for item in sub.data.get("dokumen", []):
                row = by_number[(unit, item["nomor"])]
                if item.get("klasifikasi", "terbatas") == "terbatas":
                    assert row[5] == "(terbatas)"
                    restricted += 1
                else:
                    assert row[5] == f"{item['judul']} — {item['objek']}"
                    shown += 1
    assert restricted and shown


def test_sources_list_files_hand_in_times_and_paraf(models: dict[str, Laporan]) -> None:
    sources = models["2026"].sources
    received = [s for s in sources if s.received_at is not None]
    assert received and all(s.path for s in received)
    assert any(s.paraf for s in received)
    assert {s.status for s in sources} <= {
        "diterima",
        "diterima terlambat",
        "direvisi",
        "belum diterima",
    }


def test_same_repository_same_bytes(demo_repo: DemoInfo) -> None:
    first = docx_bytes(build_laporan(take_snapshot(demo_repo.root), parse_scope("2026")))
    second = docx_bytes(build_laporan(take_snapshot(demo_repo.root), parse_scope("2026")))
    assert first == second


def test_analysis_quoted_under_its_indicator(demo_copy: Path, tmp_path: Path) -> None:
    path = demo_copy / "submissions/2026-q3/analisis.md"
    text = path.read_text(encoding="utf-8")
    text += (
        "\n## Persentase rekomendasi hasil pengawasan yang telah ditindaklanjuti\n\n"
        "Tindak lanjut naik karena **rapat koordinasi** bulanan dengan OPD.\n"
    )
    path.write_text(text, encoding="utf-8")
    report = make_report(demo_copy, "2026", tmp_path)
    doc = Document(str(report))
    paragraphs = [p.text for p in doc.paragraphs]
    at = paragraphs.index(
        "Indikator 1.4: Persentase rekomendasi hasil pengawasan yang telah ditindaklanjuti"
    )
    following = paragraphs[at : at + 40]
    assert "Tindak lanjut naik karena rapat koordinasi bulanan dengan OPD." in following
    quote = next(p for p in doc.paragraphs if p.text.startswith("Tindak lanjut naik"))
    assert quote.style is not None and quote.style.name == "Quote"
    assert any(r.bold and r.text == "rapat koordinasi" for r in quote.runs)
    assert any(t.startswith("[Belum ada analisis yang membahas") for t in paragraphs)


def test_second_organisation(synthetic_demo: DemoInfo, tmp_path: Path) -> None:
    snapshot = take_snapshot(synthetic_demo.root)
    years = sorted({p.period.year for p in snapshot.tracker.periods.values()})
    for year in years:
        laporan = build_laporan(snapshot, parse_scope(str(year)))
        assert laporan.sections and all(g.sasaran is None for g in laporan.groups)
        report = make_report(synthetic_demo.root, str(year), tmp_path, "docx,md")
        doc = Document(str(report))
        text = "\n".join(p.text for p in doc.paragraphs)
        assert "BAB III AKUNTABILITAS KINERJA" in text
        assert "[Target akhir Renstra indikator ini belum diisi" in text
        md = report.with_suffix(".md").read_text(encoding="utf-8")
        assert md.startswith("# Laporan Kinerja")


def test_bad_scope_and_format_are_usage_errors(
    demo_repo: DemoInfo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["laporan", "2026-13", "-C", str(demo_repo.root)]) == 2
    assert "bukan tahun atau triwulan" in capsys.readouterr().err
    assert main(["laporan", "2026", "--format", "rtf", "-C", str(demo_repo.root)]) == 2
    assert "tidak dikenal" in capsys.readouterr().err


# -- configuration rules ----------------------------------------------------------------------


def test_renstra_and_sasaran_rules(tmp_path: Path) -> None:
    root = make_tracker(tmp_path / "repo")
    path = root / "submissions/indikator.yml"
    text = path.read_text(encoding="utf-8")
    broken = text.replace(
        "tahun_awal: 2025, tahun_akhir: 2029", "tahun_awal: 2029, tahun_akhir: 2025"
    )
    broken = broken.replace("    sasaran: tata-kelola\n", "    sasaran: tata-kelol\n", 1)
    write(root, "submissions/indikator.yml", broken)
    report = validate_repository(root, use_cache=False)
    found = {(f.code, f.field) for f in report.findings}
    assert ("renstra-period-invalid", "renstra.tahun_akhir") in found
    assert any(code == "reference-unknown" and "sasaran" in (field or "") for code, field in found)
    without = (
        "\n".join(line for line in text.splitlines() if not line.startswith("renstra:")) + "\n"
    )
    write(root, "submissions/indikator.yml", without)
    report = validate_repository(root, use_cache=False)
    missing = [f for f in report.findings if f.code == "renstra-missing"]
    assert len(missing) == 9 and all(
        f.line and "target_renstra" in (f.field or "") for f in missing
    )
    assert "tahun_awal" in (missing[0].hint or "")


# -- PDF through LibreOffice ------------------------------------------------------------------


needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) tidak ada")


@needs_soffice
@pytest.mark.parametrize("scope", ["2026", "2026-q3"])
def test_pdf_through_libreoffice(demo_repo: DemoInfo, tmp_path: Path, scope: str) -> None:
    pdf = make_report(demo_repo.root, scope, tmp_path, "pdf")
    assert pdf.suffix == ".pdf" and pdf.is_file()
    assert not pdf.with_suffix(".docx").exists(), "only the formats asked for are left"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(
        next(line for line in info.stdout.splitlines() if line.startswith("Pages:")).split()[1]
    )
    assert pages > 3
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    headings = (
        "IKHTISAR EKSEKUTIF",
        "BAB III AKUNTABILITAS KINERJA",
        "A. Capaian Kinerja Organisasi",
        "B. Realisasi Anggaran",
        "Lampiran 1. Sumber Data",
    )
    for heading in headings:
        assert heading in text
    assert f"Halaman 1 dari {pages}" in text


def test_without_libreoffice_a_clear_error(
    demo_repo: DemoInfo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.setenv("KINERJA_SOFFICE", str(tmp_path / "tidak-ada" / "soffice"))
    code = main(["laporan", "2026", "-C", str(demo_repo.root), "-o", str(tmp_path)])
    assert code == 3
    err = capsys.readouterr().err
    assert "LibreOffice (soffice) tidak ditemukan" in err and "Traceback" not in err
    assert (tmp_path / "laporan-kinerja-2026.docx").is_file()


def test_soffice_helper_prefers_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KINERJA_SOFFICE", raising=False)
    assert find_soffice() == (shutil.which("soffice") or shutil.which("libreoffice"))


# -- the site page -------------------------------------------------------------------------------


def test_site_page_per_year_escapes_names_and_sanitises_analysis(demo_copy: Path) -> None:
    from kinerja.site.pages import laporan as page

    # Markup in configuration names is refused by the validator (tests/test_markdown_escaping.py
    # covers names on every page); the analysis is Markdown people write, sanitised here.
    analysis = demo_copy / "submissions/2026-q3/analisis.md"
    analysis.write_text(
        analysis.read_text(encoding="utf-8")
        + "\n## jumlah-lhp\n\nNaik. <img src=x onerror=alert(1)> [klik](javascript:alert(1))\n",
        encoding="utf-8",
    )
    snapshot = take_snapshot(demo_copy, use_cache=False)
    built = page.pages(snapshot)
    assert set(built) >= {
        "laporan/index.md",
        "laporan/2024.md",
        "laporan/2025.md",
        "laporan/2026.md",
    }
    year = str(built["laporan/2026.md"])
    assert year.startswith("# Laporan Kinerja 2026 (draf)")
    assert "kinerja laporan 2026" in year
    assert "<script>" not in year
    assert "onerror" not in year.replace("onerror=alert(1)&gt;", "")
    assert "<img" not in year and "javascript:" not in year
    assert "Naik." in year
    # The page's figures are the model's, formatted the same way as the DOCX.
    laporan = build_laporan(snapshot, parse_scope("2026"))
    lhp = next(s for s in laporan.sections if s.indicator.id == "jumlah-lhp")
    assert lhp.current is not None and lhp.current.capaian is not None
    assert number(lhp.current.capaian, 2) in year
    assert "Periode belum lengkap" in year


def test_year_chart_is_a_deterministic_png(models: dict[str, Laporan]) -> None:
    from kinerja.laporan.charts import SIZE, nice_ticks, year_chart

    section = next(s for s in models["2026"].sections if s.indicator.id == "jumlah-lhp")
    png = year_chart(section.years, section.indicator.satuan)
    assert png is not None and png.startswith(b"\x89PNG\r\n\x1a\n")
    assert png == year_chart(section.years, section.indicator.satuan)
    assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == SIZE
    empty = [f for f in section.years if f.realisasi is None]
    assert year_chart(empty, "laporan") is None
    assert nice_ticks(86.4) == [0, 20, 40, 60, 80, 100]
    assert nice_ticks(3.2) == [0, 1, 2, 3, 4]
    assert nice_ticks(0) == [0, 1]


def test_quarterly_report_quotes_only_its_quarter(models: dict[str, Laporan]) -> None:
    laporan = models["2026-q3"]
    assert laporan.scope.label_in_text == "triwulan III 2026"
    quotes = [q for s in laporan.sections for q in s.quotes]
    assert quotes, "the demo's analyses discuss each indicator under its name"
    assert {q.periode for q in quotes} <= {"2026-07", "2026-08", "2026-09", "2026-q3"}
