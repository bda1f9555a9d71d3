"""``kinerja demo``: a complete example tracker repository with a backdated, realistic history.

Status and timing are read from Git times, so example periods committed today would all look
late. :func:`generate` instead plans a history (requests, submissions in YAML, CSV and XLSX,
revisions, analyses, paraf and signatures) in office hours over the last periods, and writes it
with one ``git fast-import`` stream. The tests and the benchmarks reuse it with a synthetic
organisation of any size (:class:`Scale`).
"""

from __future__ import annotations

from kinerja.demo.generate import generate
from kinerja.demo.model import DemoInfo, PeriodInfo, PeriodStatus, Scale, Status
from kinerja.demo.source import DemoError

__all__ = ["DemoError", "DemoInfo", "PeriodInfo", "PeriodStatus", "Scale", "Status", "generate"]
