"""SOP pages in the PermenPAN-RB 35/2012 "SOP AP" format: the identity sheet, the flowchart sheet
(drawn by :mod:`kinerja.site.sopchart`), the activities as a table, and the revision history that
Git keeps. One page per ``docs/sop/<id>.yml`` plus an index.

The sheets are raw HTML, every value escaped, so the wording of the SOP (which must stay word for
word) is never read as Markdown. The page is marked ``kj-sop`` so the stylesheet prints it on A4
landscape, the paper the official form uses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from kinerja.history import Event, EventKind
from kinerja.site.html import block, day, esc, href, link, page_top, scroll_box, table, when
from kinerja.site.pages._common import with_print_heading
from kinerja.site.sopchart import KIND_LABELS, chart_from_sop, flowchart_svgs, minutes
from kinerja.snapshot import Snapshot
from kinerja.timing.zone import DEFAULT_ZONE, Zone

INDEX = "sop/index.md"
SOP_EVENTS = (EventKind.SOP_DITETAPKAN, EventKind.SOP_DIUBAH, EventKind.SOP_DIREVISI)


def sop_id(path: str) -> str:
    """The id of an SOP is its file stem: ``docs/sop/<id>.yml``."""
    return PurePosixPath(path).stem


def page_src(path: str) -> str:
    return f"sop/{sop_id(path)}.md"


def _identity(sop: Mapping[str, Any]) -> Mapping[str, Any]:
    value = sop.get("identitas")
    return value if isinstance(value, Mapping) else {}


def _items(values: object) -> list[str]:
    return [str(v) for v in values] if isinstance(values, list) else []


def _list(values: Sequence[str], *, lettered: bool = False) -> str:
    if not values:
        return "–"
    kind = ' type="a"' if lettered else ""
    return f"<ol{kind}>" + "".join(f"<li>{esc(v)}</li>" for v in values) + "</ol>"


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


# -- the identity sheet --------------------------------------------------------------------------


def revision_dates(
    sop: Mapping[str, Any], revisions: Sequence[Event], zone: Zone = DEFAULT_ZONE
) -> str:
    """Tanggal Revisi: the SOP's own list and the revisions Git recorded, numbered together."""
    written = _items(_identity(sop).get("tanggal_revisi"))
    count = max(len(written), len(revisions))
    if count == 0:
        return "–"
    items = []
    for number in range(1, count + 1):
        text = day(written[number - 1]) if number <= len(written) else "belum ditulis di SOP"
        if number <= len(revisions):
            text += (
                f" (tercatat {when(revisions[number - 1].merged_at, zone=zone, with_time=False)})"
            )
        items.append(f"<li>Revisi {number}: {esc(text)}</li>")
    return f'<ul class="kj-plain">{"".join(items)}</ul>'


