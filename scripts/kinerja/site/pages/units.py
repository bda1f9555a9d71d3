"""Per unit: who the unit is, its status in every period, its indicators (target against
realisasi, trend chart, year to date), its documents, obstacles and recent history.

A page is made for every unit that was ever asked for data (or sent some unasked). Restricted
documents show type, number and date only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kinerja.history import Event
from kinerja.site.charts import (
    Chart,
    chart_src,
    distinct,
    figure,
    is_missing,
    page_href,
    records,
    rows_of,
    target_text,
    unit_chart,
    unit_chart_mode,
)
from kinerja.site.html import badge, block, day, esc, link, number, page_top, scroll_box, table
from kinerja.site.pages._common import (
    example_notice,
    indicator_link,
    period_label,
    recipients,
    unit_badge,
    unit_name,
)
from kinerja.site.pages.downloads import is_restricted
from kinerja.site.pages.handins import handins, handins_html
from kinerja.site.pages.history import events_table, newest_first, role_label, short_when
from kinerja.site.pages.submit import open_units, send_section
from kinerja.snapshot import Snapshot
from kinerja.status import UnitStatus

INDEX = "unit/index.md"
#: Periods in the detailed tables of a unit page (the newest); the downloads hold all.
MAX_PERIODS = 24
#: Events in a unit page's own history (the newest); the Riwayat page holds more.
MAX_EVENTS = 20
_JENIS = {
    "pimpinan": "Pimpinan",
    "sekretariat": "Sekretariat",
    "subbag": "Sub Bagian",
    "irban": "Inspektur Pembantu",
}


def _num(value: object, decimals: int = 2) -> str:
    return number(value, decimals)


def _presisi(record: Mapping[str, Any]) -> int:
    value = record.get("presisi")
    return 2 if is_missing(value) else int(value)  # type: ignore[arg-type]


def predikat_badge(value: object) -> str:
    return badge(str(value), "predikat") if isinstance(value, str) and value else "–"


def _period_link(here: str, period_id: str) -> str:
    target = page_href(here, f"periode/{period_id}.md")
    # On one line: a long note in the same row must not squeeze "Triwulan III 2026" to three.
    return f'<a class="kj-nowrap" href="{esc(target)}">{esc(period_label(period_id))}</a>'


def _multiline(text: object) -> str:
    return "<br>".join(esc(line) for line in str(text).splitlines()) if text else "–"


def grouped_table(
    headers: Sequence[str],
    groups: Sequence[tuple[str, Sequence[Sequence[str]]]],
    *,
    numeric: Sequence[int] = (),
    caption: str | None = None,
    css: str = "",
) -> str:
    """A table whose first column names a group of rows once (``rowspan``, a row-group header
    in its own ``<tbody>``), so a name is not repeated on every row. Cells are escaped HTML;
    ``numeric`` counts the group column as 0."""
    right = set(numeric)
    head = "".join(
        f'<th scope="col"{" class=kj-num" if i in right else ""}>{esc(h)}</th>'
        for i, h in enumerate(headers)
    )
    bodies = []
    for label, rows in groups:
        lines = []
        for index, row in enumerate(rows):
            cells = ""
            if index == 0:
                span = f' rowspan="{len(rows)}"' if len(rows) > 1 else ""
                cells = f'<th scope="rowgroup"{span}>{label}</th>'
            cells += "".join(
                f"<td{' class=kj-num' if i + 1 in right else ''}>{cell}</td>"
                for i, cell in enumerate(row)
            )
            lines.append(f"<tr>{cells}</tr>")
        bodies.append(f"<tbody>{''.join(lines)}</tbody>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    cls = f"kj-table kj-grouped {css}".strip()
    return scroll_box(
        f'<table class="{esc(cls)}">{cap}<thead><tr>{head}</tr></thead>{"".join(bodies)}</table>'
    )


# -- documents -------------------------------------------------------------------------------


def document_row(document: Mapping[str, Any]) -> list[str]:
    """Cells: jenis, nomor, tanggal, judul, objek, tautan, klasifikasi. A restricted document
    (the default) keeps its title, object and link out of the page entirely."""
    base = [
        esc(document.get("jenis")),
        esc(document.get("nomor")),
        esc(day(document.get("tanggal"))),
    ]
    if is_restricted(document):
        hidden = '<span class="kj-restricted">dikecualikan</span>'
        return [
            *base,
            hidden,
            hidden,
            "–",
            '<span title="Informasi yang dikecualikan: hanya jenis, nomor dan tanggal yang '
            'ditampilkan">terbatas</span>',
        ]
    url = str(document.get("tautan") or "")
    return [
        *base,
        esc(document.get("judul")),
        esc(document.get("objek")),
        link(url, "buka", external=True) if url else "–",
        "terbuka",
    ]


DOCUMENT_HEADERS = ["Jenis", "Nomor", "Tanggal", "Judul", "Objek", "Tautan", "Klasifikasi"]


def documents_table(documents: Sequence[Mapping[str, Any]], caption: str) -> str:
    return table(
        DOCUMENT_HEADERS, [document_row(d) for d in documents], caption=caption, css="kj-documents"
    )


# -- sections --------------------------------------------------------------------------------


def _facts(snapshot: Snapshot, unit_id: str) -> str:
    config = snapshot.tracker.config
    if config is None or unit_id not in config.organisation.units:
        return "Unit ini tidak ada di organisasi.yml.\n\n"
    org = config.organisation
    unit = org.units[unit_id]
    head = org.head(unit_id)
    parent = org.units.get(unit.induk) if unit.induk else None
    facts = [
        ["Singkatan", esc(unit.singkatan)],
        ["Id", f"<code>{esc(unit.id)}</code>"],
        ["Jenis", esc(_JENIS.get(unit.jenis, unit.jenis) or "–")],
        ["Induk", esc(parent.nama) if parent else "–"],
        ["Kepala", f"{esc(head.nama)} <small>({esc(head.jabatan)})</small>" if head else "–"],
        ["Anggota", f"{len(org.members(unit_id))} orang"],
    ]
    return block(table(["Keterangan", "Isi"], facts, css="kj-facts"))


def _members(snapshot: Snapshot, unit_id: str) -> str:
    config = snapshot.tracker.config
    if config is None:
        return ""
    org = config.organisation
    head = org.head(unit_id)
    rows = []
    for person in org.members(unit_id):
        roles = [role_label(snapshot, r) for r in person.peran]
        if head is not None and person.id == head.id:
            roles.insert(0, "Kepala unit")
        name = esc(person.nama) + (" " + badge("contoh", "contoh") if person.contoh else "")
        rows.append(
            [
                name,
                f'<code class="kj-person-id">{esc(person.id)}</code>',
                esc(person.jabatan or "–"),
                esc(", ".join(roles) or "–"),
            ]
        )
    if not rows:
        return "Belum ada anggota yang tercatat di organisasi.yml.\n\n"
    return block(table(["Nama", "Id pegawai", "Jabatan", "Peran"], rows, caption="Anggota unit"))


def _statuses(snapshot: Snapshot, here: str, unit_id: str) -> str:
    rows = []
    for pid, state in reversed(list(snapshot.states.items())):
        unit_state = state.units.get(unit_id)
        if unit_state is None or unit_state.status is UnitStatus.BELUM_DIMINTA:
            continue
        target = page_href(here, f"periode/{pid}.md") + f"#unit-{unit_id}"
        problems = sorted({p for e in unit_state.events for p in e.problems})
        rows.append(
            [
                _period_link(here, pid),
                f'<a class="kj-cell" href="{esc(target)}">{unit_badge(unit_state)}</a>',
                (
                    esc(short_when(unit_state.received_at, snapshot.zone))
                    if unit_state.received_at
                    else "–"
                )
                + (
                    "<br><small>tenggat "
                    f"{esc(short_when(unit_state.deadline, snapshot.zone))}</small>"
                    if unit_state.deadline
                    else ""
                ),
                str(unit_state.revisions) if unit_state.revisions else "–",
                handins_html(handins(unit_state.events), lambda t: short_when(t, snapshot.zone)),
                (
                    '<ul class="kj-problems">'
                    + "".join(f"<li>{esc(p)}</li>" for p in problems)
                    + "</ul>"
                )
                if problems
                else "–",
            ]
        )
    if not rows:
        return "Unit ini belum pernah diminta data.\n\n"
    return block(
        table(
            [
                "Periode",
                "Status",
                f"Diterima ({snapshot.zone.label})",
                "Revisi",
                "Penyerahan dan paraf",
                "Masalah",
            ],
            rows,
            numeric=(3,),
            caption="Status data unit ini di setiap periode (terbaru di atas)",
        )
    )


def _latest_periods(snapshot: Snapshot, periods: Sequence[str]) -> list[str]:
    order = [p for p in snapshot.states if p in set(periods)]
    order += sorted(set(periods) - set(order))
    return order[-MAX_PERIODS:]


def _indicators(snapshot: Snapshot, here: str, unit_id: str, chart: Chart | None) -> str:
    part = rows_of(snapshot.recap.indikator, "unit", unit_id)
    if part.empty:
        return "Belum ada indikator yang diminta atau dilaporkan unit ini.\n\n"
    periods = distinct(part["periode"])
    shown = _latest_periods(snapshot, periods)
    out = []
    if chart is not None:
        # Per indicator, the chart's numbers are the capaian column of the table below; the
        # average (many indicators) gets its own small table.
        per_indicator = unit_chart_mode(snapshot, unit_id) == "indikator"
        note = " Angkanya ada pada tabel di bawahnya." if per_indicator else ""
        out.append(
            block(
                figure(
                    here,
                    chart_src("unit", unit_id),
                    chart,
                    f"Capaian indikator {unit_name(snapshot, unit_id)} per periode; "
                    "garis putus-putus "
                    f"hitam = 100 %.{note}",
                    data_table=not per_indicator,
                )
            )
        )
    if len(shown) < len(periods):
        out.append(
            f"Tabel berikut memuat {len(shown)} periode terakhir; data lengkap ada di "
            "halaman [Unduh](../unduh/index.md).\n\n"
        )
    position = {p: i for i, p in enumerate(shown)}
    part = part[part["periode"].isin(shown)]
    groups: dict[str, list[list[str]]] = {}
    labels: dict[str, str] = {}
    for rec in sorted(records(part), key=lambda r: position[str(r["periode"])]):
        decimals = _presisi(rec)
        realisasi = _num(rec.get("realisasi"), decimals)
        if is_missing(rec.get("realisasi")) and rec.get("diminta"):
            realisasi = '<span class="kj-missing">belum dilaporkan</span>'
        indicator = str(rec["indikator"])
        labels[indicator] = (
            indicator_link(snapshot, here, indicator)
            + f" <small>({esc(rec.get('satuan'))})</small>"
        )
        groups.setdefault(indicator, []).append(
            [
                _period_link(here, str(rec["periode"])),
                esc(target_text(rec, decimals)),
                realisasi,
                _num(rec.get("capaian")),
                predikat_badge(rec.get("predikat")),
                esc(rec.get("catatan")) if not is_missing(rec.get("catatan")) else "–",
            ]
        )
    out.append(
        block(
            grouped_table(
                [
                    "Indikator (satuan)",
                    "Periode",
                    "Target",
                    "Realisasi",
                    "Capaian (%)",
                    "Predikat",
                    "Catatan",
                ],
                [(labels[k], groups[k]) for k in sorted(groups)],
                numeric=(2, 3, 4),
                caption="Target dan realisasi per indikator dan periode",
            )
        )
    )
    return "".join(out)


def _ytd(snapshot: Snapshot, here: str, unit_id: str) -> str:
    part = rows_of(snapshot.recap.ytd, "unit", unit_id)
    if part.empty:
        return "Belum ada angka kumulatif.\n\n"
    order = {p: i for i, p in enumerate(snapshot.states)}
    latest: dict[tuple[int, str], dict[str, Any]] = {}
    for rec in records(part):
        key = (int(rec["tahun"]), str(rec["indikator"]))
        current = latest.get(key)
        if current is None or order.get(str(rec["sd_periode"]), -1) >= order.get(
            str(current["sd_periode"]), -1
        ):
            latest[key] = rec
    rows = []
    for _key, rec in sorted(latest.items(), key=lambda kv: (-kv[0][0], kv[0][1])):
        decimals = _presisi(rec)
        rows.append(
            [
                indicator_link(snapshot, here, str(rec["indikator"])),
                esc(period_label(str(rec["sd_periode"]))),
                esc(target_text(rec, decimals)),
                _num(rec.get("realisasi"), decimals),
                _num(rec.get("capaian")),
                predikat_badge(rec.get("predikat")),
            ]
        )
    return (
        "Angka tahun berjalan sampai dengan periode terakhir yang ada, digabung menurut aturan "
        "agregasi setiap indikator (*jumlah*: dijumlahkan, *terakhir*: nilai periode terakhir, "
        "*rata-rata*: dirata-ratakan), terhadap target tahunan.\n\n"
        + block(
            table(
                [
                    "Indikator",
                    "S.d. periode",
                    "Target tahunan",
                    "Realisasi",
                    "Capaian (%)",
                    "Predikat",
                ],
                rows,
                numeric=(2, 3, 4),
                caption="Capaian kumulatif tahun berjalan",
            )
        )
    )


def _documents(snapshot: Snapshot, unit_id: str) -> str:
    out = []
    periods = list(reversed(snapshot.tracker.sorted_periods()))[:MAX_PERIODS]
    for files in periods:
        sub = files.submissions.get(unit_id)
        documents = list(sub.data.get("dokumen", [])) if sub else []
        if not documents:
            continue
        restricted = sum(1 for d in documents if is_restricted(d))
        note = f", {restricted} terbatas" if restricted else ""
        out.append(
            block(
                documents_table(
                    documents, f"{period_label(files.id)}: {len(documents)} dokumen{note}"
                )
            )
        )
    if not out:
        return "Belum ada dokumen yang dilaporkan.\n\n"
    return (
        "Dokumen berklasifikasi *terbatas* (bawaan bila tidak diisi) adalah informasi yang "
        "dikecualikan: hanya jenis, nomor dan tanggalnya yang ditampilkan.\n\n" + "".join(out)
    )


def _obstacles(snapshot: Snapshot, here: str, unit_id: str) -> str:
    rows = []
    for files in reversed(snapshot.tracker.sorted_periods()):
        sub = files.submissions.get(unit_id)
        if sub is None:
            continue
        kendala, rencana = sub.data.get("kendala"), sub.data.get("rencana_tindak_lanjut")
        if not kendala and not rencana:
            continue
        rows.append(
            [
                _period_link(here, files.id),
                _multiline(kendala),
                _multiline(rencana),
            ]
        )
    if not rows:
        return "Tidak ada kendala yang dilaporkan.\n\n"
    return block(table(["Periode", "Kendala", "Rencana tindak lanjut"], rows[:MAX_PERIODS]))


def _history(
    snapshot: Snapshot, here: str, unit_id: str, mine: Sequence[Event] | None = None
) -> str:
    # Paraf and signatures show in the row of the data they approve, not as rows of their own.
    if mine is None:
        mine = [e for e in snapshot.history.events if e.unit == unit_id]
    events = [e for e in mine if not e.kind.is_approval]
    if not events:
        return "Belum ada kejadian.\n\n"
    newest = newest_first(events)[:MAX_EVENTS]
    more = f"{MAX_EVENTS} kejadian terbaru dari {len(events)}. " if len(events) > MAX_EVENTS else ""
    target = page_href(here, "riwayat.md") + f"?unit={unit_id}"
    return block(
        events_table(
            snapshot,
            here,
            newest,
            columns=("waktu", "kejadian", "periode", "oleh", "persetujuan"),
            caption="Riwayat berkas unit ini (terbaru di atas)",
        )
    ) + block(f'<p>{esc(more)}Riwayat lengkap: <a href="{esc(target)}">halaman Riwayat</a>.</p>')


def _send(snapshot: Snapshot, here: str, unit_id: str) -> str:
    """ "Kirim data" for every open period this unit still has to send (newest first)."""
    pending = [(p, u) for p, u in reversed(open_units(snapshot)) if u == unit_id]
    section = send_section(snapshot, here, pending, by="periode")
    return "## Kirim data\n\n" + section if section else ""


def unit_page(
    snapshot: Snapshot, unit_id: str, chart: Chart | None, events: Sequence[Event] | None = None
) -> str:
    """One unit's page. ``events``: the unit's history events, when the caller has grouped
    them already (else they are picked from the whole history)."""
    here = f"unit/{unit_id}.md"
    return "".join(
        [
            page_top(unit_name(snapshot, unit_id)),
            example_notice(snapshot),
            _facts(snapshot, unit_id),
            _send(snapshot, here, unit_id),
            "## Anggota\n\n",
            _members(snapshot, unit_id),
            "## Status per periode\n\n",
            _statuses(snapshot, here, unit_id),
            "## Capaian indikator\n\n",
            _indicators(snapshot, here, unit_id, chart),
            "## Capaian kumulatif tahun berjalan\n\n",
            _ytd(snapshot, here, unit_id),
            "## Dokumen per periode\n\n",
            _documents(snapshot, unit_id),
            "## Kendala dan rencana tindak lanjut\n\n",
            _obstacles(snapshot, here, unit_id),
            "## Riwayat\n\n",
            _history(snapshot, here, unit_id, events),
        ]
    )


def _index(snapshot: Snapshot, units: Sequence[str]) -> str:
    parts = ["# Unit\n\n", example_notice(snapshot)]
    if not units:
        parts.append("Belum ada unit yang diminta data.\n")
        return "".join(parts)
    parts.append(
        "Unit yang pernah diminta menyampaikan data kinerja. Pilih unit untuk melihat "
        "status, capaian indikator, dokumen dan riwayatnya.\n\n"
    )
    config = snapshot.tracker.config
    per_unit = snapshot.recap.per_unit
    rows = []
    for unit_id in units:
        states = [
            s.units[unit_id]
            for s in snapshot.states.values()
            if unit_id in s.units and s.units[unit_id].status is not UnitStatus.BELUM_DIMINTA
        ]
        on_time = sum(
            1
            for s in states
            if s.status in (UnitStatus.DITERIMA,)
            or (s.status is UnitStatus.DIREVISI and not s.late)
        )
        late = sum(1 for s in states if s.late or s.status is UnitStatus.TERLAMBAT)
        head = config.organisation.head(unit_id) if config else None
        latest = states[-1] if states else None
        mine = rows_of(per_unit, "unit", unit_id)
        mine = mine[mine["rata_capaian"].notna()]
        last = records(mine.tail(1))
        average = (
            f"{_num(last[0]['rata_capaian'])} "
            f"<small>({esc(period_label(str(last[0]['periode'])))})</small>"
            if last
            else "–"
        )
        rows.append(
            [
                link(page_href(INDEX, f"unit/{unit_id}.md"), unit_name(snapshot, unit_id)),
                esc(head.nama) if head else "–",
                str(len(states)),
                str(on_time),
                str(late),
                f"{unit_badge(latest)} <small>{esc(period_label(latest.period))}</small>"
                if latest
                else "–",
                average,
            ]
        )
    parts.append(
        block(
            table(
                [
                    "Unit",
                    "Kepala",
                    "Periode diminta",
                    "Tepat waktu",
                    "Terlambat",
                    "Status terakhir",
                    "Rata-rata capaian terakhir (%)",
                ],
                rows,
                numeric=(2, 3, 4, 6),
                caption="Unit penyampai data",
            )
        )
    )
    return "".join(parts)


def pages(snapshot: Snapshot) -> dict[str, str | bytes]:
    out: dict[str, str | bytes] = {}
    units = recipients(snapshot)
    by_unit: dict[str, list[Event]] = {}
    for event in snapshot.history.events:
        if event.unit:
            by_unit.setdefault(event.unit, []).append(event)
    for unit_id in units:
        chart = unit_chart(snapshot, unit_id)
        if chart is not None:
            out[chart_src("unit", unit_id)] = chart.svg
        out[f"unit/{unit_id}.md"] = unit_page(snapshot, unit_id, chart, by_unit.get(unit_id, []))
    out[INDEX] = _index(snapshot, units)
    return out


__all__ = [
    "DOCUMENT_HEADERS",
    "document_row",
    "documents_table",
    "grouped_table",
    "pages",
    "predikat_badge",
    "unit_page",
]
