"""The pieces of the demo's history: files to render, commits, pull requests, periods.

Plain containers filled by :mod:`kinerja.demo.plan` and consumed by the renderer and the
fast-import writer. A :class:`Blob` says *what* to render, not the bytes, so that the plan of a
ten-year history stays small and rendering can happen in worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from kinerja.demo.data import Recipient
from kinerja.model import Period


@dataclass
class Blob:
    path: str
    kind: str  # static | permintaan | submisi | analisis
    period: str | None = None
    unit: str | None = None
    version: int = 1  # submissions: 0 draft, 1 first hand-in, 2 revision
    author: str = ""  # person id
    written: datetime | None = None
    payload: Any = None  # static: bytes; permintaan: dict; submisi: Recipient; analisis: Parts
    flags: tuple[str, ...] = ()
    mark: int = 0


@dataclass
class Commit:
    author: str  # person id
    authored: datetime
    committed: datetime
    message: str
    files: list[Blob]
    mark: int = 0


@dataclass(frozen=True)
class Part:
    """One recipient as an analysis sees it: what it handed in (if anything) and when."""

    recipient: Recipient
    on_time: bool | None  # None: nothing handed in before the analysis
    version: int = 1
    author: str = ""
    written: datetime | None = None
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnalysisInput:
    request: dict[str, Any]
    parts: tuple[Part, ...]


@dataclass
class PullRequest:
    kind: str  # permintaan | submisi | revisi | analisis
    period: str
    unit: str | None
    author: str
    commits: list[Commit]
    opened: datetime
    merged: datetime
    reviewers: list[str]
    approvers: list[str]
    title: str
    body: str
    number: int = 0
    tag: str = ""
    mark: int = 0  # the merge commit
    base: int = 0  # mark of the main-line commit the branch starts from

    @property
    def time(self) -> datetime:
        return self.merged

    @property
    def merger(self) -> str:
        """Who pressed "merge": the last approver, else the last reviewer, else the author."""
        return (self.approvers or self.reviewers or [self.author])[-1]


@dataclass
class Direct:
    """A commit pushed straight to ``main`` (no pull request, no paraf)."""

    commit: Commit
    tag: str
    #: When it was really pushed, when that differs from the dates written in the commit (a
    #: forgery back-dates them): its place on the main line.
    pushed: datetime | None = None

    @property
    def time(self) -> datetime:
        return self.pushed or self.commit.committed


Landing = PullRequest | Direct


@dataclass
class PeriodPlan:
    period: Period
    index: int  # chronological position, for the format rotation
    requested: date
    deadline: date
    deadline_at: datetime
    recipients: list[Recipient]
    open: bool = False
    number: int = 0  # the request letter's sequence number
    scenario: dict[str, str] = field(default_factory=dict)  # unit -> on_time|late|revised|missing
    request: PullRequest | None = None
    deliveries: dict[str, list[PullRequest]] = field(default_factory=dict)
    analysis: PullRequest | None = None
    formats: dict[str, str] = field(default_factory=dict)

    @property
    def signed(self) -> bool:
        return self.analysis is not None and bool(self.analysis.approvers)
