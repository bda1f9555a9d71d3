"""Riwayat: the audit history of every file, newest first, with its problems in plain sight.

Each event shows when (WIB), what happened, to which file, for which period and unit, by whom
(name and roles), the paraf and signature of the merge, the pull request and every problem the
history found ("tanpa paraf", "paraf oleh orang yang tidak berwenang"...): problems are never
hidden or folded away.

Filtering works without any outside script: the rows carry ``data-periode``/``data-unit`` and a
small script file (``assets/kinerja/riwayat.js``, no inline code) hides the rows that do not
match two labelled ``<select>``s. With scripts off the filter form stays hidden, every event is
shown, grouped under one heading per period, and the unit column links to the unit pages (each
has its own recent history). ``?periode=...&unit=...`` in the address preselects the filter.

A long history is capped at :data:`MAX_EVENTS` on the page (the newest ones, said so on the
page); the whole history is in ``unduh/riwayat.json``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from kinerja.history import Event
from kinerja.model.dates import when_text
from kinerja.model.periods import SHORT_MONTHS
from kinerja.site.charts import page_href
from kinerja.site.html import badge, esc, heading, href, link, md_text, scroll_box, table
from kinerja.site.pages import pengajuan
from kinerja.site.pages._common import example_notice, period_label, unit_name
from kinerja.snapshot import Snapshot
from kinerja.timing.zone import Zone

HERE = "riwayat.md"
#: Events shown on the Riwayat page; older ones are in the JSON download.
MAX_EVENTS = 500
#: Value of ``data-periode``/``data-unit`` for events without a period or unit.
NONE = "-"
_ROLES = {
    "inspektur": "Inspektur",
    "sekretaris": "Sekretaris",
    "kasubbag": "Kasubbag",
    "irban": "Irban",
    "penyusun": "Penyusun bahan",
    "staf": "Staf",
    "admin": "Admin repositori",
}
#: Column keys of an events table, and their headers.
COLUMNS: dict[str, str] = {
    "waktu": "Waktu ({zone})",
    "kejadian": "Kejadian, berkas dan masalah",
    "periode": "Periode",
    "unit": "Unit",
    "oleh": "Oleh",
    "persetujuan": "Paraf dan pengesahan",
}


def _count(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def short_when(moment: datetime, zone: Zone) -> str:
    """A compact office time for dense tables, ``6 Okt 2026 09.12`` (the header names the zone),
    with no-break spaces so a narrow column does not break it over four lines."""
    local = moment.astimezone(zone.tz)
    return f"{local.day}\u00a0{SHORT_MONTHS[local.month - 1]}\u00a0{local.year} {local:%H.%M}"


def role_label(snapshot: Snapshot, role: str) -> str:
    """``kepala:wilayah-1`` -> ``Kepala Wilayah 1``; ``sekretaris`` -> ``Sekretaris``."""
    if role.startswith("kepala:"):
        return "Kepala " + unit_name(snapshot, role.split(":", 1)[1], short=True)
    return _ROLES.get(role, role.replace("-", " ").capitalize())


def who(snapshot: Snapshot, event: Event) -> str:
    """The person of an event with their roles, escaped HTML."""
    roles = ", ".join(role_label(snapshot, r) for r in event.roles)
    name = esc(event.person.name or event.person.email or "–")
    return f"{name} <small>({esc(roles)})</small>" if roles else name


def problems_html(event: Event) -> str:
    """Every problem of an event as a visible list; empty when there is none."""
    if not event.problems:
        return ""
    items = "".join(f"<li>{esc(p)}</li>" for p in event.problems)
    return f'{badge("bermasalah", "terlambat")}<ul class="kj-problems">{items}</ul>'


def commit_url(snapshot: Snapshot, sha: str) -> str | None:
    config = snapshot.tracker.config
    forge = config.organisation.forge if config else None
    if forge is None or not forge.repo or not forge.url:
        return None
    return f"{forge.url.rstrip('/')}/{forge.repo}/commit/{sha}"


def pull_html(event: Event) -> str:
    if not event.pull_url:
        return f"PR #{event.pull_number}" if event.pull_number else "tanpa pull request"
    text = f"PR #{event.pull_number}" if event.pull_number else "pull request"
    return link(event.pull_url, text, external=True)


def time_html(snapshot: Snapshot, event: Event) -> str:
    """The trusted time, the pengajuan in office words, and the Git facts folded away for
    auditors (office pages carry no Git vocabulary outside a ``<details>``)."""
    url = commit_url(snapshot, event.commit)
    short = event.commit[:7]
    sha = link(url, short, external=True) if url else esc(short)
    # Not <small>: the theme dims it (opacity), and links in it fall below 4.5:1 contrast.
    return (
        f'<span class="kj-nowrap">{esc(short_when(event.time, snapshot.zone))}</span><br>'
        f'<span class="kj-meta">{esc(pengajuan.title(event.arrival))}</span>'
        '<details class="kj-audit"><summary>Rincian Git</summary>'
        f'<span class="kj-meta">{pull_html(event)}<br>commit <code>{sha}</code></span></details>'
    )


def approvals_html(event: Event) -> str:
    """Who gave paraf and who signed in the merge that brought this event; for a paraf or
    signature event itself that is the person in *Oleh*, so only a dash."""
    if event.kind.is_approval:
        return "–"
    parts = []
    if event.reviewers:
        parts.append("Paraf: " + ", ".join(esc(p.name) for p in event.reviewers))
    if event.approvers:
        parts.append("Pengesahan: " + ", ".join(esc(p.name) for p in event.approvers))
    return "<br>".join(parts) or "–"


def file_html(path: str) -> str:
    """A tracked file, without the ``submissions/`` everyone shares (full path on hover)."""
    return f'<code title="{esc(path)}">{esc(path.removeprefix("submissions/"))}</code>'


def event_cells(snapshot: Snapshot, here: str, event: Event) -> dict[str, str]:
    """The cells of one event row by column key (:data:`COLUMNS`), escaped HTML."""
    period = (
        f'<a href="{esc(page_href(here, f"periode/{event.period}.md"))}">'
        f"{esc(period_label(event.period))}</a>"
        if event.period
        else "–"
    )
    short = unit_name(snapshot, event.unit, short=True).replace(" ", "\u00a0") if event.unit else ""
    unit = (
        f'<a href="{esc(page_href(here, f"unit/{event.unit}.md"))}">{esc(short)}</a>'
        if event.unit
        else "–"
    )
    return {
        "waktu": time_html(snapshot, event),
        "kejadian": f"<strong>{esc(event.kind.label)}</strong><br>{file_html(event.path)}"
        + problems_html(event),
        "periode": period,
        "unit": unit,
        "oleh": who(snapshot, event),
        "persetujuan": approvals_html(event),
    }


def events_table(
    snapshot: Snapshot,
    here: str,
    events: Iterable[Event],
    *,
    caption: str | None = None,
    columns: Sequence[str] = tuple(COLUMNS),
) -> str:
    """A table of events, rows marked with ``data-periode``/``data-unit`` (filterable) and
    ``kj-problem-row`` when the event has a problem. ``columns``: keys of :data:`COLUMNS`."""
    label = snapshot.zone.label
    head = "".join(f'<th scope="col">{esc(COLUMNS[c].format(zone=label))}</th>' for c in columns)
    body = []
    for event in events:
        cells = event_cells(snapshot, here, event)
        css = ' class="kj-problem-row"' if event.problems else ""
        body.append(
            f'<tr data-periode="{esc(event.period or NONE)}" data-unit="{esc(event.unit or NONE)}"'
            f"{css}>" + "".join(f"<td>{cells[c]}</td>" for c in columns) + "</tr>"
        )
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return scroll_box(
        f'<table class="kj-table kj-riwayat">{cap}<thead><tr>{head}'
        f"</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def trust_section(snapshot: Snapshot) -> str:
    """How far the record can be trusted: the keys in force and what did not verify."""
    history = snapshot.history
    unverified = [ld for ld in history.landings if not history.verdicts[ld.commit.sha].verified]
    guide = href(HERE, "panduan/keabsahan.md")
    out = ["## Keabsahan riwayat {#keabsahan}\n\n"]
    out.append(
        "<p>Paraf, tanda tangan dan waktu penyerahan hanya dihitung dari penggabungan yang "
        "ditulis dan ditandatangani secara digital oleh <strong>identitas penggabung "
        "kantor</strong>, dengan kunci yang tercantum di daftar penanda tangan. Perubahan lain "
        "tetap ditampilkan, ditandai <em>tidak terverifikasi</em>, dan tidak dihitung. "
        f"{link(guide, 'Cara kerjanya')}.</p>\n\n"
    )
    if unverified:
        out.append(
            f'<p class="kj-problems">{_count(len(unverified))} perubahan tidak terverifikasi '
            "(lihat tanda <em>bermasalah</em> di bawah).</p>\n\n"
        )
    else:
        out.append("<p>Semua perubahan terverifikasi.</p>\n\n")
    adopted = [v for v in history.verdicts.values() if v.adopted]
    if adopted:
        anchor = history.commits.get(adopted[0].adopted or "")
        when = f" pada {esc(when_text(anchor.committed_at, zone=snapshot.zone))}" if anchor else ""
        out.append(
            f"<p>{_count(len(adopted))} perubahan dari sebelum aturan ini dipasang diterima admin "
            f"apa adanya{when} (ditandai <em>diadopsi</em>): paraf dan waktunya tercatat seperti "
            "semula, tetapi tidak dibuktikan tanda tangan digital.</p>\n\n"
        )
    trust = history.trust
    if trust is None or trust.empty:
        out.append(
            '<p class="kj-problems">Daftar penanda tangan (.kinerja/allowed_signers) belum '
            "ada atau kosong: tidak ada perubahan yang dapat diverifikasi.</p>\n\n"
        )
        return "".join(out)
    rows = [
        [esc(", ".join(k.principals)), f"<code>{esc(k.key.sha256_str())}</code>", esc(k.line)]
        for k in trust.keys
    ]
    out.append(
        "<details><summary>Kunci penanda tangan yang berlaku (untuk pemeriksa)</summary>"
        + table(
            ["Identitas penggabung", "Sidik jari kunci", "Baris"],
            rows,
            caption="Daftar penanda tangan yang berlaku",
        )
        + "".join(f'<p class="kj-problems">{esc(p)}</p>' for p in trust.problems)
        + "</details>\n\n"
    )
    return "".join(out)


def _filter_form(snapshot: Snapshot, periods: Sequence[str], units: Sequence[str]) -> str:
    period_options = "".join(
        f'<option value="{esc(p)}">{esc(period_label(p))}</option>' for p in reversed(periods)
    )
    unit_options = "".join(
        f'<option value="{esc(u)}">{esc(unit_name(snapshot, u))}</option>' for u in units
    )
    return (
        '<form id="kj-riwayat-filter" class="kj-filter" hidden '
        'aria-label="Saring riwayat menurut periode dan unit">'
        '<label for="kj-filter-periode">Periode</label> '
        '<select id="kj-filter-periode" name="periode">'
        f'<option value="">Semua periode</option>{period_options}'
        f'<option value="{NONE}">Tanpa periode (data acuan, SOP)</option></select> '
        '<label for="kj-filter-unit">Unit</label> '
        '<select id="kj-filter-unit" name="unit">'
        f'<option value="">Semua unit</option>{unit_options}'
        f'<option value="{NONE}">Tanpa unit</option>'
        "</select> "
        '<button type="reset" class="md-button">Tampilkan semua</button>'
        "</form>"
    )


def newest_first(events: Sequence[Event]) -> list[Event]:
    """By trusted time, newest first; events of one time keep the reverse of landing order (a
    paraf above the data it approves). Landing order alone is not time order: a pull request
    opened earlier can be merged later."""
    order = sorted(range(len(events)), key=lambda i: (events[i].time, i), reverse=True)
    return [events[i] for i in order]


def _sections(
    events: Sequence[Event], period_order: Sequence[str]
) -> list[tuple[str | None, list[Event]]]:
    """Events grouped by period: the newest period first, events without a period last."""
    groups: dict[str | None, list[Event]] = {}
    for event in events:
        groups.setdefault(event.period, []).append(event)
    known = [p for p in reversed(period_order) if p in groups]
    others = sorted((p for p in groups if p is not None and p not in known), reverse=True)
    ordered: list[str | None] = [*known, *others]
    if None in groups:
        ordered.append(None)
    return [(p, groups[p]) for p in ordered]


def pages(snapshot: Snapshot) -> dict[str, str | bytes]:
    everything = snapshot.history.events
    total = len(everything)
    newest = newest_first(everything)[:MAX_EVENTS]
    parts = ["# Riwayat\n\n", example_notice(snapshot)]
    parts.append(
        "Riwayat setiap berkas data: kapan berkas masuk (waktu "
        f"{snapshot.zone.label} menurut server repositori, bukan jam komputer pengirim), "
        "siapa yang mengirim, siapa yang memberi paraf dan tanda tangan (pengesahan), dan "
        "masalah yang ditemukan. Setiap pengajuan tampil "
        "sebagai satu entri dengan berkas, paraf dan waktunya. Masalah selalu ditampilkan, "
        "tidak pernah disembunyikan. Pengajuan terbaru di atas.\n\n"
    )
    if snapshot.history_error:
        parts.append(
            f'!!! danger "Riwayat tidak dapat dibaca"\n    {md_text(snapshot.history_error)}\n\n'
        )
    unduh = href(HERE, "unduh/riwayat.json")
    if total > MAX_EVENTS:
        parts.append(
            f'!!! note "Hanya {_count(MAX_EVENTS)} kejadian terbaru"\n'
            f"    Riwayat ini memuat {_count(total)} kejadian; halaman ini menampilkan "
            f"{_count(MAX_EVENTS)} yang terbaru. Riwayat lengkap ada di "
            f'<a href="{esc(unduh)}">riwayat.json</a> (halaman Unduh).\n\n'
        )
    if not newest:
        parts.append("Belum ada kejadian.\n")
        return {HERE: "".join(parts)}
    problem_count = sum(1 for e in newest if e.problems)
    landing_count = len({e.commit for e in newest})
    parts.append(f'<p>Unduh semuanya: <a href="{esc(unduh)}">riwayat.json</a>.</p>\n\n')
    parts.append(trust_section(snapshot))
    periods = [p for p in snapshot.states if any(e.period == p for e in newest)]
    units_seen = {e.unit for e in newest if e.unit}
    config = snapshot.tracker.config
    unit_order = [u for u in (config.organisation.units if config else ()) if u in units_seen]
    unit_order += sorted(units_seen - set(unit_order))
    parts.append(_filter_form(snapshot, periods, unit_order))
    # The one count line, right under the filter: written here for everything, rewritten by
    # riwayat.js to what the filter shows (a live region, so a screen reader hears it).
    parts.append(
        f'<p class="kj-lead" id="kj-riwayat-jumlah" role="status" aria-live="polite">'
        f"{_count(len(newest))} kejadian dalam "
        f"{_count(landing_count)} pengajuan ditampilkan, {_count(problem_count)} di antaranya "
        "bermasalah.</p>\n\n"
    )
    for period, events in _sections(newest, list(snapshot.states)):
        key = period or NONE
        anchor = f"riwayat-{period}" if period else "riwayat-tanpa-periode"
        title = period_label(period) if period else "Data acuan dan SOP"
        parts.append(heading(2, title, attrs=f"#{anchor}"))
        if period:
            parts.append(f"[Halaman periode {md_text(title)}](periode/{period}.md)\n\n")
        entries = "".join(
            pengajuan.entry_html(
                snapshot,
                HERE,
                entry,
                fmt=lambda moment: short_when(moment, snapshot.zone),
                commit_url=commit_url(snapshot, entry.arrival.commit),
            )
            for entry in pengajuan.group(events)
        )
        parts.append(
            f'<div class="kj-riwayat-bagian" data-riwayat-bagian="{esc(anchor)}" '
            f'data-periode="{esc(key)}">{entries}</div>\n\n'
        )
    script = href(HERE, "assets/kinerja/riwayat.js")
    parts.append(f'<script src="{esc(script)}" defer></script>\n')
    return {HERE: "".join(parts)}


__all__ = [
    "COLUMNS",
    "MAX_EVENTS",
    "approvals_html",
    "event_cells",
    "events_table",
    "newest_first",
    "pages",
    "problems_html",
    "role_label",
    "short_when",
    "who",
]
