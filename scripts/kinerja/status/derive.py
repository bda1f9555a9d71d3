"""Derive statuses and step timings from the tracker's files and the Git history."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kinerja.codes import make
from kinerja.history import Event, EventKind, History
from kinerja.history.paths import FileKind
from kinerja.model.repository import PeriodFiles, Tracker
from kinerja.timing import WorkCalendar


class UnitStatus(enum.StrEnum):
    BELUM_DIMINTA = "belum diminta"
    MENUNGGU = "menunggu"
    TERLAMBAT = "terlambat"
    DITERIMA = "diterima"
    DITERIMA_TERLAMBAT = "diterima terlambat"
    DIREVISI = "direvisi"

    @property
    def received(self) -> bool:
        return self in (UnitStatus.DITERIMA, UnitStatus.DITERIMA_TERLAMBAT, UnitStatus.DIREVISI)

    @property
    def label(self) -> str:
        """The word shown to people. The value stays stable (JSON exports, CSS classes); a unit
        that was not a recipient reads "tidak diminta": "belum" promised a request to come."""
        return "tidak diminta" if self is UnitStatus.BELUM_DIMINTA else self.value

    @property
    def css(self) -> str:
        return self.value.replace(" ", "-")


class PeriodStatus(enum.StrEnum):
    BELUM_DIBUKA = "belum dibuka"
    DIBUKA = "dibuka"
    TERKUMPUL = "terkumpul"
    DIANALISIS = "dianalisis"
    DISAHKAN = "disahkan"

    @property
    def css(self) -> str:
        return self.value.replace(" ", "-")


@dataclass(frozen=True)
class UnitState:
    unit: str
    period: str
    status: UnitStatus
    deadline: datetime | None = None
    received_at: datetime | None = None  # trusted hand-in time of the first acceptance
    late: bool = False  # the first hand-in was after the deadline
    revisions: int = 0
    last_changed_at: datetime | None = None
    path: str | None = None
    draft: bool = False  # a file in the working tree that no merge has brought in yet
    invalid: bool = False  # the file fails validation (see the findings)
    events: tuple[Event, ...] = ()

    @property
    def paraf(self) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.kind is EventKind.PARAF)


@dataclass(frozen=True)
class StepTiming:
    no: int
    langkah: str
    aktivitas: str
    pelaksana: str
    mutu_baku: float | None
    start: datetime | None
    end: datetime | None
    minutes: float | None
    note: str = ""

    @property
    def over(self) -> bool:
        return (
            self.minutes is not None
            and self.mutu_baku is not None
            and self.minutes > self.mutu_baku
        )


@dataclass(frozen=True)
class PeriodState:
    period: str
    status: PeriodStatus
    deadline: datetime | None
    units: Mapping[str, UnitState]
    request_event: Event | None = None
    analysis_event: Event | None = None
    approvals: tuple[Event, ...] = ()  # paraf and signature events on the analysis
    signed: bool = False
    steps: tuple[StepTiming, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def counts(self) -> dict[UnitStatus, int]:
        out = dict.fromkeys(UnitStatus, 0)
        for state in self.units.values():
            out[state.status] += 1
        return out

    @property
    def recipients(self) -> list[UnitState]:
        return [s for s in self.units.values() if s.status is not UnitStatus.BELUM_DIMINTA]


@dataclass
class _Index:
    """The history's events grouped once, so that each lookup below is a dict access."""

    by_period: dict[str, list[Event]] = field(default_factory=dict)

    @classmethod
    def build(cls, events: Iterable[Event]) -> _Index:
        index = cls()
        for event in events:
            if event.period:
                index.by_period.setdefault(event.period, []).append(event)
        return index


def _first(events: Sequence[Event], *kinds: EventKind) -> Event | None:
    return next((e for e in events if e.kind in kinds), None)


def _last(events: Sequence[Event], *kinds: EventKind) -> Event | None:
    return next((e for e in reversed(events) if e.kind in kinds), None)


