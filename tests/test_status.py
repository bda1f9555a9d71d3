"""Statuses derived from a real Git history match what the demo planned, for every unit/period.

The demo generator plans each unit's fate (on time, late, revised, missing, not requested) and
writes a backdated history of merges with hand-in trailers; the status module must read the same
fates back from Git alone, judged on the trusted hand-in time, never the author date.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from kinerja.demo import DemoInfo
from kinerja.demo.model import Status
from kinerja.snapshot import take_snapshot
from kinerja.status import PeriodStatus, UnitStatus


@pytest.fixture(scope="module")
def snapshot(demo_repo: DemoInfo):  # type: ignore[no-untyped-def]
    return take_snapshot(demo_repo.root, now=demo_repo.now)


def test_every_planned_status_is_derived(demo_repo: DemoInfo, snapshot) -> None:  # type: ignore[no-untyped-def]
    mismatches = []
    for (period, unit), planned in sorted(demo_repo.statuses.items()):
        state = snapshot.states[period].units[unit]
        if state.status.value != planned.value:
            mismatches.append((period, unit, planned.value, state.status.value))
    assert mismatches == []


def test_all_six_statuses_occur(demo_repo: DemoInfo, snapshot) -> None:  # type: ignore[no-untyped-def]
    seen = {s.status for p in snapshot.states.values() for s in p.units.values()}
    assert seen == set(UnitStatus)
    assert {Status(s.value) for s in seen} == set(Status)


def test_late_is_judged_on_the_hand_in_time_not_the_author_date(snapshot) -> None:  # type: ignore[no-untyped-def]
    for period in snapshot.states.values():
        for state in period.units.values():
            if state.status is UnitStatus.DITERIMA_TERLAMBAT:
                assert state.received_at > period.deadline
                first = next(e for e in state.events if e.kind.value == "data-diterima")
                assert first.time == (first.opened_at or first.merged_at)
            if state.status is UnitStatus.DITERIMA:
                assert state.received_at <= period.deadline


def test_missing_unit_turns_late_when_the_deadline_passes(demo_repo: DemoInfo) -> None:
    open_periods = [p for p in demo_repo.periods if p.open]
    assert open_periods
    period = open_periods[-1]
    waiting = [
        u for u in period.recipients if demo_repo.statuses[(period.id, u)] is Status.MENUNGGU
    ]
    assert waiting
    later = take_snapshot(demo_repo.root, now=demo_repo.now + timedelta(days=60))
    for unit in waiting:
        assert later.states[period.id].units[unit].status is UnitStatus.TERLAMBAT


def test_period_statuses(demo_repo: DemoInfo, snapshot) -> None:  # type: ignore[no-untyped-def]
    for info in demo_repo.periods:
        assert snapshot.states[info.id].status.value == info.status.value, info.id
    assert any(s.status is PeriodStatus.DISAHKAN for s in snapshot.states.values())
    unsigned = [s for s in snapshot.states.values() if s.status is PeriodStatus.DIANALISIS]
    assert unsigned and all(s.problems for s in unsigned)


def test_sop_steps_are_timed_in_working_minutes(snapshot) -> None:  # type: ignore[no-untyped-def]
    complete = [
        s
        for s in snapshot.states.values()
        if s.status is PeriodStatus.DISAHKAN and all(u.status.received for u in s.recipients)
    ]
    steps = complete[0].steps
    assert [s.no for s in steps] == [1, 2, 3, 4, 5, 6]
    assert all(s.minutes is not None and s.minutes >= 0 for s in steps)
    assert steps[1].minutes == 0  # the format is sent by the forge on merge
    assert steps[0].mutu_baku == 5 and steps[3].mutu_baku == 480
    # A step whose end has not happened (a unit never delivered) is not timed, not zero.
    missing = [
        s
        for s in snapshot.states.values()
        if s.status is PeriodStatus.DISAHKAN and not all(u.status.received for u in s.recipients)
    ]
    assert any(step.minutes is None for p in missing for step in p.steps)


def test_uncommitted_file_is_a_draft_not_received(demo_repo: DemoInfo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    root = tmp_path / "repo"
    shutil.copytree(demo_repo.root, root, symlinks=True)
    period = [p for p in demo_repo.periods if p.open][-1]
    unit = next(
        u for u in period.recipients if demo_repo.statuses[(period.id, u)] is Status.MENUNGGU
    )
    source = next((root / "submissions" / period.id).glob("*.yml"), None)
    assert source is not None
    donor = source.read_text(encoding="utf-8")
    (root / "submissions" / period.id / f"{unit}.yml").write_text(donor, encoding="utf-8")
    state = take_snapshot(root, now=demo_repo.now).states[period.id].units[unit]
    assert state.draft
    assert not state.status.received
