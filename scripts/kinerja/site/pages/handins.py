"""Each hand-in and each revision with its own paraf, time and sender.

A unit's events of a period hold its first hand-in, its revisions and the paraf given in each
landing. Shown as one comma list (the same name twice in one cell) nobody can tell
which paraf belongs to which; here every landing is one line: *Diserahkan* or *Revisi n*, the
trusted time, who sent it and who gave paraf.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import NamedTuple

from kinerja.history import Event, EventKind
from kinerja.site.html import esc

_DATA = (EventKind.DATA_DITERIMA, EventKind.DIREVISI, EventKind.ANALISIS_DISAMPAIKAN)


class HandIn(NamedTuple):
    """One landing that brought data: its label, time, sender and paraf."""

    label: str
    time: datetime
    senders: tuple[str, ...]
    paraf: tuple[str, ...]
    signed: tuple[str, ...]


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in names if n))


def handins(events: Iterable[Event], *, first: str = "Diserahkan") -> list[HandIn]:
    """The landings among ``events`` that brought data, in time order, each with the paraf and
    signatures given in that same landing."""
    by_commit: dict[str, list[Event]] = {}
    for event in sorted(events, key=lambda e: e.time):
        by_commit.setdefault(event.commit, []).append(event)
    out: list[HandIn] = []
    for group in by_commit.values():
        data = [e for e in group if e.kind in _DATA]
        if not data:
            continue
        label = first if not out else f"Revisi {len(out)}"
        out.append(
            HandIn(
                label,
                min(e.time for e in data),
                _unique(e.person.name or e.person.email for e in data),
                _unique(e.person.name for e in group if e.kind is EventKind.PARAF),
                _unique(e.person.name for e in group if e.kind is EventKind.DISAHKAN),
            )
        )
    return out


def handins_html(items: list[HandIn], fmt: Callable[[datetime], str]) -> str:
    """A compact list for a table cell: one line per hand-in, "–" when there is none."""
    if not items:
        return "–"
    lines = []
    for item in items:
        parts = [f"<strong>{esc(item.label)}</strong> {esc(fmt(item.time))}"]
        if item.senders:
            parts.append("oleh " + esc(", ".join(item.senders)))
        parts.append(
            "paraf " + esc(", ".join(item.paraf)) if item.paraf else "paraf belum tercatat"
        )
        if item.signed:
            parts.append("disahkan " + esc(", ".join(item.signed)))
        lines.append("<li>" + "; ".join(parts) + "</li>")
    return f'<ul class="kj-plain kj-serahan">{"".join(lines)}</ul>'


__all__ = ["HandIn", "handins", "handins_html"]
