"""Opening a period and keeping units informed: the request, one issue per unit, reminders.

SOP steps 2-3 send the request format to every unit. Here that is (1) a ``permintaan.yml``
written from the previous period's request or from the organisation and its indicators
(:func:`build_request`), proposed as a pull request for the Kasubbag's paraf
(:meth:`~kinerja.forge.issues.ForgeApi.propose_file`); then (2) once it is merged, one issue per
recipient unit, assigned to the unit's members, with the deadline and a link that opens the
unit's pre-filled submission in the forge's editor (:func:`notice_for`); and (3) a daily pass
that comments on the issues of units whose deadline is near or past and closes an issue once the
unit's data is merged (:func:`plan_reminders`). Statuses come from :mod:`kinerja.status`, the
same that the site shows, so an issue closes exactly when the site says *diterima*.

When the request changes after the issues were opened (the deadline moved, an indicator or a
unit added or dropped), the next ``kinerja period notify`` brings the issues in line
(:func:`sync_issues`): it rewrites the body of an open issue and comments what changed, opens
issues for the units added, closes with a comment the issues of the units dropped, and reopens
the issue of a unit asked again after being dropped.

Every run is idempotent: an issue carries a hidden first line naming its period and unit, so
running again finds it instead of opening a second one; a hidden second line holds what the
issue promises (deadline, indicators, documents, a digest of the letter number and notes:
:class:`RequestFacts`), so an issue is rewritten only when the request really changed; a change
comment carries the digest of what it announces, so it is not repeated when a run fails between
commenting and rewriting; and a reminder carries the day it was written, so a unit is reminded
at most once a day however often the workflow runs. An issue that someone closed by hand is left
alone.

Only the bot's own words are trusted: an issue counts as one made here only if the token's own
account (``GET /user``) opened it and it starts with the hidden line, and the hidden markers of
comments count only in comments that account wrote. Anyone can paste a marker; only the bot
can write as the bot. Issues are found by that author and marker, never by their label: GitHub
silently drops labels and assignees given by a token without push access, and a lost label must
not make every run open the issues again (the report says when it was dropped).

One module per job: :mod:`~kinerja.forge.request` writes the request,
:mod:`~kinerja.forge.issues` talks to the forge (issues, comments, a proposal),
:mod:`~kinerja.forge.notice` says what an issue says (every data value through
:mod:`kinerja.escape`), :mod:`~kinerja.forge.reminders` is the daily pass,
:mod:`~kinerja.forge.markers` holds the hidden lines. This module brings the issues in line with
the request (:func:`sync_issues`) and is the one entry point the command line imports from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kinerja.escape import mention
from kinerja.forge.issues import (
    LABEL,
    LABEL_DROPPED,
    Comment,
    ForgeApi,
    Issue,
    forge_api,
)
from kinerja.forge.markers import ASKED_AGAIN, CHANGED, CHANGED_RE, WITHDRAWN
from kinerja.forge.notice import (
    Links,
    Notice,
    RequestFacts,
    describe_changes,
    issue_title,
    links_for,
    notice_for,
    site_downloads,
    usable_handles,
)
from kinerja.forge.reminders import (
    WITHDRAWN_TEXT,
    Action,
    last_marked,
    plan_reminders,
    reminded_on,
    run_reminders,
    withdraw,
)
from kinerja.forge.request import (
    DOCUMENT_KINDS,
    RequestError,
    build_request,
    carried_recipients,
    default_recipients,
    previous_request,
    resolve_requester,
)
from kinerja.model import Config
from kinerja.status import PeriodState, PeriodStatus, UnitStatus

__all__ = [  # the one entry point for the CLI; each name lives in the module named above
    "DOCUMENT_KINDS",
    "LABEL",
    "WITHDRAWN_TEXT",
    "Action",
    "Comment",
    "ForgeApi",
    "Issue",
    "Links",
    "Notice",
    "RequestError",
    "RequestFacts",
    "build_request",
    "carried_recipients",
    "default_recipients",
    "describe_changes",
    "forge_api",
    "issue_title",
    "links_for",
    "notice_for",
    "plan_reminders",
    "previous_request",
    "reminded_on",
    "resolve_requester",
    "run_reminders",
    "site_downloads",
    "sync_issues",
    "usable_handles",
]


def _chosen_periods(states: Mapping[str, PeriodState], periods: Iterable[str] | None) -> list[str]:
    if periods is not None:
        return list(periods)
    return [pid for pid, s in states.items() if s.status is PeriodStatus.DIBUKA]


def _by_key(issues: Iterable[Issue]) -> dict[tuple[str, str], Issue]:
    """The issue made here for each (period, unit): the open one if there is one, else the
    latest closed one."""
    out: dict[tuple[str, str], Issue] = {}
    for issue in sorted(issues, key=lambda i: (i.state == "open", i.number)):
        if issue.key is not None:
            out[issue.key] = issue
    return out


def _mentions(issue: Issue) -> str:
    return " ".join(mention(a) for a in issue.assignees)


def _refresh(api: ForgeApi, config: Config, issue: Issue, notice: Notice) -> str:
    """Bring an open issue in line with the request; returns the report line."""
    where = f"{notice.period} {notice.unit}"
    unchanged = f"{where}: sudah ada issue #{issue.number} (open)."
    old = RequestFacts.read(issue.body)
    if old is None:  # not our text any more (edited by hand): leave it
        return unchanged
    new = notice.facts
    changes = describe_changes(config, old, new)
    if not changes and (not old.hidden or old.line() == new.line()):
        return unchanged
    if changes:
        stamp = CHANGED.format(digest=new.digest)
        last = CHANGED_RE.findall("\n".join(c.body for c in api.comments(issue.number)))
        if not last or last[-1] != new.digest:  # not announced already by a run that failed
            mentions = _mentions(issue)
            text = "\n".join(
                [
                    stamp,
                    "**Permintaan data periode ini diubah** (permintaan.yml):",
                    "",
                    *(f"- {line}" for line in changes),
                    "",
                    "Isi pemberitahuan di atas sudah diperbarui, termasuk tautan **Kirim data**.",
                ]
            )
            api.comment(issue.number, text + (f"\n\n{mentions}" if mentions else "") + "\n")
    api.edit_issue(issue.number, title=notice.title, body=notice.body)
    said = describe_changes(config, old, new, markdown=False)
    what = "; ".join(said) if said else "isi diperbarui"
    return f"{where}: issue #{issue.number} diperbarui ({what})"


def _reopen(api: ForgeApi, issue: Issue, notice: Notice) -> str:
    """Reopen the issue of a unit asked again after being dropped; else leave it closed."""
    where = f"{notice.period} {notice.unit}"
    if WITHDRAWN not in last_marked(api.comments(issue.number)):
        return f"{where}: sudah ada issue #{issue.number} ({issue.state})."
    api.edit_issue(issue.number, title=notice.title, body=notice.body, reopen=True)
    mentions = _mentions(issue)
    api.comment(
        issue.number,
        f"{ASKED_AGAIN}\nUnit ini kembali termasuk penerima permintaan periode ini "
        f"(permintaan.yml diubah); pemberitahuan dibuka kembali. Tenggat: "
        f"**{notice.facts.deadline_md}**." + (f"\n\n{mentions}" if mentions else "") + "\n",
    )
    return f"{where}: issue #{issue.number} dibuka kembali"


def sync_issues(
    api: ForgeApi | None,
    config: Config,
    states: Mapping[str, PeriodState],
    requests: Mapping[str, Mapping[str, Any]],
    *,
    periods: Iterable[str] | None = None,
    site_url: str | None = None,
    show_body: bool = False,
) -> list[str]:
    """Bring the issues of ``periods`` (else of every open period) in line with their request.

    For each unit still to hand in: open its issue if there is none; if the request changed
    since its open issue was written, comment what changed and rewrite the issue; if its issue
    was closed because the unit had been dropped, reopen it. For each unit no longer asked,
    close its open issue with a comment. Units that handed in are left to :func:`run_reminders`.
    Running again changes nothing.

    With ``api`` None (a dry run) the forge is not asked at all: each issue that would be
    opened is listed, with its text when ``show_body``. Returns one line per unit acted on or
    found.
    """
    existing = _by_key(api.issues("all")) if api else {}
    report: list[str] = []
    for period in _chosen_periods(states, periods):
        state = states.get(period)
        if state is None:
            continue
        request = requests.get(period)
        for unit, unit_state in state.units.items():
            found = existing.get((period, unit))
            if unit_state.status is UnitStatus.BELUM_DIMINTA:
                if api is not None and found is not None and found.state == "open":
                    withdraw(api, found)
                    report.append(
                        f"{period} {unit}: issue #{found.number} ditutup (tidak lagi diminta)"
                    )
                continue
            if unit_state.status not in (UnitStatus.MENUNGGU, UnitStatus.TERLAMBAT):
                continue
            notice = notice_for(
                config, state, unit, request, links_for(config, period, unit, request, site_url)
            )
            if api is None:
                who = ", ".join(notice.assignees) or "tanpa penugasan"
                report.append(f"{period} {unit}: akan dibuka issue '{notice.title}' ({who}).")
                if show_body:
                    report.append("    " + notice.body.rstrip("\n").replace("\n", "\n    "))
            elif found is None:
                made = api.create_issue(notice.title, notice.body, notice.assignees)
                report.append(
                    f"{period} {unit}: issue #{made.number} dibuka {made.html_url}".rstrip()
                )
                if not made.labelled:
                    report.append(LABEL_DROPPED.format(number=made.number))
            elif found.state == "open":
                report.append(_refresh(api, config, found, notice))
            else:
                report.append(_reopen(api, found, notice))
    return report
