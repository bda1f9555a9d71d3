"""Which approvals a pull request has, and which ones ``organisasi.yml`` still requires.

Only approvals of the current head commit count: an approval given before the last push is
*stale* (the data changed after the paraf). For each reviewer the latest decisive review wins:
a later "changes requested" or a dismissal withdraws an approval, a mere comment does not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from kinerja.forge import models
from kinerja.forge.models import ChangedFile, Review
from kinerja.history.paths import classify, is_admin_path
from kinerja.history.people import ADMIN_RULES, Person, Roster, Rules

_DECISIVE = (models.APPROVED, models.CHANGES_REQUESTED, models.DISMISSED)
_EPOCH = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Approver:
    review: Review
    person: Person | None

    @property
    def handle(self) -> str:
        return self.review.login


@dataclass(frozen=True, slots=True)
class Need:
    """One required approval: a requirement, for a unit, over some files."""

    requirement: str
    unit: str | None
    signature: bool  # pengesahan rather than paraf
    label: str
    paths: tuple[str, ...]
    holders: tuple[Person, ...]


@dataclass(frozen=True)
class Check:
    head_sha: str
    needs: tuple[Need, ...]
    missing: tuple[Need, ...]
    current: tuple[Approver, ...]  # approvals of the head commit
    stale: tuple[Approver, ...]  # approvals of an older commit, not withdrawn
    signers: tuple[Approver, ...] = field(default=())  # current approvers who sign

    @property
    def ok(self) -> bool:
        return not self.missing


def latest_decisions(reviews: Iterable[Review]) -> dict[str, Review]:
    """Each reviewer's latest decisive review (handles compared case-insensitively)."""
    ordered = sorted(enumerate(reviews), key=lambda item: (item[1].submitted_at or _EPOCH, item[0]))
    latest: dict[str, Review] = {}
    for _, review in ordered:
        if review.state in _DECISIVE and review.login:
            latest[review.login.casefold()] = review
    return latest


def split_approvals(
    reviews: Iterable[Review], head_sha: str, roster: Roster
) -> tuple[list[Approver], list[Approver]]:
    current: list[Approver] = []
    stale: list[Approver] = []
    for review in latest_decisions(reviews).values():
        if review.state != models.APPROVED:
            continue
        approver = Approver(review, roster.by_handle(review.login))
        if review.commit_id == head_sha and not review.stale:
            current.append(approver)
        else:
            stale.append(approver)
    return current, stale


def rules_for_path(path: str, roster: Roster) -> tuple[Rules, str | None]:
    """The approvals ``path`` needs (its owner rule) and the unit they are read for.

    The same rule CODEOWNERS is generated from (``Roster.owner_rules``): a data file needs
    what ``persetujuan`` says, every other path (site, build, workflows, code, the trust file,
    an unknown file under submissions/) the admin's paraf. Never empty.
    """
    info = classify(path)
    if is_admin_path(path):
        return ADMIN_RULES, None
    return roster.owner_rules(info.kind, info.unit), info.unit


def needs_for(files: Sequence[ChangedFile], roster: Roster) -> list[Need]:
    """Every approval the files require, merged across files."""
    grouped: dict[tuple[str, str | None, bool], list[str]] = {}
    for changed in files:
        paths = [changed.path]
        if changed.previous_path and changed.previous_path != changed.path:
            paths.append(changed.previous_path)  # moving a file away also needs its owners
        for path in paths:
            rules, unit = rules_for_path(path, roster)
            for signature, requirements in ((False, rules.paraf), (True, rules.pengesahan)):
                for requirement in requirements:
                    key = (requirement, unit if _per_unit(requirement) else None, signature)
                    grouped.setdefault(key, []).append(path)
    return [
        Need(
            requirement=requirement,
            unit=unit,
            signature=signature,
            label=roster.label(requirement, unit),
            paths=tuple(sorted(set(paths))),
            holders=tuple(roster.holders(requirement, unit)),
        )
        for (requirement, unit, signature), paths in sorted(
            grouped.items(), key=lambda item: (item[0][2], item[0][0], item[0][1] or "")
        )
    ]


def _per_unit(requirement: str) -> bool:
    return requirement == "kepala-unit"


def check_approvals(
    files: Sequence[ChangedFile], reviews: Sequence[Review], head_sha: str, roster: Roster
) -> Check:
    current, stale = split_approvals(reviews, head_sha, roster)
    needs = needs_for(files, roster)
    people = [a.person for a in current if a.person is not None]
    missing = [
        need
        for need in needs
        if not any(roster.satisfies(p, need.requirement, need.unit) for p in people)
    ]
    signers = [
        a
        for a in current
        if a.person is not None
        and any(
            need.signature and roster.satisfies(a.person, need.requirement, need.unit)
            for need in needs
        )
    ]
    return Check(
        head_sha, tuple(needs), tuple(missing), tuple(current), tuple(stale), tuple(signers)
    )
