"""The history as text (Indonesian, times in the office zone) and as JSON, for the CLI and CI
logs."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from kinerja.history.events import Event
from kinerja.history.trailers import Identity
from kinerja.history.wib import format_time
from kinerja.timing.zone import DEFAULT_ZONE, Zone


def _who(identity: Identity, person_id: str | None, roles: Sequence[str]) -> str:
    text = identity.name or identity.email or "(tanpa nama)"
    if roles:
        text += f" ({', '.join(roles)})"
    elif person_id is None and identity.email:
        text += f" <{identity.email}>"
    return text


def _names(people: Sequence[Identity]) -> str:
    return ", ".join(p.name or p.email for p in people) if people else "-"


def render_event(event: Event, zone: Zone = DEFAULT_ZONE) -> list[str]:
    label = event.kind.label
    if event.revision is not None:
        label += f" (Revisi {event.revision})"
    lines = [f"{format_time(event.time, zone)}  {label}: {event.path}"]
    where = [f"commit {event.commit[:10]}"]
    if event.pull_number is not None:
        where.append(f"PR #{event.pull_number}")
    elif event.pull_url:
        where.append(event.pull_url)
    where.append(event.merge_style.label if event.verified else "tidak terverifikasi")
    lines.append(
        f"    oleh {_who(event.person, event.person_id, event.roles)} · " + " · ".join(where)
    )
    if not event.kind.is_approval:
        if event.opened_at is not None:
            opened = format_time(event.opened_at, zone)
            merged = format_time(event.merged_at, zone)
            lines.append(f"    PR dibuka {opened}, digabung {merged}")
        if event.old_path:
            lines.append(f"    sebelumnya: {event.old_path}")
        if event.note:
            lines.append(f"    catatan: {event.note}")
        lines.append(
            f"    paraf: {_names(event.reviewers)} · pengesahan: {_names(event.approvers)}"
        )
        lines += [f"    {line}" for line in event.diff]
    lines += [f"    ! {problem}" for problem in event.problems]
    return lines


def render_text(events: Sequence[Event], title: str, zone: Zone = DEFAULT_ZONE) -> str:
    if not events:
        return f"{title}: belum ada peristiwa.\n"
    flagged = sum(1 for e in events if e.problems)
    head = f"{title}: {len(events)} peristiwa"
    if flagged:
        head += f", {flagged} perlu diperhatikan (!)"
    out = [head, ""]
    for event in events:
        out += render_event(event, zone)
    return "\n".join(out) + "\n"


#: The JSON fields holding a time, and the event attribute each comes from.
_TIMES = {
    "waktu": "time",
    "waktu_merge": "merged_at",
    "waktu_dibuka": "opened_at",
    "waktu_penulis": "authored_at",
}


def event_record(event: Event, zone: Zone = DEFAULT_ZONE) -> dict[str, Any]:
    """One event as a JSON object (``Event.to_dict``) with its times in ISO 8601 at the office
    zone's offset: the CLI's ``--format json`` and the site's ``unduh/riwayat.json``."""
    item = event.to_dict()
    for key, attribute in _TIMES.items():
        moment = getattr(event, attribute)
        item[key] = moment.astimezone(zone.tz).isoformat() if moment else None
    return item


def render_json(events: Sequence[Event], zone: Zone = DEFAULT_ZONE) -> str:
    """The events as JSON; times in ISO 8601 with the office zone's offset."""
    items = [event_record(event, zone) for event in events]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
