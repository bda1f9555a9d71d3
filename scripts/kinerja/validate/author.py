"""Guard rail: a pull request that touches a unit's files comes from that unit (or an admin)."""

from __future__ import annotations

from collections.abc import Sequence

from kinerja.findings import Finding, FindingList, Position
from kinerja.model.layout import classify
from kinerja.validate.runner import Report


def author_findings(report: Report, handle: str, paths: Sequence[str] | None) -> list[Finding]:
    if report.config is None or not paths:
        return []
    org = report.config.organisation
    person = org.person_by_handle(handle)
    findings: list[Finding] = []
    for path in paths:
        role = classify(path)
        owners = _owners(report, role.kind, role.unit)
        if not owners:
            continue
        if person is not None and (org.is_admin(person) or person.unit in owners):
            continue
        findings.append(
            FindingList(path).add(
                "author-not-member",
                Position(1, 1),
                None,
                author=handle,
                unit=" / ".join(sorted(owners)),
            )
        )
    return findings


def _owners(report: Report, kind: str, unit: str | None) -> set[str]:
    """Units whose members may change a file: its own unit, or for a period's request and
    analysis the units whose heads give the paraf on them (``persetujuan``)."""
    if kind == "submisi":
        return {unit} if unit else set()
    if kind not in ("permintaan", "analisis") or report.config is None:
        return set()
    approval = report.config.organisation.approvals.get(kind)
    if approval is None:
        return set()
    return {
        req.split(":", 1)[1]
        for req in (*approval.paraf, *approval.pengesahan)
        if req.startswith("kepala:")
    }
