"""Status: the matrix of periods x units, a badge per cell, each linking onward."""

from __future__ import annotations

from kinerja.site.html import badge, block, esc, href, table
from kinerja.site.pages._common import (
    NO_SIDE_MENU,
    STATUS_HELP,
    example_notice,
    period_badge,
    period_link,
    recipients,
    unit_badge,
    unit_link,
)
from kinerja.site.pages.submit import link_html as submit_link
from kinerja.snapshot import Snapshot

HERE = "status.md"


def pages(snapshot: Snapshot) -> dict[str, str | bytes]:
    out = [NO_SIDE_MENU, "# Status pengumpulan data\n\n", example_notice(snapshot)]
    units = recipients(snapshot)
    if not snapshot.states:
        out.append(
            f"Belum ada periode. Periode pertama dibuka oleh {esc(snapshot.opener)} dengan "
            "menambahkan berkas `submissions/TTTT-qN/permintaan.yml` (triwulanan) atau "
            "`submissions/TTTT-BB/permintaan.yml` (bulanan) melalui pengajuan perubahan; setelah "
            "digabung, setiap unit penerima mendapat pemberitahuan. Lihat "
            "[Panduan](panduan/index.md).\n"
        )
        return {HERE: "".join(out)}
    headers = ["Periode", "Status", *units]
    rows = []
    for pid, state in reversed(list(snapshot.states.items())):
        cells = [period_link(HERE, pid), period_badge(state.status)]
        for unit in units:
            unit_state = state.units.get(unit)
            if unit_state is None:
                cells.append("")
                continue
            target = href(HERE, f"periode/{pid}.md") + f"#unit-{unit}"
            cells.append(
                f'<a class="kj-cell" href="{esc(target)}">{unit_badge(unit_state)}</a>'
                + submit_link(snapshot, HERE, pid, unit)
            )
        rows.append(cells)
    unit_headers = [unit_link(snapshot, HERE, u, short=True) for u in units]
    markup = table(headers, rows, caption="Status per periode dan unit", css="kj-matrix")
    # Unit headers link to the unit pages: replace the plain header text by the links.
    for unit, linked in zip(units, unit_headers, strict=True):
        markup = markup.replace(
            f'<th scope="col">{esc(unit)}</th>', f'<th scope="col">{linked}</th>', 1
        )
    out.append(
        block(
            '<p class="kj-scroll-hint" aria-hidden="true">Geser tabel ke samping untuk '
            "melihat semua unit →</p>" + markup
        )
    )
    out.append("## Arti status\n\n")
    legend = [[badge(s.label, s.css), esc(text)] for s, text in STATUS_HELP.items()]
    out.append(block(table(["Status", "Arti"], legend)))
    return {HERE: "".join(out)}
