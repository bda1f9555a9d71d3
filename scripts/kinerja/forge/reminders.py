"""The daily pass over the units' issues: remind before and after the deadline, close an
issue once the unit's data is merged (or the unit is no longer asked).

Statuses come from :mod:`kinerja.status`, the same that the site shows, so an issue closes
exactly when the site says *diterima*. A reminder carries the day it was written, so a unit is
reminded at most once a day however often the workflow runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from kinerja.escape import mention
from kinerja.forge.issues import Comment, ForgeApi, Issue
from kinerja.forge.markers import REMINDER, REMINDER_RE, WITHDRAWN
from kinerja.forge.notice import when_text
from kinerja.status import PeriodState, PeriodStatus, UnitState, UnitStatus
from kinerja.timing.zone import DEFAULT_ZONE, Zone


@dataclass(frozen=True)
class Action:
    issue: Issue
    kind: str  # pengingat | terlambat | tutup | cabut (closed: the unit is no longer asked)
    body: str


WITHDRAWN_TEXT = (
    f"{WITHDRAWN}\nUnit ini tidak lagi termasuk penerima permintaan periode ini "
    "(permintaan.yml diubah); pemberitahuan ditutup. Bila unit ini diminta lagi, pemberitahuan "
    "ini dibuka kembali.\n"
)


def _received_text(state: UnitState, zone: Zone) -> str:
    late = "terlambat" if state.late else "tepat waktu"
    return f"Data diterima {when_text(state.received_at, zone)} ({late}). Terima kasih."


def reminded_on(comments: Iterable[Comment]) -> set[str]:
    """The days (YYYY-MM-DD) on which a reminder was already written."""
    return {m.group(1) for c in comments for m in REMINDER_RE.finditer(c.body)}


def plan_reminders(
    states: Mapping[str, PeriodState],
    issues: Iterable[Issue],
    now: datetime,
    *,
    days: float,
    comments_of: Callable[[int], Sequence[Comment]],
    only_close: bool = False,
    zone: Zone = DEFAULT_ZONE,
) -> list[Action]:
    """What to do with each open issue made here (see the module docstring).

    ``comments_of`` is asked only for issues that would get a reminder, to skip the ones
    already reminded today (``now``'s date in the office zone).
    """
    today = now.date().isoformat()
    stamp = REMINDER.format(day=today)
    actions: list[Action] = []
    for issue in sorted(issues, key=lambda i: i.number):
        key = issue.key
        if issue.state != "open" or key is None:
            continue
        period, unit = key
        state = states.get(period)
        unit_state = state.units.get(unit) if state else None
        if unit_state is None or unit_state.status is UnitStatus.BELUM_DIMINTA:
            actions.append(Action(issue, "cabut", WITHDRAWN_TEXT))
            continue
        if unit_state.status.received:
            actions.append(Action(issue, "tutup", _received_text(unit_state, zone)))
            continue
        if state is not None and state.status in (PeriodStatus.DIANALISIS, PeriodStatus.DISAHKAN):
            actions.append(
                Action(
                    issue,
                    "tutup",
                    f"Periode ini sudah {state.status.value}; pemberitahuan ditutup tanpa data "
                    "unit ini. Data yang masih dikirim tetap dicatat sebagai terlambat.",
                )
            )
            continue
        if only_close or (state is not None and state.status is not PeriodStatus.DIBUKA):
            continue
        deadline = unit_state.deadline
        if unit_state.status is UnitStatus.TERLAMBAT:
            kind = "terlambat"
            text = (
                f"Tenggat {when_text(deadline, zone)} sudah lewat dan data unit ini belum "
                "diterima. Mohon segera mengirim data; bila pull request sudah dibuka, "
                "mintalah paraf kepala unit."
            )
        elif deadline is not None and deadline - now <= timedelta(days=days):
            kind = "pengingat"
            text = (
                f"Pengingat: tenggat {when_text(deadline, zone)}. Data unit ini belum diterima; "
                "bila pull request sudah dibuka, mintalah paraf kepala unit sebelum tenggat."
            )
        else:
            continue
        if today in reminded_on(comments_of(issue.number)):
            continue
        mentions = " ".join(mention(a) for a in issue.assignees)
        body = f"{stamp}\n{text}" + (f"\n\n{mentions}" if mentions else "") + "\n"
        actions.append(Action(issue, kind, body))
    return actions


def last_marked(comments: Sequence[Comment]) -> str:
    """The last comment written here (it carries a hidden marker), or ""."""
    return next((c.body for c in reversed(comments) if "<!-- kinerja:" in c.body), "")


def withdraw(api: ForgeApi, issue: Issue) -> None:
    """Close the issue of a unit dropped from the request, saying so once."""
    if WITHDRAWN not in last_marked(api.comments(issue.number)):
        api.comment(issue.number, WITHDRAWN_TEXT)
    api.close(issue.number, completed=False)


def run_reminders(
    api: ForgeApi,
    states: Mapping[str, PeriodState],
    now: datetime,
    *,
    days: float,
    dry_run: bool = False,
    only_close: bool = False,
    zone: Zone = DEFAULT_ZONE,
) -> list[str]:
    """Comment and close as :func:`plan_reminders` says. Returns one line per action."""
    actions = plan_reminders(
        states,
        api.issues("open"),
        now,
        days=days,
        comments_of=api.comments,
        only_close=only_close,
        zone=zone,
    )
    report: list[str] = []
    for action in actions:
        period, unit = action.issue.key or ("?", "?")
        what = {
            "tutup": "ditutup",
            "cabut": "ditutup (tidak lagi diminta)",
            "pengingat": "pengingat",
            "terlambat": "pengingat terlambat",
        }
        line = f"{period} {unit}: {what[action.kind]} (#{action.issue.number})"
        if dry_run:
            report.append(line + " [coba]")
            continue
        if action.kind == "cabut":
            withdraw(api, action.issue)
        else:
            api.comment(action.issue.number, action.body)
            if action.kind == "tutup":
                api.close(action.issue.number)
        report.append(line)
    return report
