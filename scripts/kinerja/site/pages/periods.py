"""Per period: the request, each unit's status and times, the SOP steps against mutu baku, the
recap with capaian and predikat, the analysis, and the disposition block that prints as the
hardcopy (lembar disposisi)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kinerja.history import Event, EventKind
from kinerja.site.charts import Chart, chart_src, figure, period_chart, records, target_text
from kinerja.site.html import badge, block, day, esc, href, number, page_top, table, when
from kinerja.site.markdown_safe import render
from kinerja.site.pages._common import (
    example_notice,
    indicator_link,
    period_badge,
    period_label,
    person_name,
    unit_badge,
    unit_link,
    with_print_heading,
)
from kinerja.site.pages.handins import handins, handins_html
from kinerja.site.pages.history import role_label, short_when
from kinerja.site.pages.submit import link_html as submit_link
from kinerja.site.pages.submit import open_units, send_section
from kinerja.site.pages.units import predikat_badge
from kinerja.snapshot import Snapshot
from kinerja.status import PeriodState
from kinerja.status.derive import StepTiming
from kinerja.status.sop_evaluation import usual_minutes
from kinerja.timing.zone import Zone


def pages(snapshot: Snapshot) -> dict[str, str | bytes]:
    out: dict[str, str | bytes] = {}
    rows = []
    for pid, state in reversed(list(snapshot.states.items())):
        received = sum(1 for s in state.recipients if s.status.received)
        rows.append(
            [
                f'<a href="{esc(pid)}/">{esc(period_label(pid))}</a>',
                period_badge(state.status),
                esc(when(state.deadline, zone=snapshot.zone)),
                f"{received} / {len(state.recipients)}",
            ]
        )
        chart = period_chart(snapshot, pid)
        if chart is not None:
            out[chart_src("periode", pid)] = chart.svg
        out[f"periode/{pid}.md"] = with_print_heading(
            snapshot, period_page(snapshot, pid, state, chart)
        )
    index = ["# Periode\n\n", example_notice(snapshot)]
    if rows:
        index.append(block(table(["Periode", "Status", "Tenggat", "Data diterima"], rows)))
    else:
        index.append("Belum ada periode.\n")
    out["periode/index.md"] = "".join(index)
    return out


def _request_block(
    snapshot: Snapshot, here: str, request: Mapping[str, Any] | None, state: PeriodState
) -> str:
    if request is None:
        return "Permintaan data periode ini belum diterbitkan.\n\n"
    facts = [
        ["Nomor", esc(request.get("nomor", "–"))],
        ["Tanggal permintaan", esc(day(request.get("tanggal")))],
        ["Tenggat", esc(when(state.deadline, zone=snapshot.zone))],
        ["Diminta oleh", esc(person_name(snapshot, request.get("diminta_oleh")))],
    ]
    if request.get("catatan"):
        facts.append(["Catatan", esc(request["catatan"])])
    recipients = [
        [
            unit_link(snapshot, here, r.get("unit", "")),
            ", ".join(indicator_link(snapshot, here, i) for i in r.get("indikator", [])) or "–",
            esc(", ".join(r.get("dokumen", [])) or "–"),
        ]
        for r in request.get("penerima", [])
    ]
    return block(table(["Keterangan", "Isi"], facts, css="kj-facts")) + block(
        table(
            ["Unit penerima", "Indikator diminta", "Dokumen diminta"],
            recipients,
            caption="Yang diminta dari setiap unit",
        )
    )


def _names(events: tuple[Event, ...] | list[Event]) -> str:
    return ", ".join(esc(e.person.name) for e in events) or "–"


def _units_block(snapshot: Snapshot, here: str, state: PeriodState) -> str:
    rows = []
    for unit_state in state.recipients:
        anchor = f'<span id="unit-{esc(unit_state.unit)}"></span>'
        rows.append(
            [
                anchor + unit_link(snapshot, here, unit_state.unit),
                # The action sits beside the status, in view on a phone without scrolling.
                unit_badge(unit_state) + submit_link(snapshot, here, state.period, unit_state.unit),
                '<span class="kj-nowrap">'
                f"{esc(short_when(unit_state.received_at, snapshot.zone))}</span>"
                if unit_state.received_at
                else "–",
                str(unit_state.revisions) if unit_state.revisions else "–",
                f"<code>{esc(unit_state.path)}</code>" if unit_state.path else "–",
                handins_html(handins(unit_state.events), lambda t: short_when(t, snapshot.zone)),
            ]
        )
    if not rows:
        return "Tidak ada unit penerima.\n\n"
    return block(
        table(
            ["Unit", "Status", "Diterima (WIB)", "Revisi", "Berkas", "Penyerahan dan paraf (WIB)"],
            rows,
            caption="Status data setiap unit",
        )
    )


#: A step is "slower than usual" when it took more than this times its median over all periods:
#: a quarter above the usual time is a real delay, not the spread of ordinary weeks.
SLOWER_THAN_USUAL = 1.25


def _span(step: StepTiming, zone: Zone) -> str:
    """When the step ran: both ends, or what is still missing (never "– –")."""
    if step.start is None:
        return "belum mulai"
    start = esc(when(step.start, zone=zone, short=True))
    if step.end is None:
        return f"mulai {start};<br>belum selesai"
    return f"{start} –<br>{esc(when(step.end, zone=zone, short=True))}"


def _against(step: StepTiming, usual: float | None) -> str:
    """The step's time against its mutu baku, coloured only when it needs attention: over the
    mutu baku *and* slower than this step's usual (median) time over all periods. Over the mutu
    baku as usual is said in plain text (a finding for the Evaluasi SOP page)."""
    if step.minutes is None:
        return "belum selesai"
    actual = number(step.minutes, 0)
    if not step.over or not step.mutu_baku:
        return f"{actual}<br><small>dalam mutu baku</small>" if step.mutu_baku else actual
    ratio = number(step.minutes / step.mutu_baku, 1)
    if usual is not None and step.minutes <= usual * SLOWER_THAN_USUAL:
        return f"{actual}<br><small>{ratio}× mutu baku, seperti biasanya</small>"
    flag = badge("lebih lambat dari biasanya", "terlambat")
    typical = f", median {number(usual, 0)}" if usual is not None else ""
    return f"{actual}<br>{flag}<br><small>{ratio}× mutu baku{typical}</small>"


def _steps_block(state: PeriodState, zone: Zone, usual: Mapping[str, float] | None = None) -> str:
    if not state.steps:
        return "SOP alur kerja tidak ditemukan, sehingga waktu langkah tidak dihitung.\n\n"
    usual = usual or {}
    rows = []
    for step in state.steps:
        rows.append(
            [
                str(step.no),
                esc(step.aktivitas),
                esc(step.pelaksana),
                number(step.mutu_baku, 0),
                _against(step, usual.get(step.langkah)),
                f"{_span(step, zone)}<br><small>{esc(step.note)}</small>",
            ]
        )
    intro = (
        "<p>Waktu kerja setiap langkah adalah jumlah menit kerja (jam kerja kantor, tanpa hari "
        "libur) antara dua kejadian yang tercatat, tertulis di bawah waktu mulai dan selesai. "
        "Mutu baku adalah waktu yang ditetapkan SOP untuk langkah itu. Tanda merah hanya untuk "
        "langkah yang melebihi mutu baku <em>dan</em> lebih dari 25 % lebih lambat daripada "
        "biasanya (median semua periode); langkah yang selalu melebihi mutu baku dibahas di "
        "halaman Evaluasi SOP.</p>"
    )
    return block(
        intro
        + table(
            [
                "No",
                "Aktivitas",
                "Pelaksana",
                "Mutu baku (menit)",
                "Waktu kerja (menit)",
                f"Mulai – selesai ({zone.label}) dan yang diukur",
            ],
            rows,
            numeric=(3, 4),
            caption="Langkah SOP: waktu kerja terhadap mutu baku",
            css="kj-steps",
        )
    )


def _recap_block(snapshot: Snapshot, here: str, pid: str) -> str:
    frame = snapshot.recap.indikator
    part = frame[frame["periode"] == pid]
    if part.empty:
        return "Belum ada realisasi untuk periode ini.\n\n"
    rows = []
    for rec in records(part):
        decimals = int(rec.get("presisi") or 0)
        rows.append(
            [
                unit_link(snapshot, here, str(rec["unit"]), short=True),
                indicator_link(snapshot, here, str(rec["indikator"])),
                esc(rec.get("satuan")),
                esc(target_text(rec, decimals)),
                number(rec.get("realisasi"), decimals),
                number(rec.get("capaian"), 2),
                predikat_badge(rec.get("predikat")),
            ]
        )
    return block(
        table(
            ["Unit", "Indikator", "Satuan", "Target", "Realisasi", "Capaian (%)", "Predikat"],
            rows,
            numeric=(3, 4, 5),
            caption=f"Rekap capaian {period_label(pid)}",
        )
    )


def _documents_block(snapshot: Snapshot, here: str, pid: str) -> str:
    frame = snapshot.recap.dokumen
    part = frame[frame["periode"] == pid]
    if part.empty:
        return ""
    rows = [
        [
            unit_link(snapshot, here, str(r["unit"]), short=True),
            esc(r["jenis"]),
            number(r.get("jumlah"), 0),
            number(r.get("rencana"), 0),
        ]
        for r in part.to_dict("records")
    ]
    return "### Dokumen hasil pengawasan\n\n" + block(
        table(
            ["Unit", "Jenis", "Jumlah", "Rencana"],
            rows,
            numeric=(2, 3),
            caption="Dokumen LHP, LHE dan TL HP yang dilaporkan",
        )
    )


def _disposition_block(snapshot: Snapshot, state: PeriodState) -> str:
    """The lembar disposisi: who gave paraf and who signed, from the merge trailers."""
    config = snapshot.tracker.config
    approval = config.organisation.approvals.get("analisis") if config else None
    rows = []
    paraf = [e for e in state.approvals if e.kind is EventKind.PARAF]
    signed = [e for e in state.approvals if e.kind is EventKind.DISAHKAN]
    # Which hand-in of the analysis each paraf is for: the first landing, then revisions.
    rounds = {c: i for i, c in enumerate(dict.fromkeys(e.commit for e in state.approvals))}

    def _for(event: Event) -> str:
        number = rounds.get(event.commit, 0)
        return "Paraf" if number == 0 else f"Paraf revisi {number}"

    for event in paraf:
        rows.append(
            [
                _for(event),
                esc(event.person.name),
                esc(", ".join(role_label(snapshot, r) for r in event.roles) or "–"),
                esc(when(event.time, zone=snapshot.zone)),
                '<span class="kj-sign"></span>',
            ]
        )
    for event in signed:
        rows.append(
            [
                "Tanda tangan",
                esc(event.person.name),
                esc(", ".join(role_label(snapshot, r) for r in event.roles) or "–"),
                esc(when(event.time, zone=snapshot.zone)),
                '<span class="kj-sign"></span>',
            ]
        )
    if not signed and approval and config:
        for requirement in approval.pengesahan:
            for person in config.organisation.holders(requirement):
                rows.append(
                    [
                        "Tanda tangan",
                        esc(person.nama),
                        esc(person.jabatan),
                        "belum",
                        '<span class="kj-sign"></span>',
                    ]
                )
    problems = "".join(f"<li>{esc(p)}</li>" for p in state.problems)
    for event in state.approvals:
        problems += "".join(f"<li>{esc(p)}</li>" for p in event.problems)
    notes = f'<ul class="kj-problems">{problems}</ul>' if problems else ""
    if not rows:
        rows.append(["–", "Belum ada paraf atau tanda tangan", "", "", ""])
    return block(
        '<section class="kj-disposition" aria-label="Lembar disposisi">'
        "<h2>Lembar disposisi</h2>"
        + table(["Jenis", "Nama", "Peran", "Waktu", "Paraf / tanda tangan"], rows)
        + notes
        + "</section>"
    )


def period_page(
    snapshot: Snapshot, pid: str, state: PeriodState, chart: Chart | None = None
) -> str:
    here = f"periode/{pid}.md"
    files = snapshot.tracker.periods[pid]
    parts = [
        page_top(period_label(pid)),
        example_notice(snapshot),
        block(
            f'<p class="kj-lead">Status periode: {period_badge(state.status)} · '
            f"Tenggat: {esc(when(state.deadline, zone=snapshot.zone))} · "
            f"Keadaan per {esc(when(snapshot.now, zone=snapshot.zone))}</p>"
        ),
        "## Permintaan data\n\n",
        _request_block(snapshot, here, files.request, state),
        "## Data unit\n\n",
        _units_block(snapshot, here, state),
    ]
    pending = [(p, u) for p, u in open_units(snapshot) if p == pid]
    if pending:
        parts += ["### Kirim data tanpa Git\n\n", send_section(snapshot, here, pending, by="unit")]
    if files.invalid:
        items = "".join(f"<li><code>{esc(p)}</code></li>" for p in files.invalid)
        parts.append(
            block(
                f'<div class="admonition warning"><p class="admonition-title">Berkas bermasalah</p>'
                f"<p>Berkas berikut tidak lolos pemeriksaan dan tidak dihitung dalam rekap:</p>"
                f"<ul>{items}</ul></div>"
            )
        )
    parts += [
        "## Langkah SOP dan mutu baku\n\n",
        _steps_block(state, snapshot.zone, usual_minutes(snapshot.states)),
        "## Rekap capaian\n\n",
        block(
            figure(
                here,
                chart_src("periode", pid),
                chart,
                f"Capaian {period_label(pid)} per unit dan indikator",
                data_table=False,
            )
            + f"<details><summary>Data grafik</summary>{chart.table}</details>"
        )
        if chart is not None
        else "",
        _recap_block(snapshot, here, pid),
        _documents_block(snapshot, here, pid),
        "## Analisis dan evaluasi\n\n",
    ]
    if files.analysis is not None:
        body = str(files.analysis.get("body", ""))
        parts.append(block(f'<div class="kj-analysis">{render(body)}</div>'))
    else:
        parts.append("Analisis periode ini belum disampaikan.\n\n")
    parts.append(_disposition_block(snapshot, state))
    unduh = href(here, f"unduh/rekap-{pid}.xlsx")
    parts.append(
        block(
            '<p class="kj-screen-only">Unduh rekap periode ini: '
            f'<a href="{esc(unduh)}">XLSX</a>.</p>'
        )
    )
    return "".join(parts)
