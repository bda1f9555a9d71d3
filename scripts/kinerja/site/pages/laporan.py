"""Laporan Kinerja <tahun> (draf): the chapter of every year held, as a page, and their index.

The page reads the same :class:`~kinerja.laporan.model.Laporan` the DOCX is written from, so the
site and the document cannot disagree. Tables are HTML built with :mod:`kinerja.site.html`;
staff's analysis is rendered through :func:`kinerja.site.markdown_safe.render` (sanitised).
Charts are not drawn again here: each indicator links to its own page, which has its chart.
The DOCX and PDF are not made at build time (charts and LibreOffice would cost seconds per year
on every build); the page gives the command that makes them.
"""

from __future__ import annotations

from kinerja.laporan import text as words
from kinerja.laporan.model import IndicatorSection, Laporan, build_laporan
from kinerja.laporan.scope import Scope
from kinerja.site.html import block, esc, href, table
from kinerja.site.markdown_safe import render
from kinerja.site.pages._common import example_notice, indicator_link, period_link
from kinerja.snapshot import Snapshot

INDEX = "laporan/index.md"

_FIGURES = ["Target", "Realisasi", "Capaian (%)", "Predikat"]


def page_src(year: int) -> str:
    return f"laporan/{year}.md"


def _cells(values: list[str]) -> list[str]:
    return [esc(v) for v in values]


def _indicator(snapshot: Snapshot, here: str, section: IndicatorSection, number: str) -> str:
    ind = section.indicator
    lap_rows = [
        [
            esc(str(f.tahun)),
            esc(words.period_name(f.sd_periode)),
            *_cells(words.figure_cells(f, ind)),
        ]
        for f in section.years
    ]
    parts = [
        f'<h4 id="indikator-{esc(ind.id)}">Indikator {esc(number)}: '
        f"{indicator_link(snapshot, here, ind.id)}</h4>",
        f"<p>{esc(words.sd_text(section))}</p>",
    ]
    if lap_rows:
        parts.append(
            table(
                ["Tahun", "S.d. periode", *_FIGURES],
                lap_rows,
                caption=f"{ind.nama}: tahun ini dan tahun-tahun sebelumnya",
                numeric=(2, 3, 4),
            )
        )
    else:
        parts.append("<p><em>Belum ada realisasi di repositori.</em></p>")
    if section.renstra is not None:
        parts.append(
            table(
                list(words.RENSTRA_HEADERS),
                [_cells(words.renstra_cells(section.renstra, ind))],
                caption=f"{ind.nama} terhadap target akhir Renstra",
                numeric=(1, 3, 4),
            )
        )
        parts.append(f"<p>{esc(words.renstra_rule(ind))}</p>")
    else:
        parts.append("<p><em>Target akhir Renstra belum diisi (indikator.yml).</em></p>")
    if section.quotes:
        for quote in section.quotes:
            parts.append(
                f"<p>Dikutip dari analisis {period_link(here, quote.periode)}"
                f" ({esc(quote.path)}):</p>"
                f'<blockquote class="kj-analysis">{render(quote.text)}</blockquote>'
            )
    else:
        parts.append(
            "<p><em>Belum ada analisis yang membahas indikator ini pada analisis.md periode "
            "tahun ini.</em></p>"
        )
    return block("\n".join(parts))