def identity_sheet(
    sop: Mapping[str, Any], revisions: Sequence[Event] = (), zone: Zone = DEFAULT_ZONE
) -> str:
    """The lembar identitas as a bordered table laid out like the paper form."""
    ident = _identity(sop)
    signer = ident.get("disahkan_oleh")
    signer = signer if isinstance(signer, Mapping) else {}
    kop = "".join(f"<p>{esc(line)}</p>" for line in _items(ident.get("instansi")))
    if ident.get("unit"):
        kop += f"<p>{esc(ident['unit'])}</p>"
    signed = [
        f'<p class="kj-sop-jabatan">{esc(signer.get("jabatan"))}</p>',
        '<div class="kj-sop-ttd" aria-hidden="true"></div>',
        f'<p class="kj-sop-nama">{esc(signer.get("nama"))}</p>',
    ]
    if signer.get("pangkat"):
        signed.append(f"<p>{esc(signer['pangkat'])}</p>")
    if signer.get("nip"):
        signed.append(f"<p>NIP. {esc(signer['nip'])}</p>")
    right = [
        ("Nomor SOP", esc(ident.get("nomor"))),
        ("Tanggal Pembuatan", esc(day(ident.get("tanggal_pembuatan")))),
        ("Tanggal Revisi", revision_dates(sop, revisions, zone)),
        ("Tanggal Efektif", esc(day(ident.get("tanggal_efektif")))),
        ("Disahkan oleh", "".join(signed)),
        ("Nama SOP", f"<strong>{esc(ident.get('nama'))}</strong>"),
    ]
    rows = []
    for i, (label, value) in enumerate(right):
        first = (
            f'<td colspan="2" rowspan="{len(right)}" class="kj-sop-kop">{kop}</td>'
            if i == 0
            else ""
        )
        css = ' class="kj-sop-signer"' if label == "Disahkan oleh" else ""
        rows.append(f'<tr>{first}<th scope="row">{esc(label)}</th><td{css}>{value}</td></tr>')

    records = [
        f"{p.get('pelaksana', '')} : {p.get('catatan', '')}"
        for p in sop.get("pencatatan") or []
        if isinstance(p, Mapping)
    ]
    recording = _list(records)
    if sop.get("pencatatan_umum"):
        recording += f"<p>{esc(sop['pencatatan_umum'])}</p>"
    warning = f"<p>{esc(sop['peringatan'])}</p>" if sop.get("peringatan") else "–"
    pairs = [
        (
            "Dasar Hukum",
            _list(_items(sop.get("dasar_hukum")), lettered=True),
            "Kualifikasi Pelaksana",
            _list(_items(sop.get("kualifikasi_pelaksana"))),
        ),
        (
            "Keterkaitan",
            _list(_items(sop.get("keterkaitan"))),
            "Peralatan/Perlengkapan",
            _list(_items(sop.get("peralatan"))),
        ),
        ("Peringatan", warning, "Pencatatan dan Pendataan", recording),
    ]
    for left_title, left, right_title, right_body in pairs:
        rows.append(
            f'<tr class="kj-sop-heads"><th colspan="2" scope="col">{esc(left_title)}:</th>'
            f'<th colspan="2" scope="col">{esc(right_title)}:</th></tr>'
        )
        rows.append(f'<tr><td colspan="2">{left}</td><td colspan="2">{right_body}</td></tr>')
    caption = f"Lembar identitas SOP {ident.get('nama', '')}"
    return scroll_box(
        '<table class="kj-sop-identity">'
        f'<caption class="kj-sr-only">{esc(caption)}</caption>'
        '<colgroup><col class="kj-c1"/><col class="kj-c2"/><col class="kj-c3"/><col class="kj-c4"/>'
        "</colgroup><tbody>" + "".join(rows) + "</tbody></table>"
    )


# -- the flowchart sheet and its table -----------------------------------------------------------


def _lane_cell(kind: str, targets: Sequence[int], labels: Sequence[str]) -> str:
    text = KIND_LABELS.get(kind, kind)
    if targets:
        parts = [
            f"{label}: {n}" if label else str(n) for n, label in zip(targets, labels, strict=True)
        ]
        text += "; lanjut ke " + ", ".join(parts)
    return esc(text)


def activity_table(sop: Mapping[str, Any]) -> str:
    """The activities with the same columns as the flowchart, in text, for screen readers."""
    chart = chart_from_sop(sop)
    lanes = chart.lanes
    head_top = (
        '<tr><th scope="col" rowspan="2">No</th><th scope="col" rowspan="2">Aktivitas</th>'
        f'<th scope="colgroup" colspan="{len(lanes)}">Pelaksana</th>'
        '<th scope="colgroup" colspan="3">Mutu Baku</th>'
        '<th scope="col" rowspan="2">Keterangan</th></tr>'
    )
    head_second = (
        "<tr>"
        + "".join(f'<th scope="col">{esc(n)}</th>' for n in lanes)
        + '<th scope="col">Kelengkapan</th><th scope="col" class="kj-num">Waktu (menit)</th>'
        '<th scope="col">Output</th></tr>'
    )
    body = []
    for step in chart.steps:
        labels = [step.branch_label(n) for n in step.next]
        cells = [f'<td class="kj-num">{step.no}</td>', f"<td>{esc(step.text)}</td>"]
        for index in range(len(lanes)):
            inside = _lane_cell(step.kind, step.next, labels) if index == step.lane else ""
            cells.append(f'<td class="kj-lane">{inside}</td>')
        cells += [
            f"<td>{esc(step.kelengkapan)}</td>",
            f'<td class="kj-num">{esc(step.waktu)}</td>',
            f"<td>{esc(step.output)}</td>",
            f"<td>{esc(step.keterangan)}</td>",
        ]
        body.append("<tr>" + "".join(cells) + "</tr>")
    total = sum(
        float(a.get("waktu_menit") or 0)
        for a in sop.get("aktivitas") or []
        if isinstance(a, Mapping) and isinstance(a.get("waktu_menit"), int | float)
    )
    foot = (
        f'<tfoot><tr><th scope="row" colspan="{len(lanes) + 3}">Jumlah waktu mutu baku</th>'
        f'<td class="kj-num">{esc(minutes(total))}</td><td colspan="2"></td></tr></tfoot>'
    )
    return scroll_box(
        '<table class="kj-table kj-sop-activities">'
        f"<caption>Aktivitas dan mutu baku SOP {esc(chart.title)}</caption>"
        f"<thead>{head_top}{head_second}</thead><tbody>{''.join(body)}</tbody>{foot}"
        "</table>"
    )


