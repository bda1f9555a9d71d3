"""The report as Markdown (``--format md``): for a wiki, an e-mail or a diff between two drafts.

The same sections and tables as the DOCX, without charts (their data tables are here). Values
from data files go through :func:`kinerja.escape.md_text`, the package's escape for
Markdown inline text; figures and the report's own words need none. The staff's analysis is
Markdown they wrote and is quoted as it is, as a block quote.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kinerja.escape import md_text
from kinerja.laporan import text as words
from kinerja.laporan.model import IndicatorSection, Laporan
from kinerja.model.dates import when_text as when

__all__ = ["markdown"]


def _table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], numeric: Iterable[int] = ()
) -> list[str]:
    right = set(numeric)
    lines = [
        "| " + " | ".join(headers) + " |",
        "|" + "|".join("---:" if i in right else "---" for i in range(len(headers))) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _indicator(section: IndicatorSection, number: str, laporan: Laporan) -> list[str]:
    ind = section.indicator
    out = [f"#### Indikator {number}: {md_text(ind.nama)}", "", md_text(words.sd_text(section)), ""]
    current = section.current
    out += _table(
        ["S.d. periode", *words.FIGURE_HEADERS],
        [
            [
                words.period_name(current.sd_periode) if current else words.DASH,
                *words.figure_cells(current, ind),
            ]
        ],
        (1, 2, 3),
    )
    if section.periods:
        out += _table(
            ["S.d. periode", *words.FIGURE_HEADERS],
            [
                [words.period_name(f.sd_periode), *words.figure_cells(f, ind)]
                for f in section.periods
            ],
            (1, 2, 3),
        )
    if len(section.years) > 1:
        out += ["Perbandingan dengan tahun-tahun sebelumnya:", ""]
        out += _table(
            ["Tahun", "S.d. periode", *words.FIGURE_HEADERS],
            [
                [str(f.tahun), words.period_name(f.sd_periode), *words.figure_cells(f, ind)]
                for f in section.years
            ],
            (2, 3, 4),
        )
    if section.renstra is not None:
        cells = words.renstra_cells(section.renstra, ind)
        out += _table(list(words.RENSTRA_HEADERS), [[md_text(cells[0]), *cells[1:]]], (1, 3, 4))
        out += [words.renstra_rule(ind), ""]
    out += ["**Analisis capaian:**", ""]
    if section.quotes:
        for quote in section.quotes:
            out += [f"*Dikutip dari analisis {words.period_name(quote.periode)} "
                    f"({md_text(quote.path)}):*", ""]  # fmt: skip
            out += [f"> {line}" for line in quote.text.splitlines()] + [""]
    else:
        periods = ", ".join(words.period_name(p) for p in laporan.periods) or words.DASH
        out += [f"*[Belum ada analisis yang membahas indikator ini dalam analisis.md periode "
                f"{periods}.]*", ""]  # fmt: skip
    return out


def markdown(laporan: Laporan) -> str:
    lap = laporan
    out = [f"# {md_text(lap.title)} (draf)", "", md_text(lap.instansi), ""]
    missing = words.missing_text(lap)
    if missing:
        out += [f"**{missing}**", ""]
    out += ["## Ikhtisar Eksekutif", ""]
    rows = []
    for n, section in enumerate(lap.sections, start=1):
        ind = section.indicator
        rows.append(
            [str(n), md_text(ind.nama), ind.satuan, *words.figure_cells(section.current, ind)]
        )
    out += _table(["No", "Indikator", "Satuan", *words.FIGURE_HEADERS], rows, (3, 4, 5))
    out += ["## Bab III Akuntabilitas Kinerja", "", "### A. Capaian Kinerja Organisasi", ""]
    number = 0
    for g, group in enumerate(lap.groups, start=1):
        if group.sasaran is not None:
            out += [f"### Sasaran {g}: {md_text(group.sasaran.nama)}", ""]
        for i, section in enumerate(group.sections, start=1):
            number += 1
            out += _indicator(section, f"{g}.{i}" if group.sasaran else str(number), lap)
    out += ["### B. Realisasi Anggaran", ""]
    if not lap.anggaran:
        out += ["*[Belum ada indikator anggaran (`anggaran: true` di indikator.yml).]*", ""]
    for section in lap.anggaran:
        ind = section.indicator
        out += [md_text(ind.nama), ""]
        out += _table(
            ["Tahun", "S.d. periode", *words.FIGURE_HEADERS],
            [
                [str(f.tahun), words.period_name(f.sd_periode), *words.figure_cells(f, ind)]
                for f in section.years
            ],
            (2, 3, 4),
        )
    out += ["## Lampiran 1. Sumber Data", ""]
    out += _table(
        ["Periode", "Unit", "Berkas", "Diserahkan", "Status", "Paraf"],
        [
            [
                words.period_name(s.periode),
                md_text(s.unit_nama),
                md_text(s.path or words.DASH),
                when(s.received_at, short=True) if s.received_at else words.DASH,
                s.status,
                md_text(words.join_names(s.paraf)),
            ]
            for s in lap.sources
        ],
    )
    out += ["## Lampiran 2. Dokumen Hasil Pengawasan", ""]
    out += _table(
        ["Periode", "Unit", "Jenis", "Nomor", "Tanggal", "Judul dan objek"],
        [
            [
                words.period_name(d.periode),
                md_text(d.unit),
                md_text(d.jenis),
                md_text(d.nomor),
                md_text(d.tanggal),
                md_text(f"{d.judul} — {d.objek}") if d.judul is not None else "(terbatas)",
            ]
            for d in lap.documents
        ],
    )
    out += ["## Lampiran 3. Cara Membaca Laporan Ini", "", words.ANALYSIS_RULE, ""]
    return "\n".join(out).rstrip("\n") + "\n"