def _unit_state(
    unit: str,
    files: PeriodFiles,
    events: Sequence[Event],
    deadline: datetime | None,
    now: datetime,
) -> UnitState:
    mine = [e for e in events if e.file_kind is FileKind.SUBMISI and e.unit == unit]
    # A deletion ends a lineage: only what came after the last one counts.
    deleted = _last(mine, EventKind.DIHAPUS)
    if deleted is not None:
        mine = mine[mine.index(deleted) + 1 :]
    data_events = [e for e in mine if e.kind in (EventKind.DATA_DITERIMA, EventKind.DIREVISI)]
    current = files.submissions.get(unit)
    path = (
        current.path
        if current
        else next((p for p in files.invalid if p.rsplit("/", 1)[-1].split(".")[0] == unit), None)
    )
    invalid = current is None and path is not None
    # No status from nothing: a file that holds no data (null, empty, a gitlink) is no hand-in.
    holds_nothing = invalid and path in files.empty
    if not data_events or holds_nothing:
        overdue = deadline is not None and now > deadline
        return UnitState(
            unit,
            files.id,
            UnitStatus.TERLAMBAT if overdue else UnitStatus.MENUNGGU,
            deadline,
            path=path,
            draft=path is not None and not data_events,
            invalid=invalid,
            events=tuple(mine),
        )
    first = data_events[0]
    late = deadline is not None and first.time > deadline
    revisions = sum(1 for e in data_events[1:] if e.content_changed)
    if revisions:
        status = UnitStatus.DIREVISI
    else:
        status = UnitStatus.DITERIMA_TERLAMBAT if late else UnitStatus.DITERIMA
    return UnitState(
        unit,
        files.id,
        status,
        deadline,
        received_at=first.time,
        late=late,
        revisions=revisions,
        last_changed_at=data_events[-1].time,
        path=path or first.path,
        invalid=invalid,
        events=tuple(mine),
    )


def _tainted_problems(period: str, tainted: Mapping[str, tuple[str | None, str]]) -> list[str]:
    """The period's files whose current content an unverified change wrote (trust rule)."""
    folder = f"submissions/{period}/"
    out: list[str] = []
    for path, (verified, reason) in sorted(tainted.items()):
        if not path.startswith(folder):
            continue
        name = path[len(folder) :]
        if verified:
            out.append(
                f"{name} diubah atau dihapus langsung tanpa pengajuan yang terverifikasi "
                f"({reason}); yang dihitung tetap versi terakhir yang terverifikasi."
            )
        else:
            out.append(
                f"{name} dimasukkan langsung tanpa pengajuan yang terverifikasi ({reason}); "
                "berkas ini tidak dihitung sebagai penyerahan."
            )
    return out


def _period_state(
    files: PeriodFiles,
    units: Sequence[str],
    events: Sequence[Event],
    calendar: WorkCalendar,
    sop: Mapping[str, Any] | None,
    now: datetime,
    tainted: Mapping[str, tuple[str | None, str]] | None = None,
) -> PeriodState:
    request = files.request
    problems: list[str] = []
    deadline = None
    if request is not None and isinstance(request.get("tenggat"), str):
        try:
            deadline = calendar.deadline_from_text(request["tenggat"])
        except ValueError:
            problems.append(f"Tenggat '{request['tenggat']}' tidak dapat dibaca.")
    recipients = {r.get("unit") for r in (request or {}).get("penerima", [])}
    states: dict[str, UnitState] = {}
    for unit in units:
        if unit in recipients or unit in files.submissions:
            states[unit] = _unit_state(unit, files, events, deadline, now)
        else:
            states[unit] = UnitState(unit, files.id, UnitStatus.BELUM_DIMINTA)
    request_event = _first(
        [e for e in events if e.file_kind is FileKind.PERMINTAAN],
        EventKind.PERMINTAAN_DITERBITKAN,
    )
    analysis_events = [e for e in events if e.file_kind is FileKind.ANALISIS]
    analysis_event = _first(analysis_events, EventKind.ANALISIS_DISAMPAIKAN)
    approvals = tuple(e for e in analysis_events if e.kind.is_approval)
    signed = any(e.kind is EventKind.DISAHKAN and e.ok for e in approvals)
    if request is None:
        status = PeriodStatus.BELUM_DIBUKA
    elif signed:
        status = PeriodStatus.DISAHKAN
    elif files.analysis is not None and analysis_event is not None:
        status = PeriodStatus.DIANALISIS
    elif recipients and all(
        states[u].status.received for u in recipients if isinstance(u, str) and u in states
    ):
        status = PeriodStatus.TERKUMPUL
    else:
        status = PeriodStatus.DIBUKA
    if files.analysis is not None and analysis_event is not None and not signed:
        problems.append("Analisis periode ini belum disahkan (tanpa tanda tangan Inspektur).")
    problems += _tainted_problems(files.id, tainted or {})
    problems.extend(_deleted_after_signing(events, approvals))
    steps = _steps(sop, request_event, states, analysis_event, calendar) if sop else ()
    return PeriodState(
        files.id,
        status,
        deadline,
        states,
        request_event,
        analysis_event,
        approvals,
        signed,
        steps,
        tuple(problems),
    )


