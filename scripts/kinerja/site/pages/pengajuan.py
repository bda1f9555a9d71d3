"""Riwayat by pengajuan: one entry per landing (a pull request, or a change made directly).

The office reads its history as a list of submissions ("pengajuan"), not of commits: who sent
what, which files it held, who gave paraf and who signed, when it was proposed and when it was
accepted. Every problem stays visible on the entry. The Git facts (commit, merge style, the
pull request's address) are in a ``<details>`` for auditors, worded for them.

Each file line carries ``data-periode``/``data-unit`` (the filter of ``riwayat.js`` works on
lines, then hides entries left empty) and ``kj-problem-row`` when it has a problem.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import NamedTuple

from kinerja.history import Event
from kinerja.history.events import ADOPTED_NOTE, Arrival
from kinerja.site.charts import page_href
from kinerja.site.html import badge, esc, link
from kinerja.site.pages._common import period_label, unit_name
from kinerja.snapshot import Snapshot

#: Value of ``data-periode``/``data-unit`` for events without a period or unit.
NONE = "-"


class Pengajuan(NamedTuple):
    """One landing and the events it brought, newest event first."""

    arrival: Arrival
    events: list[Event]

    @property
    def periods(self) -> list[str]:
        return sorted({e.period for e in self.events if e.period}, reverse=True)

    @property
    def has_problem(self) -> bool:
        return any(e.problems for e in self.events)


def group(events: Sequence[Event]) -> list[Pengajuan]:
    """Events (already newest first) grouped by their landing, in the order of each landing's
    newest event."""
    by_commit: dict[str, Pengajuan] = {}
    for event in events:
        entry = by_commit.get(event.commit)
        if entry is None:
            entry = by_commit[event.commit] = Pengajuan(event.arrival, [])
        entry.events.append(event)
    return list(by_commit.values())


def title(arrival: Arrival) -> str:
    """``Pengajuan #12``, or what a landing without a pull request is, in office words."""
    if arrival.pull_number:
        return f"Pengajuan #{arrival.pull_number}"
    return "Diubah langsung tanpa pengajuan"


def _names(people: Sequence[object]) -> str:
    seen: list[str] = []
    for person in people:
        name = str(getattr(person, "name", "") or getattr(person, "email", "") or "–")
        if name not in seen:
            seen.append(name)
    return ", ".join(esc(n) for n in seen)


def _line(snapshot: Snapshot, here: str, event: Event) -> str:
    """One file (or paraf) of the entry: what happened, which file, period, unit, problems."""
    where = []
    if event.period:
        href = page_href(here, f"periode/{event.period}.md")
        where.append(f'<a href="{esc(href)}">{esc(period_label(event.period))}</a>')
    if event.unit:
        href = page_href(here, f"unit/{event.unit}.md")
        where.append(
            f'<a href="{esc(href)}">{esc(unit_name(snapshot, event.unit, short=True))}</a>'
        )
    place = f" · {' · '.join(where)}" if where else ""
    shown_path = esc(event.path.removeprefix("submissions/"))
    what = f"<strong>{esc(event.kind.label)}</strong>"
    if event.kind.is_approval:
        what += f" oleh {esc(event.person.name or event.person.email or '–')}"
    problems = ""
    if event.problems:
        items = "".join(f"<li>{esc(p)}</li>" for p in event.problems)
        problems = f'{badge("bermasalah", "terlambat")}<ul class="kj-problems">{items}</ul>'
    css = ' class="kj-problem-row"' if event.problems else ""
    return (
        f'<li data-periode="{esc(event.period or NONE)}" data-unit="{esc(event.unit or NONE)}"'
        f"{css}>{what}: "
        f'<code title="{esc(event.path)}">{shown_path}</code>{place}{problems}</li>'
    )


def entry_html(
    snapshot: Snapshot,
    here: str,
    entry: Pengajuan,
    *,
    fmt: Callable[[datetime], str],
    commit_url: str | None,
) -> str:
    """One pengajuan as an ``<article>``: heading line, facts, file lines, auditor details."""
    arrival = entry.arrival
    senders = [e.person for e in entry.events if not e.kind.is_approval]
    facts = []
    if arrival.opened_at is not None:
        facts.append(("Diajukan", f'<span class="kj-nowrap">{esc(fmt(arrival.opened_at))}</span>'))
    facts.append(("Diterima", f'<span class="kj-nowrap">{esc(fmt(arrival.merged_at))}</span>'))
    if senders:
        facts.append(("Dikirim oleh", _names(senders)))
    facts.append(("Paraf", _names(arrival.reviewers) or "paraf belum tercatat"))
    if arrival.approvers:
        facts.append(("Pengesahan", _names(arrival.approvers)))
    if arrival.adopted:
        facts.append(("Keabsahan", f"<em>diadopsi</em>: {esc(ADOPTED_NOTE)}"))
    dl = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in facts)
    lines = "".join(_line(snapshot, here, e) for e in entry.events)
    short = arrival.commit[:7]
    sha = link(commit_url, short, external=True) if commit_url else esc(short)
    pull = (
        link(arrival.pull_url, f"pull request #{arrival.pull_number}", external=True)
        if arrival.pull_url
        else (
            f"pull request #{arrival.pull_number}" if arrival.pull_number else "tanpa pull request"
        )
    )
    audit = (
        '<details class="kj-audit"><summary>Rincian Git (untuk pemeriksa)</summary>'
        f"<p>{pull}; commit <code>{sha}</code>; cara merge: {esc(arrival.merge_style.value)}; "
        f"judul: {esc(arrival.subject)}</p></details>"
    )
    css = "kj-pengajuan kj-pengajuan-masalah" if entry.has_problem else "kj-pengajuan"
    return (
        f'<article class="{css}" data-pengajuan="{esc(arrival.commit)}">'
        f'<p class="kj-pengajuan-judul"><strong>{esc(title(arrival))}</strong> · '
        f"{len(entry.events)} kejadian</p>"
        f'<dl class="kj-pengajuan-fakta">{dl}</dl><ul class="kj-pengajuan-berkas">{lines}</ul>'
        f"{audit}</article>"
    )


__all__ = ["NONE", "Pengajuan", "entry_html", "group", "title"]