def flowchart_sheet(sop: Mapping[str, Any]) -> str:
    svgs = flowchart_svgs(sop)
    if not svgs:
        return "<p>SOP ini belum memuat aktivitas.</p>"
    total = len(svgs)
    figures = []
    for number, svg in enumerate(svgs, start=1):
        caption = f"Halaman {number} dari {total}" if total > 1 else ""
        cap = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
        figures.append(f'<figure class="kj-sopchart-page" tabindex="0">{svg}{cap}</figure>')
    return "".join(figures)


def lanes_table(snapshot: Snapshot, sop: Mapping[str, Any]) -> str:
    """Which units and roles of organisasi.yml stand behind each pelaksana column."""
    config = snapshot.tracker.config
    rows = []
    for lane in sop.get("pelaksana") or []:
        if not isinstance(lane, Mapping):
            continue
        units = []
        for unit_id in _items(lane.get("unit")):
            unit = config.organisation.units.get(unit_id) if config else None
            units.append(unit.nama if unit else unit_id)
        if lane.get("pihak_luar") is True and not units:
            units.append("pihak luar (bukan unit kantor)")
        roles = ", ".join(_items(lane.get("peran"))) or "semua pegawai unit"
        rows.append([esc(lane.get("nama")), esc(", ".join(units)), esc(roles)])
    return table(
        ["Kolom pelaksana", "Unit", "Peran"],
        rows,
        caption="Kolom pelaksana dan unit di organisasi.yml",
    )


# -- the history ---------------------------------------------------------------------------------


def _names(people: Sequence[Any]) -> str:
    return esc(", ".join(p.name for p in people)) or "–"


def revision_history(snapshot: Snapshot, path: str, sop: Mapping[str, Any] | None = None) -> str:
    if snapshot.history_error:
        return f'<p class="kj-problems">{esc(snapshot.history_error)}</p>'
    events = [e for e in snapshot.history.for_path(path) if e.kind in SOP_EVENTS]
    if not events:
        return "<p>Riwayat SOP ini belum ada (berkasnya belum masuk ke repositori).</p>"
    rows = []
    for event in events:
        changes = "".join(f"<li>{esc(line)}</li>" for line in event.diff)
        cell = f'<ul class="kj-diff">{changes}</ul>' if changes else ""
        if not changes and not event.problems:
            cell = "–"
        if event.problems:
            cell += (
                '<ul class="kj-problems">'
                + "".join(f"<li>{esc(p)}</li>" for p in event.problems)
                + "</ul>"
            )
        pull = (
            link(
                event.pull_url,
                f"#{event.pull_number}" if event.pull_number else "PR",
                external=True,
            )
            if event.pull_url
            else ""
        )
        label = esc(event.kind.label)
        effective = _date(_identity(sop).get("tanggal_efektif")) if sop else None
        if event.kind is EventKind.SOP_DITETAPKAN and effective is not None:
            # The landing date is when the file reached the repository; the SOP's own
            # effective date (lembar identitas) may be years earlier: say both.
            label = (
                f"SOP dicatat di repositori (berlaku sejak {esc(day(effective))} menurut "
                "lembar identitas)"
            )
        rows.append(
            [
                esc(event.revision) if event.revision else "–",
                label + (f" ({pull})" if pull else ""),
                esc(when(event.merged_at, zone=snapshot.zone)),
                esc(event.person.name),
                _names(event.reviewers),
                _names(event.approvers),
                cell,
            ]
        )
    return table(
        ["Revisi", "Kejadian", "Waktu", "Oleh", "Paraf", "Pengesahan", "Perubahan"],
        rows,
        caption="Riwayat SOP",
        numeric=(0,),
        css="kj-sop-history",
    )


def effective_note(snapshot: Snapshot, sop: Mapping[str, Any]) -> str:
    effective = _date(_identity(sop).get("tanggal_efektif"))
    if effective is None:
        return "Tanggal efektif SOP ini belum ditulis."
    if effective > snapshot.now.date():
        return f"SOP ini akan berlaku mulai {day(effective)}."
    return f"SOP ini berlaku sejak {day(effective)}."


# -- pages ---------------------------------------------------------------------------------------


