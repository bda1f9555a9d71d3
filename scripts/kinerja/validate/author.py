"""Guard rail: a pull request that touches a unit's files comes from that unit (or an admin).

Checked for every path the pull request touches: added, changed, **deleted**, and both the old
and the new name of a rename (deleting or moving another unit's file away is changing it). And
for every person, not only the one who opened it: the opener (``--author``) and the author and
committer of each of its commits (``--changed-from BASE``, read with Git), matched to
organisasi.yml by e-mail or by the handle of a forge no-reply address.

Who may touch what:

* a unit's submission: members of that unit;
* the period's request and analysis: the units (and roles) of the SOP's ``pelaksana`` columns
  for the steps that write them (``langkah`` ``perintah``/``kirim-*`` for ``permintaan.yml``,
  ``analisis`` for ``analisis.md``), from the workflow SOP in docs/sop/; without such a SOP,
  the units whose heads give their paraf (``persetujuan``);
* anything else: anyone may propose it; the admin's paraf at merge is the gate;
* an admin: everything.

Commit identities are claims (anyone can type any e-mail into a commit): this check catches
mistakes and makes a pull request name who wrote it; the paraf ``kinerja merge`` demands is the
gate. Forge bots (``…[bot]@users.noreply.github.com``) and the forge's own committer (web edits:
``noreply@github.com``) are not people of the office and are skipped.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kinerja.findings import Finding, FindingList, Position
from kinerja.history.trailers import handle_from_email
from kinerja.model.layout import classify
from kinerja.model.organisation import Organisation, Person
from kinerja.model.sop import Lane, choose_workflow_sop, lanes_for, load_sops
from kinerja.validate.runner import Report

#: The SOP steps (``langkah``) whose performers write each kind of period file.
STEPS = {
    "permintaan": ("perintah", "kirim-subbag", "kirim-irban"),
    "analisis": ("analisis",),
}
#: Committers that are the forge itself (a web edit, "Update branch"), not a person.
FORGE_COMMITTERS = frozenset({"noreply@github.com"})
ROLE_LABELS = {"author": "penulis", "committer": "committer"}


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of ``git diff --name-status -M``: status letter, path, and the old path of a
    rename or copy."""

    status: str
    path: str
    old: str | None = None

    @property
    def touched(self) -> tuple[str, ...]:
        """The paths this change alters: a rename takes the old name away too; a copy does not."""
        if self.status == "R" and self.old and self.old != self.path:
            return (self.old, self.path)
        return (self.path,)


@dataclass(frozen=True, slots=True)
class CommitPerson:
    commit: str
    role: str  # author | committer
    name: str
    email: str


class ChangesError(Exception):
    """Git could not list the changes (``str(error)`` says why, in Indonesian)."""


def parse_name_status(data: bytes) -> list[Change]:
    """``git diff -z --name-status -M`` output: ``S\\0path\\0`` or ``R100\\0old\\0new\\0``."""
    fields = [f.decode("utf-8", "surrogateescape") for f in data.split(b"\0")]
    out: list[Change] = []
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index][:1]
        if status in ("R", "C"):
            if index + 2 >= len(fields):
                raise ChangesError("keluaran git diff terpotong")
            out.append(Change(status, fields[index + 2], fields[index + 1]))
            index += 3
        else:
            if index + 1 >= len(fields):
                raise ChangesError("keluaran git diff terpotong")
            out.append(Change(status, fields[index + 1]))
            index += 2
    return out


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except OSError as exc:
        raise ChangesError(f"git tidak dapat dijalankan ({exc})") from exc
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ChangesError(detail[-1] if detail else f"git {args[0]} gagal")
    return done.stdout


def read_changes(
    root: Path, base: str, head: str = "HEAD"
) -> tuple[list[Change], list[CommitPerson]]:
    """What a pull request from ``base`` to ``head`` changes, and who wrote its commits.

    Paths: ``git diff base...head`` (from the merge base, as the forge shows the pull request).
    People: author and committer of every commit in ``base..head``.
    """
    for rev in (base, head):
        if rev.startswith("-"):
            raise ChangesError(f"revisi tidak sah: {rev!r}")
    diff = _git(root, "diff", "-z", "--name-status", "-M", f"{base}...{head}", "--")
    log = _git(
        root, "log", "-z", "--format=%H%x00%an%x00%ae%x00%cn%x00%ce", f"{base}..{head}", "--"
    )
    fields = [f.decode("utf-8", "surrogateescape") for f in log.split(b"\0")]
    people: list[CommitPerson] = []
    for start in range(0, len(fields) - 4, 5):
        sha, author, author_email, committer, committer_email = fields[start : start + 5]
        people.append(CommitPerson(sha.strip()[:12], "author", author, author_email))
        people.append(CommitPerson(sha.strip()[:12], "committer", committer, committer_email))
    return parse_name_status(diff), people


