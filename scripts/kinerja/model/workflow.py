"""Which SOP drives the period workflow: named in configuration, or the only one that can.

``pengaturan.sop_alur_kerja`` (in organisasi.yml) names it by id (the SOP's ``id`` or its file
name without ``.yml``). Without it, the SOP is the one whose activities carry ``langkah``; none
or two such SOPs is said plainly instead of picking the first file by name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

WORKFLOW_KEY = "sop_alur_kerja"


@dataclass(frozen=True, slots=True)
class WorkflowChoice:
    path: str | None
    sop: Mapping[str, Any] | None
    #: Indonesian; None when the choice is clear (or there is no SOP at all).
    problem: str | None = None
    #: Whether the problem is an error (named SOP missing, two candidates) or a warning.
    error: bool = True


def _has_steps(sop: Mapping[str, Any]) -> bool:
    return any(isinstance(a, Mapping) and a.get("langkah") for a in sop.get("aktivitas") or [])


def _ids(path: str, sop: Mapping[str, Any]) -> set[str]:
    return {str(sop.get("id") or ""), PurePosixPath(path).stem} - {""}


def select_workflow_sop(
    sops: Mapping[str, Mapping[str, Any]], configured: str | None
) -> WorkflowChoice:
    candidates = sorted(p for p, sop in sops.items() if _has_steps(sop))
    if configured:
        named = sorted(p for p, sop in sops.items() if configured in _ids(p, sop))
        if not named:
            return WorkflowChoice(
                None,
                None,
                f"SOP '{configured}' (pengaturan.{WORKFLOW_KEY}) tidak ada di docs/sop/.",
            )
        if len(named) > 1:
            return WorkflowChoice(
                None,
                None,
                f"Id SOP '{configured}' dipakai {len(named)} berkas: {', '.join(named)}.",
            )
        path = named[0]
        if path not in candidates:
            return WorkflowChoice(
                None,
                None,
                f"SOP '{configured}' ({path}) tidak memiliki aktivitas dengan 'langkah', jadi "
                "tidak dapat menjalankan alur kerja periode.",
            )
        return WorkflowChoice(path, sops[path])
    if len(candidates) == 1:
        return WorkflowChoice(candidates[0], sops[candidates[0]])
    if len(candidates) > 1:
        return WorkflowChoice(
            None,
            None,
            f"{len(candidates)} SOP memiliki aktivitas dengan 'langkah' ({', '.join(candidates)}); "
            "pelacak tidak menebak mana yang menjalankan alur kerja periode.",
        )
    if sops:
        return WorkflowChoice(
            None,
            None,
            "Tidak ada SOP di docs/sop/ yang aktivitasnya memiliki 'langkah'; waktu langkah SOP "
            "tidak dihitung.",
            error=False,
        )
    return WorkflowChoice(None, None)
