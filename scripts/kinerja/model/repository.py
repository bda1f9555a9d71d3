"""The whole tracker as the later stages see it: configuration, SOPs and periods with their files.

Built on :func:`kinerja.validate.runner.validate_repository` with ``want_data=True``, so every file
is read once, through the same cache, and only files that passed validation feed the recap and the
site; the findings of the others travel along for the site to show.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from kinerja.model import Config
from kinerja.model.layout import INDICATORS, ORGANISATION
from kinerja.model.periods import Period, parse_period
from kinerja.validate.rules import HOLDS_NOTHING
from kinerja.validate.runner import Report, validate_repository


@dataclass(frozen=True)
class SubmissionFile:
    path: str
    unit: str
    period: str
    format: str  # yml | csv | xlsx
    data: Mapping[str, Any]


@dataclass
class PeriodFiles:
    period: Period
    request: Mapping[str, Any] | None = None
    request_path: str | None = None
    submissions: dict[str, SubmissionFile] = field(default_factory=dict)
    analysis: Mapping[str, Any] | None = None
    analysis_path: str | None = None
    invalid: list[str] = field(default_factory=list)
    #: Invalid files that hold no data at all (validate.rules.HOLDS_NOTHING): never a hand-in.
    empty: set[str] = field(default_factory=set)

    @property
    def id(self) -> str:
        return self.period.id


@dataclass
class Tracker:
    root: Path
    config: Config | None
    organisation_data: Mapping[str, Any]
    indicator_data: Mapping[str, Any]
    sops: dict[str, Mapping[str, Any]]
    periods: dict[str, PeriodFiles]
    report: Report

    def sorted_periods(self) -> list[PeriodFiles]:
        """The periods in time order (a month before the quarter that ends with it)."""
        return sorted(self.periods.values(), key=lambda p: p.period)

    def submissions(self) -> list[SubmissionFile]:
        return [s for p in self.sorted_periods() for s in p.submissions.values()]

    def requests(self) -> dict[str, Mapping[str, Any]]:
        return {pid: p.request for pid, p in self.periods.items() if p.request is not None}


def load_tracker(
    root: Path,
    *,
    use_cache: bool = True,
    progress: Callable[[int, int], None] | None = None,
    overlay: Mapping[str, bytes | None] | None = None,
) -> Tracker:
    """The tracker at ``root``; ``overlay`` gives the trusted content of paths that an
    unverified change wrote (see :func:`kinerja.validate.runner.validate_repository`)."""
    report = validate_repository(
        root, use_cache=use_cache, want_data=True, progress=progress, overlay=overlay
    )
    periods: dict[str, PeriodFiles] = {}
    sops: dict[str, Mapping[str, Any]] = {}
    for path, result in sorted(report.results.items()):
        role = result.role
        if role.kind == "sop" and result.valid:
            sops[path] = result.data
            continue
        if role.period is None:
            continue
        period = parse_period(role.period)
        if period is None:
            continue
        files = periods.setdefault(role.period, PeriodFiles(period))
        if not result.valid:
            files.invalid.append(path)
            if any(f.code in HOLDS_NOTHING for f in result.findings):
                files.empty.add(path)
            continue
        if role.kind == "permintaan":
            files.request, files.request_path = result.data, path
        elif role.kind == "analisis":
            files.analysis, files.analysis_path = result.data, path
        elif role.kind == "submisi" and role.unit:
            suffix = PurePosixPath(path).suffix.lstrip(".").lower()
            files.submissions[role.unit] = SubmissionFile(
                path, role.unit, role.period, "yml" if suffix == "yaml" else suffix, result.data
            )
    org = report.results.get(ORGANISATION)
    ind = report.results.get(INDICATORS)
    return Tracker(
        root=root,
        config=report.config,
        organisation_data=(org.data if org and org.valid else None) or {},
        indicator_data=(ind.data if ind and ind.valid else None) or {},
        sops=sops,
        periods=periods,
        report=report,
    )
