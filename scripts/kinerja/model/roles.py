"""Who does what, named from the office's data: never a unit or person name written in code.

Who opens a period (the SOP lane of the ``perintah`` step), who writes the analysis (the lane of
``analisis``), who gives paraf on the request: read from the workflow SOP's lanes and from
``organisasi.yml`` (``persetujuan``); generic words only when neither says.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kinerja.model.organisation import Organisation

#: Words for the roles of ``organisasi.yml`` (the schema's role names), for rule labels.
ROLE_WORDS = {
    "inspektur": "Pimpinan",
    "sekretaris": "Sekretaris",
    "kasubbag": "Kepala sub bagian",
    "irban": "Kepala unit pengawasan",
    "penyusun": "Penyusun bahan",
    "staf": "Staf",
    "admin": "Admin repositori",
}
OPENER_FALLBACK = "Pemberi paraf permintaan data"
ANALYST_FALLBACK = "Penyusun analisis"


def step_lane(sop: Mapping[str, Any] | None, step: str) -> str | None:
    """The name of the SOP lane that carries out the activity with ``langkah: step``."""
    if not sop:
        return None
    lanes = {
        str(lane.get("id")): str(lane.get("nama") or lane.get("id"))
        for lane in sop.get("pelaksana") or []
        if isinstance(lane, Mapping)
    }
    for activity in sop.get("aktivitas") or []:
        if isinstance(activity, Mapping) and activity.get("langkah") == step:
            lane = activity.get("pelaksana")
            return lanes.get(str(lane), str(lane)) if lane else None
    return None


def rule_label(organisation: Organisation | None, rule: str) -> str:
    """``kepala:<unit>`` -> ``Kepala <singkatan>``; a role -> its word."""
    if rule.startswith("kepala:"):
        unit_id = rule.split(":", 1)[1]
        unit = organisation.units.get(unit_id) if organisation else None
        return f"Kepala {unit.singkatan if unit else unit_id}"
    if rule == "kepala-unit":
        return "Kepala unit"
    return ROLE_WORDS.get(rule, rule.replace("-", " ").capitalize())


def request_approvers(organisation: Organisation | None) -> str | None:
    """Who gives paraf on a period's request, from ``persetujuan.permintaan``."""
    approval = organisation.approvals.get("permintaan") if organisation else None
    if approval is None or not approval.paraf:
        return None
    return " dan ".join(rule_label(organisation, rule) for rule in approval.paraf)


def opener(organisation: Organisation | None, sop: Mapping[str, Any] | None) -> str:
    """Who opens a period: the SOP lane of ``perintah``, else the request's paraf givers."""
    return step_lane(sop, "perintah") or request_approvers(organisation) or OPENER_FALLBACK


def analyst(organisation: Organisation | None, sop: Mapping[str, Any] | None) -> str:
    """Who writes the analysis that closes a period: the SOP lane of ``analisis``."""
    return step_lane(sop, "analisis") or opener(organisation, sop) or ANALYST_FALLBACK
