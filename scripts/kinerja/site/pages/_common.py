"""Lookups and snippets shared by the page modules."""

from __future__ import annotations

from kinerja.model.periods import parse_period
from kinerja.site.html import badge, esc, href, link
from kinerja.snapshot import Snapshot
from kinerja.status import PeriodStatus, UnitState, UnitStatus

#: Front matter of a page without the left menu: on the Status page and on the page of one
#: period, unit or indicator it would hold a single link, the section that the marked menu tab
#: already names, and its width goes to the tables instead (the menu stays in the mobile drawer).
NO_SIDE_MENU = "---\nhide:\n  - navigation\n---\n\n"

STATUS_HELP = {
    UnitStatus.BELUM_DIMINTA: "Unit ini tidak termasuk penerima permintaan periode ini.",
    UnitStatus.MENUNGGU: "Sudah diminta; tenggat belum lewat dan data belum diterima.",
    UnitStatus.TERLAMBAT: "Tenggat sudah lewat dan data belum diterima.",
    UnitStatus.DITERIMA: "Data diterima sebelum tenggat.",
    UnitStatus.DITERIMA_TERLAMBAT: "Data diterima setelah tenggat.",
    UnitStatus.DIREVISI: "Data diubah setelah diterima; riwayatnya tetap tersimpan.",
}

PERIOD_HELP = {
    PeriodStatus.BELUM_DIBUKA: "Permintaan data belum diterbitkan.",
    PeriodStatus.DIBUKA: "Permintaan sudah diterbitkan; data sedang dikumpulkan.",
    PeriodStatus.TERKUMPUL: "Data semua unit penerima sudah diterima.",
    PeriodStatus.DIANALISIS: "Analisis sudah disampaikan; menunggu pengesahan Inspektur.",
    PeriodStatus.DISAHKAN: "Analisis sudah disahkan (ditandatangani) Inspektur.",
}


def unit_name(snapshot: Snapshot, unit_id: str, *, short: bool = False) -> str:
    config = snapshot.tracker.config
    unit = config.organisation.units.get(unit_id) if config else None
    if unit is None:
        return unit_id
    return unit.singkatan if short else unit.nama


def period_label(period_id: str) -> str:
    period = parse_period(period_id)
    return period.label if period else period_id


def person_name(snapshot: Snapshot, person_id: str | None) -> str:
    config = snapshot.tracker.config
    if not person_id or config is None:
        return person_id or "–"
    person = config.organisation.people.get(person_id)
    return person.nama if person else person_id


def unit_badge(state: UnitState) -> str:
    text = state.status.label
    if state.draft and not state.status.received:
        text += " (draf)"
    if state.invalid:
        text += " (bermasalah)"
    return f'<span title="{esc(STATUS_HELP[state.status])}">{badge(text, state.status.css)}</span>'


def period_badge(status: PeriodStatus) -> str:
    return f'<span title="{esc(PERIOD_HELP[status])}">{badge(status.value, status.css)}</span>'


def recipients(snapshot: Snapshot) -> list[str]:
    """Units that were asked for data in at least one period, in organisation order."""
    asked = {
        u
        for s in snapshot.states.values()
        for u, st in s.units.items()
        if st.status is not UnitStatus.BELUM_DIMINTA
    }
    config = snapshot.tracker.config
    order = list(config.organisation.units) if config else sorted(asked)
    return [u for u in order if u in asked]


def period_link(here: str, period_id: str) -> str:
    return link(href(here, f"periode/{period_id}.md"), period_label(period_id))


def unit_link(snapshot: Snapshot, here: str, unit_id: str, *, short: bool = False) -> str:
    return link(href(here, f"unit/{unit_id}.md"), unit_name(snapshot, unit_id, short=short))


def indicator_link(snapshot: Snapshot, here: str, indicator_id: str) -> str:
    config = snapshot.tracker.config
    indicator = config.indicators.get(indicator_id) if config else None
    return link(
        href(here, f"indikator/{indicator_id}.md"), indicator.nama if indicator else indicator_id
    )


def example_notice(snapshot: Snapshot) -> str:
    config = snapshot.tracker.config
    if config and any(p.contoh for p in config.organisation.people.values()):
        return (
            '!!! warning "Data contoh"\n    Sebagian isi repositori ini adalah data contoh '
            "(orang dan akun bertanda contoh di organisasi.yml). Ganti dengan data sebenarnya "
            "sebelum dipakai.\n\n"
        )
    return ""


def print_heading(snapshot: Snapshot) -> str:
    """The office's heading (kop) for printed sheets: government, office name and address from
    ``organisasi.yml``, shown only in print (CSS ``.kj-kop``), above the page title."""
    config = snapshot.tracker.config
    if config is None:
        return ""
    org = config.organisation
    lines = [
        f'<p class="kj-kop-pemerintah">{esc(org.pemerintah)}</p>' if org.pemerintah else "",
        f'<p class="kj-kop-nama">{esc(org.nama)}</p>' if org.nama else "",
        f'<p class="kj-kop-alamat">{esc(org.alamat)}</p>' if org.alamat else "",
    ]
    if not any(lines):
        return ""
    return f'<div class="kj-kop" aria-hidden="true">{"".join(lines)}</div>\n\n'


def with_print_heading(snapshot: Snapshot, page: str) -> str:
    """``page`` with :func:`print_heading` placed just before its ``# `` title (after any
    front matter), so the printed sheet starts with the office's name."""
    kop = print_heading(snapshot)
    if not kop:
        return page
    if page.startswith("# "):
        return kop + page
    at = page.find("\n# ")
    return page[: at + 1] + kop + page[at + 1 :] if at >= 0 else kop + page