def year_page(snapshot: Snapshot, laporan: Laporan) -> str:
    year = laporan.scope.tahun
    here = page_src(year)
    out = [f"# Laporan Kinerja {year} (draf)\n\n", example_notice(snapshot)]
    out.append(
        "Draf Bab III Akuntabilitas Kinerja (PermenPAN-RB 53/2014) yang disusun dari data "
        "repositori; semua angka berasal dari rekap capaian. Dokumen Word (DOCX) dan PDF untuk "
        "disunting dan ditandatangani dibuat dengan perintah:\n\n"
        f"```\nkinerja laporan {year}\n```\n\n"
        f"Rekap triwulan: `kinerja laporan {year}-q1` sampai `{year}-q4`. Lihat "
        "[Panduan penyusun analisis](../panduan/perencanaan.md#laporan-kinerja)."
        "\n\n"
    )
    missing = words.missing_text(laporan)
    if missing:
        out.append(f'!!! warning "Periode belum lengkap"\n    {esc(missing)}\n\n')
    out.append("## Ikhtisar Eksekutif\n\n")
    rows = [
        [
            esc(str(n)),
            indicator_link(snapshot, here, s.indicator.id),
            esc(s.indicator.satuan),
            *_cells(words.figure_cells(s.current, s.indicator)),
        ]
        for n, s in enumerate(laporan.sections, start=1)
    ]
    out.append(
        block(
            table(
                ["No", "Indikator", "Satuan", *_FIGURES],
                rows,
                caption=f"Capaian indikator kinerja tahun {year}",
                numeric=(3, 4, 5),
            )
        )
    )
    out.append("## A. Capaian Kinerja Organisasi\n\n")
    number = 0
    for g, group in enumerate(laporan.groups, start=1):
        if group.sasaran is not None:
            out.append(block(f"<h3>Sasaran {g}: {esc(group.sasaran.nama)}</h3>"))
        for i, section in enumerate(group.sections, start=1):
            number += 1
            label = f"{g}.{i}" if group.sasaran else str(number)
            out.append(_indicator(snapshot, here, section, label))
    out.append("## B. Realisasi Anggaran\n\n")
    if not laporan.anggaran:
        out.append("Belum ada indikator anggaran (`anggaran: true` di indikator.yml).\n\n")
    for section in laporan.anggaran:
        rows = [
            [esc(str(f.tahun)), esc(words.period_name(f.sd_periode)),
             *_cells(words.figure_cells(f, section.indicator))]
            for f in section.years
        ]  # fmt: skip
        out.append(
            block(
                table(
                    ["Tahun", "S.d. periode", *_FIGURES],
                    rows,
                    caption=section.indicator.nama,
                    numeric=(2, 3, 4),
                )
            )
        )
    out.append("## Sumber data\n\n")
    out.append(
        f"{len(laporan.sources)} berkas data unit dari {len(laporan.periods)} periode; daftar "
        "lengkapnya (berkas, waktu penyerahan, paraf) ada pada Lampiran dokumen DOCX/PDF dan "
        "pada halaman tiap periode.\n\n"
    )
    return "".join(out)


def years_of(snapshot: Snapshot) -> list[int]:
    return sorted({p.period.year for p in snapshot.tracker.periods.values()})


def pages(snapshot: Snapshot) -> dict[str, str | bytes]:
    if snapshot.tracker.config is None:
        return {}
    out: dict[str, str | bytes] = {}
    years = years_of(snapshot)
    for year in years:
        out[page_src(year)] = year_page(snapshot, build_laporan(snapshot, Scope(year)))
    index = ["# Laporan Kinerja\n\n", example_notice(snapshot)]
    index.append(
        "Draf Laporan Kinerja (Bab III Akuntabilitas Kinerja) per tahun, disusun dari data "
        "repositori. Dokumen DOCX dan PDF dibuat dengan `kinerja laporan TAHUN`; rekap capaian "
        "triwulan dengan `kinerja laporan TAHUN-qN`.\n\n"
    )
    if years:
        rows = [
            [f'<a href="{esc(href(INDEX, page_src(y)))}">Laporan Kinerja {y} (draf)</a>',
             esc(f"kinerja laporan {y}")]
            for y in reversed(years)
        ]  # fmt: skip
        index.append(block(table(["Tahun", "Perintah"], rows, caption="Draf per tahun")))
    else:
        index.append("Belum ada periode di repositori.\n")
    out[INDEX] = "".join(index)
    return out
