"""The SOP that drives the period workflow, and who its activities name (``pelaksana``).

The SOP is data (docs/sop/*.yml): each activity names a ``langkah`` the tracker measures
(docs/dev/decisions.md D7) and a ``pelaksana`` column, whose ``unit`` (and optional ``peran``)
link to organisasi.yml. The period status, the SOP timing and the author check read the same
columns through this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kinerja.model.layout import SOP_DIR


@dataclass(frozen=True, slots=True)
class Lane:
    """One ``pelaksana`` column: its units, and the roles within them when it names any."""

    id: str
    nama: str
    units: tuple[str, ...]
    roles: tuple[str, ...] = ()


def choose_workflow_sop(
    sops: Mapping[str, Mapping[str, Any]], configured: str | None = None
) -> tuple[str | None, Mapping[str, Any] | None]:
    """The SOP that drives the period workflow: the one named by ``pengaturan.sop_alur_kerja``
    (``configured``), else the only one whose activities name workflow steps; none when that is
    not clear (:mod:`kinerja.model.workflow`; validate reports why)."""
    from kinerja.model.workflow import select_workflow_sop

    choice = select_workflow_sop(sops, configured)
    return choice.path, choice.sop


def lanes_for(sop: Mapping[str, Any], steps: Iterable[str]) -> list[Lane]:
    """The ``pelaksana`` columns of the activities whose ``langkah`` is one of ``steps``."""
    wanted = set(steps)
    columns = {
        str(lane.get("id")): lane
        for lane in sop.get("pelaksana") or []
        if isinstance(lane, Mapping) and lane.get("id")
    }
    out: list[Lane] = []
    for activity in sop.get("aktivitas") or []:
        if not isinstance(activity, Mapping) or activity.get("langkah") not in wanted:
            continue
        lane = columns.get(str(activity.get("pelaksana")))
        if lane is None:
            continue
        found = Lane(
            id=str(lane.get("id")),
            nama=str(lane.get("nama") or lane.get("id")),
            units=tuple(str(u) for u in lane.get("unit") or ()),
            roles=tuple(str(r) for r in lane.get("peran") or ()),
        )
        if found not in out:
            out.append(found)
    return out


def load_sops(root: Path) -> dict[str, Mapping[str, Any]]:
    """The readable SOP files of a repository (strict YAML), keyed by path; unreadable ones are
    left out here (``kinerja validate`` reports them)."""
    from kinerja.read.yaml_strict import parse_yaml

    folder = root / SOP_DIR
    out: dict[str, Mapping[str, Any]] = {}
    if not folder.is_dir():
        return out
    for path in sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        document = parse_yaml(text, f"{SOP_DIR}/{path.name}")
        if document.ok and isinstance(document.data, Mapping):
            out[f"{SOP_DIR}/{path.name}"] = document.data
    return out