def touched_paths(changes: Iterable[Change]) -> list[str]:
    out: list[str] = []
    for change in changes:
        out += [p for p in change.touched if p not in out]
    return out


def author_findings(
    report: Report,
    handle: str | None,
    paths: Sequence[str] | None,
    people: Sequence[CommitPerson] = (),
) -> list[Finding]:
    """Findings for the opener ``handle`` and the commit ``people`` over the touched ``paths``."""
    if report.config is None or not paths:
        return []
    org = report.config.organisation
    lanes = _workflow_lanes(report.root)
    owned = [(path, _owners(org, lanes, path)) for path in paths]
    owned = [(path, owners) for path, owners in owned if owners]
    findings: list[Finding] = []
    if handle is not None:
        person = org.person_by_handle(handle)
        for path, owners in owned:
            if person is None or not _allowed(org, person, owners):
                findings.append(
                    FindingList(path).add(
                        "author-not-member",
                        Position(1, 1),
                        None,
                        author=handle,
                        unit=_describe(org, owners),
                    )
                )
    if owned:
        findings += _people_findings(org, people, owned)
    return findings


def _people_findings(
    org: Organisation, people: Sequence[CommitPerson], owned: Sequence[tuple[str, list[Lane]]]
) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for who in people:
        email = who.email.strip()
        if _not_a_person(who):
            continue
        person = _match(org, email)
        key = email.casefold()
        if person is None:
            if (key, "") in seen:
                continue
            seen.add((key, ""))
            findings.append(
                FindingList(owned[0][0]).add(
                    "author-unknown-person",
                    Position(1, 1),
                    None,
                    commit=who.commit,
                    role=ROLE_LABELS.get(who.role, who.role),
                    name=who.name,
                    email=email,
                )
            )
            continue
        for path, owners in owned:
            if _allowed(org, person, owners) or (key, path) in seen:
                continue
            seen.add((key, path))
            findings.append(
                FindingList(path).add(
                    "author-commit-not-member",
                    Position(1, 1),
                    None,
                    commit=who.commit,
                    role=ROLE_LABELS.get(who.role, who.role),
                    name=person.nama,
                    unit=_describe(org, owners),
                )
            )
    return findings


def _not_a_person(who: CommitPerson) -> bool:
    email = who.email.strip().casefold()
    if who.role == "committer" and email in FORGE_COMMITTERS:
        return True
    handle = handle_from_email(email) or ""
    return handle.endswith("[bot]") or email.endswith("[bot]@users.noreply.github.com")


def _match(org: Organisation, email: str) -> Person | None:
    person = org.person_by_email(email)
    if person is not None:
        return person
    handle = handle_from_email(email)
    return org.person_by_handle(handle) if handle else None


def _allowed(org: Organisation, person: Person, owners: Sequence[Lane]) -> bool:
    if org.is_admin(person):
        return True
    return any(
        person.unit in lane.units and (not lane.roles or set(lane.roles) & set(person.peran))
        for lane in owners
    )


def _describe(org: Organisation, owners: Sequence[Lane]) -> str:
    parts = []
    for lane in owners:
        names = [org.units[u].singkatan or u if u in org.units else u for u in lane.units]
        units = " / ".join(names)
        parts.append(f"{units} (peran {', '.join(lane.roles)})" if lane.roles else units)
    return " / ".join(dict.fromkeys(parts))


def _workflow_lanes(root: Path) -> dict[str, list[Lane]]:
    _, sop = choose_workflow_sop(load_sops(root))
    if sop is None:
        return {}
    return {kind: lanes for kind, steps in STEPS.items() if (lanes := lanes_for(sop, steps))}


def _owners(org: Organisation, lanes: dict[str, list[Lane]], path: str) -> list[Lane]:
    """Who may change ``path`` (besides admins); empty: anyone may propose it."""
    role = classify(path)
    if role.kind == "submisi":
        return [Lane(role.unit, role.unit, (role.unit,))] if role.unit else []
    if role.kind not in STEPS:
        return []
    if role.kind in lanes:
        return lanes[role.kind]
    approval = org.approvals.get(role.kind)
    if approval is None:
        return []
    units = sorted(
        {
            req.split(":", 1)[1]
            for req in (*approval.paraf, *approval.pengesahan)
            if req.startswith("kepala:")
        }
    )
    return [Lane(unit, unit, (unit,)) for unit in units]
