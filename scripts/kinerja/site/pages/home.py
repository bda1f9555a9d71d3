"""Beranda: the current period at a glance, for the Inspektur who has two minutes."""

from __future__ import annotations

from kinerja.site.html import block, esc, heading, md_text, table, when
from kinerja.site.pages._common import (
    example_notice,
    period_badge,
    period_label,
    period_link,
    unit_badge,
    unit_link,
)
from kinerja.site.pages.history import newest_first
from kinerja.snapshot import Snapshot
from kinerja.status import PeriodStatus, UnitStatus

HERE = "index.md"


def current_period(snapshot: Snapshot) -> str | None:
    """The latest period that has been opened (its request issued)."""
    opened = [p for p, s in snapshot.states.items() if s.status is not PeriodStatus.BELUM_DIBUKA]
    return opened[-1] if opened else None


def pages(snapshot: Snapshot) -> dict[str, str | bytes]:
    config = snapshot.tracker.config
    name = config.organisation.nama if config else "Pelacak Data Kinerja"
    out = [heading(1, name), example_notice(snapshot)]
    out.append(
        "Pelacak pengumpulan data kinerja sesuai SOP *Mekanisme Pengumpulan Data Kinerja*. "
        f"Keadaan per {esc(when(snapshot.now, zone=snapshot.zone))}.\n\n"
    )
    if snapshot.history_error:
        out.append(
            f'!!! danger "Riwayat tidak dapat dibaca"\n    {md_text(snapshot.history_error)}\n\n'
        )
    pid = current_period(snapshot)
    if pid is None:
        out.append(
            '!!! info "Belum ada periode"\n'
            f"    Belum ada periode pengumpulan data. {esc(snapshot.opener)} membuka periode "
            "pertama "
            "dengan menambahkan `submissions/<periode>/permintaan.yml` melalui pengajuan "
            "perubahan; "
            "lihat [Panduan](panduan/index.md).\n\n"
        )
        return {HERE: "".join(out)}
    state = snapshot.states[pid]
    recipients = state.recipients
    done = [s for s in recipients if s.status.received]
    late = [s for s in recipients if s.status in (UnitStatus.TERLAMBAT,)]
    waiting = [s for s in recipients if s.status is UnitStatus.MENUNGGU]
    out.append(heading(2, f"Periode berjalan: {period_label(pid)}"))
    facts = [
        ["Status periode", period_badge(state.status)],
        ["Tenggat", esc(when(state.deadline, zone=snapshot.zone))],
        ["Data diterima", f"{len(done)} dari {len(recipients)} unit"],
        [
            "Belum menyerahkan",
            ", ".join(unit_link(snapshot, HERE, s.unit, short=True) for s in waiting + late) or "–",
        ],
        [
            "Terlambat",
            ", ".join(unit_link(snapshot, HERE, s.unit, short=True) for s in late) or "–",
        ],
    ]
    out.append(block(table(["Keterangan", "Nilai"], facts, css="kj-facts")))
    rows = [
        [
            unit_link(snapshot, HERE, s.unit),
            unit_badge(s),
            esc(when(s.received_at, zone=snapshot.zone)),
        ]
        for s in recipients
    ]
    out.append(
        block(
            table(["Unit", "Status", "Diterima"], rows, caption=f"Status unit, {period_label(pid)}")
        )
    )
    out.append(f"Rincian: {period_link(HERE, pid)}.\n\n")
    out.append("## Kejadian terbaru\n\n")
    recent = newest_first(snapshot.history.events)[:10]
    if recent:
        # Who before which file: on a phone the first columns are the ones in view.
        rows = [
            [
                esc(when(e.time, zone=snapshot.zone)),
                esc(e.kind.label),
                esc(e.person.name),
                f"<code>{esc(e.path.removeprefix('submissions/'))}</code>",
            ]
            for e in recent
        ]
        out.append(
            block(table([f"Waktu ({snapshot.zone.label})", "Kejadian", "Oleh", "Berkas"], rows))
        )
    else:
        out.append("Belum ada kejadian.\n\n")
    return {HERE: "".join(out)}
