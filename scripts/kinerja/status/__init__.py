"""Status of each unit and period, and the SOP's steps timed in working minutes.

Derived, never typed (DESIGN.md section 4): from the files in the tree, the request's deadline and
the trusted time each file was handed in, which the history reads from the merge's ``Opened-at``
trailer or, failing that, the merge commit's time; never from a client-set author date.
"""

from kinerja.status.derive import (
    PeriodState,
    PeriodStatus,
    StepTiming,
    UnitState,
    UnitStatus,
    derive_states,
)

__all__ = [
    "PeriodState",
    "PeriodStatus",
    "StepTiming",
    "UnitState",
    "UnitStatus",
    "derive_states",
]
