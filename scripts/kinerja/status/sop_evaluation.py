"""Monitoring and evaluation of the SOP (PermenPAN-RB 35/2012): each step against its mutu baku.

A step's time in one period is the working minutes between the two recorded events named in
its note (:func:`kinerja.status.derive.step_timings`). Over all periods where a step finished,
this gives the median, the slowest periods and how often the step stayed within its mutu
baku. "Usual" is the median: a period is worth attention when a step is over its mutu baku
*and* slower than usual; a step that is over in most periods is a finding about the SOP (its
mutu baku or its flow), not about one period, and belongs on the Evaluasi SOP page.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from dataclasses import dataclass

from kinerja.status.derive import PeriodState


@dataclass(frozen=True)
class StepEvaluation:
    no: int
    langkah: str
    aktivitas: str
    pelaksana: str
    mutu_baku: float | None
    note: str
    #: (period, working minutes) of every period where the step finished, in period order.
    measured: tuple[tuple[str, float], ...]

    @property
    def median(self) -> float | None:
        return statistics.median(m for _, m in self.measured) if self.measured else None

    @property
    def within(self) -> int:
        """Periods within the mutu baku (all, when the step has no mutu baku)."""
        if self.mutu_baku is None:
            return len(self.measured)
        return sum(1 for _, m in self.measured if m <= self.mutu_baku)

    def slowest(self, count: int = 3) -> list[tuple[str, float]]:
        return sorted(self.measured, key=lambda pm: (-pm[1], pm[0]))[:count]

    @property
    def chronic(self) -> bool:
        """Over its mutu baku in more than half of the measured periods."""
        return bool(self.measured) and self.within * 2 < len(self.measured)


def evaluate(states: Mapping[str, PeriodState]) -> list[StepEvaluation]:
    """One evaluation per SOP step, in step order, over the periods in ``states`` order."""
    steps: dict[str, StepEvaluation] = {}
    measured: dict[str, list[tuple[str, float]]] = {}
    for pid, state in states.items():
        for step in state.steps:
            if step.langkah not in steps:
                steps[step.langkah] = StepEvaluation(
                    step.no,
                    step.langkah,
                    step.aktivitas,
                    step.pelaksana,
                    step.mutu_baku,
                    step.note,
                    (),
                )
                measured[step.langkah] = []
            if step.minutes is not None and step.end is not None:
                measured[step.langkah].append((pid, float(step.minutes)))
    out = [
        StepEvaluation(
            s.no, s.langkah, s.aktivitas, s.pelaksana, s.mutu_baku, s.note, tuple(measured[k])
        )
        for k, s in steps.items()
    ]
    return sorted(out, key=lambda s: s.no)


def usual_minutes(states: Mapping[str, PeriodState]) -> dict[str, float]:
    """The median working minutes of each step over all periods where it finished."""
    return {s.langkah: m for s in evaluate(states) if (m := s.median) is not None}


__all__ = ["StepEvaluation", "evaluate", "usual_minutes"]