def sop_page(snapshot: Snapshot, path: str, sop: Mapping[str, Any]) -> str:
    ident = _identity(sop)
    name = str(ident.get("nama") or sop_id(path))
    revisions = snapshot.history.sop_revisions(path) if not snapshot.history_error else ()
    lead = [
        f"Nomor {esc(ident.get('nomor') or '–')}",
        esc(effective_note(snapshot, sop).rstrip(".")),
    ]
    if path == snapshot.sop_path:
        lead.append("SOP ini yang menggerakkan alur kerja pelacak (periode, tenggat, mutu baku)")
    parts = [
        page_top(f"SOP {name}", hide=("navigation", "toc")),
        block(
            f'<div class="kj-sop"><p class="kj-lead">{" · ".join(lead)}</p>'
            '<p class="kj-screen-only">Halaman ini dicetak pada kertas A4 mendatar (lanskap): '
            "lembar identitas, lembar bagan alir, lalu riwayat revisi. Sumber datanya "
            f"<code>{esc(path)}</code>.</p></div>"
        ),
        "## Lembar identitas\n\n",
        block(identity_sheet(sop, revisions, snapshot.zone)),
        "## Lembar bagan alir { .kj-page-break }\n\n",
        block(f'<div class="kj-sopchart-sheet">{flowchart_sheet(sop)}</div>'),
        # The same content as the chart, in text: on screen only (the paper form has the chart).
        "### Aktivitas dan mutu baku { .kj-screen-only }\n\n",
        block(
            '<div class="kj-screen-only"><p>Isi bagan alir yang sama dalam bentuk tabel. Untuk '
            "aktivitas keputusan, langkah berikut yang pertama adalah cabang <em>Ya</em> dan "
            f"yang kedua cabang <em>Tidak</em>.</p>{activity_table(sop)}"
            "</div>"
        ),
        "### Pelaksana dan unit { .kj-screen-only }\n\n",
        block(f'<div class="kj-screen-only">{lanes_table(snapshot, sop)}</div>'),
        "## Riwayat revisi\n\n",
        # The note carries a date from the SOP data: an HTML block, escaped there.
        block(
            f"<p>{esc(effective_note(snapshot, sop))} Perubahan yang diterima setelah tanggal "
            "efektif adalah revisi bernomor (Tanggal Revisi 1, 2, ...); perubahan sebelum "
            "tanggal itu masih penyusunan.</p>"
        ),
        block(revision_history(snapshot, path, sop)),
    ]
    return "".join(parts)


def pages(snapshot: Snapshot) -> dict[str, str | bytes]:
    out: dict[str, str | bytes] = {}
    rows = []
    for path, sop in sorted(snapshot.tracker.sops.items()):
        src = page_src(path)
        if src in out:  # two files with one stem (.yml and .yaml): the first wins
            continue
        out[src] = with_print_heading(snapshot, sop_page(snapshot, path, sop))
        ident = _identity(sop)
        revisions = snapshot.history.sop_revisions(path) if not snapshot.history_error else ()
        count = max(len(_items(ident.get("tanggal_revisi"))), len(revisions))
        rows.append(
            [
                link(href(INDEX, src), ident.get("nama") or sop_id(path)),
                esc(ident.get("nomor") or "–"),
                esc(ident.get("unit") or "–"),
                esc(day(ident.get("tanggal_efektif"))),
                esc(count),
                esc(len(sop.get("aktivitas") or [])),
                "ya" if path == snapshot.sop_path else "",
            ]
        )
    index = [
        "# SOP\n\n",
        "Standar Operasional Prosedur dalam format SOP AP (Permenpan-RB Nomor 35 Tahun "
        "2012). Setiap SOP adalah berkas data di `docs/sop/`; perubahan isinya setelah "
        "tanggal efektif tercatat sebagai revisi.\n\n",
        "[Evaluasi SOP](evaluasi.md): pelaksanaan setiap langkah terhadap mutu bakunya, "
        "per periode (pemantauan dan evaluasi SOP).\n\n",
    ]
    if rows:
        index.append(
            block(
                table(
                    [
                        "Nama SOP",
                        "Nomor",
                        "Unit",
                        "Tanggal efektif",
                        "Revisi",
                        "Aktivitas",
                        "Alur kerja pelacak",
                    ],
                    rows,
                    numeric=(4, 5),
                    caption="Daftar SOP",
                    css="kj-wide",
                )
            )
        )
    else:
        index.append(
            "Belum ada SOP. Tambahkan berkas `docs/sop/<id>.yml` sesuai skema "
            "`schema/sop.schema.json` melalui pengajuan perubahan.\n"
        )
    out[INDEX] = "".join(index)
    return out