def _deleted_after_signing(events: Sequence[Event], approvals: Sequence[Event]) -> list[str]:
    """A unit's data deleted after the period was signed: the signature covered data that is
    gone, so the page and ``kinerja status`` say so (issue 11)."""
    signed_at = min(
        (e.merged_at for e in approvals if e.kind is EventKind.DISAHKAN and e.ok), default=None
    )
    if signed_at is None:
        return []
    return [
        make(
            "period-submission-deleted-after-signing",
            e.path,
            unit=e.unit or "?",
            berkas=e.path,
            when=e.merged_at.strftime("%d-%m-%Y %H:%M"),
            who=e.person.name or e.person.email or "?",
        ).message
        for e in events
        if e.kind is EventKind.DIHAPUS
        and e.file_kind is FileKind.SUBMISI
        and e.merged_at > signed_at
    ]


def _steps(
    sop: Mapping[str, Any],
    request_event: Event | None,
    states: Mapping[str, UnitState],
    analysis_event: Event | None,
    calendar: WorkCalendar,
) -> tuple[StepTiming, ...]:
    """Each SOP activity with the Git events that start and end it (docs/dev/decisions.md)."""
    lanes = {lane.get("id"): lane for lane in sop.get("pelaksana", [])}
    opened = request_event.opened_at if request_event else None
    merged = request_event.merged_at if request_event else None
    collected: dict[str, datetime | None] = {}
    for act in sop.get("aktivitas", []):
        if act.get("langkah") in ("kumpul-irban", "kumpul-subbag"):
            lane_units = lanes.get(act.get("pelaksana"), {}).get("unit", [])
            mine = [
                states[u]
                for u in lane_units
                if u in states and states[u].status.value != "belum diminta"
            ]
            times = [s.received_at for s in mine]
            collected[act["langkah"]] = (
                max(t for t in times if t is not None) if mine and all(times) else None
            )
    ends = [t for t in collected.values() if t is not None]
    data_done = max(ends) if collected and len(ends) == len(collected) else None
    spans: dict[str, tuple[datetime | None, datetime | None, str]] = {
        "perintah": (
            opened,
            merged,
            "menit kerja dari permintaan diajukan sampai permintaan disetujui dan berlaku",
        ),
        "kirim-subbag": (
            merged,
            merged,
            "terkirim otomatis saat permintaan berlaku (0 menit kerja)",
        ),
        "kirim-irban": (
            merged,
            merged,
            "terkirim otomatis saat permintaan berlaku (0 menit kerja)",
        ),
        "kumpul-irban": (
            merged,
            collected.get("kumpul-irban"),
            "menit kerja dari permintaan berlaku sampai data unit terakhir pelaksana ini diterima",
        ),
        "kumpul-subbag": (
            merged,
            collected.get("kumpul-subbag"),
            "menit kerja dari permintaan berlaku sampai data unit terakhir pelaksana ini diterima",
        ),
        "analisis": (
            data_done,
            analysis_event.time if analysis_event else None,
            "menit kerja dari data semua unit lengkap sampai analisis disampaikan",
        ),
    }
    out: list[StepTiming] = []
    for act in sop.get("aktivitas", []):
        start, end, note = spans.get(act.get("langkah", ""), (None, None, ""))
        minutes = calendar.working_minutes(start, end) if start and end else None
        lane = lanes.get(act.get("pelaksana"), {})
        out.append(
            StepTiming(
                no=int(act.get("no", 0)),
                langkah=str(act.get("langkah", "")),
                aktivitas=str(act.get("aktivitas", "")),
                pelaksana=str(lane.get("nama", "")),
                mutu_baku=act.get("waktu_menit"),
                start=start,
                end=end,
                minutes=minutes,
                note=note,
            )
        )
    return tuple(out)


def derive_states(
    tracker: Tracker,
    history: History,
    calendar: WorkCalendar,
    now: datetime,
    sop: Mapping[str, Any] | None = None,
) -> dict[str, PeriodState]:
    """Every period's state, keyed by period id, in period order."""
    index = _Index.build(history.events)
    units = list(tracker.config.organisation.units) if tracker.config else []
    return {
        files.id: _period_state(
            files,
            units,
            index.by_period.get(files.id, []),
            calendar,
            sop,
            now,
            history.tainted,
        )
        for files in tracker.sorted_periods()
    }
