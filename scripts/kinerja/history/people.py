"""Who is who: matching Git identities to people of ``organisasi.yml`` and checking roles.

People come from the organisation model (``kinerja.model.Organisation``); this module needs
only the attributes listed in :class:`Person`, and adds what the model does not do: matching a
Git identity (e-mail, or the handle in a forge no-reply address) and checking requirements.

A requirement (data-contract.md, ``persetujuan``) is one of:

* a role name, e.g. ``sekretaris``: anyone whose ``peran`` has it;
* ``kepala:<unit-id>``: the head of that unit;
* ``kepala-unit``: the head of the unit the file belongs to;
* ``admin``: a person listed in ``admin`` (or with the ``admin`` role).

Every requirement listed for a kind of file must be met (by the same or by different people).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from kinerja.history.paths import FileKind
from kinerja.history.trailers import Identity, handle_from_email
from kinerja.model.organisation import Approval, Organisation
from kinerja.model.settings import Settings

ADMIN = "admin"
KEPALA_UNIT = "kepala-unit"
KEPALA_PREFIX = "kepala:"


class Person(Protocol):
    """What the history needs of a person (``pegawai`` in organisasi.yml)."""

    @property
    def id(self) -> str: ...
    @property
    def nama(self) -> str: ...
    @property
    def email(self) -> Sequence[str]: ...
    @property
    def akun(self) -> Sequence[str]: ...
    @property
    def peran(self) -> Sequence[str]: ...
    @property
    def unit(self) -> str: ...


#: The approvals a kind of file needs: ``paraf``, then the signature (``pengesahan``).
Rules = Approval

#: The ``persetujuan`` key of each kind of file; admin files need an admin.
_RULE_KEYS = {
    FileKind.PERMINTAAN: "permintaan",
    FileKind.SUBMISI: "submisi",
    FileKind.ANALISIS: "analisis",
}
ADMIN_RULES = Rules(paraf=(ADMIN,))


@dataclass(frozen=True, eq=False)
class Roster:
    """The people and approval rules of one ``organisasi.yml``, indexed for matching."""

    people: tuple[Person, ...]
    heads: Mapping[str, str] = field(default_factory=dict)  # unit id -> person id
    unit_names: Mapping[str, str] = field(default_factory=dict)  # unit id -> display name
    persetujuan: Mapping[str, Rules] = field(default_factory=dict)
    admin: tuple[str, ...] = ()
    _by_email: dict[str, Person] = field(default_factory=dict, repr=False, compare=False)
    _by_handle: dict[str, Person] = field(default_factory=dict, repr=False, compare=False)
    _by_id: dict[str, Person] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for person in self.people:
            self._by_id[person.id] = person
            for email in person.email:
                self._by_email.setdefault(email.strip().casefold(), person)
            for handle in person.akun:
                self._by_handle.setdefault(handle.strip().lstrip("@").casefold(), person)

    # -- matching -------------------------------------------------------------------------
    def person(self, person_id: str) -> Person | None:
        return self._by_id.get(person_id)

    def by_handle(self, handle: str) -> Person | None:
        return self._by_handle.get(handle.strip().lstrip("@").casefold())

    def match(self, identity: Identity) -> Person | None:
        """By e-mail first, then by the forge handle of a no-reply address."""
        email = identity.email.strip().casefold()
        if email in self._by_email:
            return self._by_email[email]
        handle = handle_from_email(email)
        return self.by_handle(handle) if handle else None

    # -- rules ----------------------------------------------------------------------------
    def rules_for(self, kind: FileKind) -> Rules:
        if kind in (FileKind.ORGANISASI, FileKind.INDIKATOR, FileKind.SOP):
            # Admins by default; ``persetujuan.sop`` (etc.) may say otherwise.
            return self.persetujuan.get(kind.value, ADMIN_RULES)
        if kind in (FileKind.DI_LUAR, FileKind.LAINNYA):
            return ADMIN_RULES  # every path has an owner: the site, code, build, trust file
        key = _RULE_KEYS.get(kind)
        return self.persetujuan.get(key, Rules()) if key else Rules()

    def owner_rules(self, kind: FileKind, unit: str | None = None) -> Rules:
        """The approvals a path of ``kind`` (of ``unit``) needs to merge: its owner rule.

        The one rule CODEOWNERS, ``kinerja merge`` and the author check share. Never empty:
        a kind without its own rule (code, documentation, an unknown file under submissions/),
        a submission of a unit that is not in organisasi.yml, or a kind whose ``persetujuan``
        names nobody falls back to the admin, so no path merges without a paraf.
        """
        if kind is FileKind.SUBMISI and unit not in self.unit_names:
            return ADMIN_RULES
        rules = self.rules_for(kind)
        return rules if rules.paraf or rules.pengesahan else ADMIN_RULES

    def head_of(self, requirement: str, unit: str | None) -> str | None:
        if requirement == KEPALA_UNIT:
            return self.heads.get(unit) if unit else None
        if requirement.startswith(KEPALA_PREFIX):
            return self.heads.get(requirement[len(KEPALA_PREFIX) :])
        return None

    def satisfies(self, person: Person, requirement: str, unit: str | None) -> bool:
        if requirement == ADMIN:
            return person.id in self.admin or ADMIN in person.peran
        if requirement == KEPALA_UNIT or requirement.startswith(KEPALA_PREFIX):
            return self.head_of(requirement, unit) == person.id
        return requirement in person.peran

    def holders(self, requirement: str, unit: str | None) -> list[Person]:
        """Everyone who can meet ``requirement`` (for CODEOWNERS and refusal messages)."""
        return [p for p in self.people if self.satisfies(p, requirement, unit)]

    def unmet(
        self, requirements: Iterable[str], approvers: Iterable[Person], unit: str | None
    ) -> list[str]:
        people = list(approvers)
        return [r for r in requirements if not any(self.satisfies(p, r, unit) for p in people)]

    def label(self, requirement: str, unit: str | None) -> str:
        """How a requirement reads in Indonesian: ``Kepala Wilayah 1``, ``Sekretaris``."""
        if requirement == ADMIN:
            return "Admin repositori"
        if requirement == KEPALA_UNIT:
            return f"Kepala {self.unit_names.get(unit or '', unit or 'unit')}"
        if requirement.startswith(KEPALA_PREFIX):
            unit_id = requirement[len(KEPALA_PREFIX) :]
            return f"Kepala {self.unit_names.get(unit_id, unit_id)}"
        return requirement.replace("-", " ").title()

    def roles_of(self, person: Person) -> tuple[str, ...]:
        """The person's roles as shown: their ``peran`` plus ``kepala:<unit>`` for heads."""
        roles = list(person.peran)
        roles += [f"{KEPALA_PREFIX}{u}" for u, head in self.heads.items() if head == person.id]
        if person.id in self.admin and ADMIN not in roles:
            roles.append(ADMIN)
        return tuple(roles)


def roster_from_organisation(organisation: Organisation) -> Roster:
    """The roster of the organisation model (``kinerja.model.Organisation``)."""
    return Roster(
        people=tuple(organisation.people.values()),
        heads={u.id: u.kepala for u in organisation.units.values() if u.kepala},
        unit_names={u.id: u.singkatan or u.nama for u in organisation.units.values()},
        persetujuan=dict(organisation.approvals),
        admin=organisation.admins,
    )


def roster_from_mapping(data: Mapping[str, Any]) -> Roster:
    """The roster of an already parsed organisasi.yml (built through the model)."""
    settings = Settings.from_override(data.get("pengaturan"))
    return roster_from_organisation(Organisation.from_data(data, settings))


class OrganisationError(ValueError):
    """organisasi.yml could not be read; ``str(error)`` is the Indonesian message."""


def load_organisation_data(path: Path, content: bytes | None = None) -> dict[str, Any]:
    """Parse organisasi.yml with the project's strict YAML reader; ``content`` replaces the
    file's (its trusted version, when the file at ``path`` was changed by an unverified
    landing: see :meth:`kinerja.history.reader.Landed.trusted_content`)."""
    from kinerja.read.yaml_strict import parse_yaml

    try:
        if content is not None:
            text = content.decode("utf-8-sig")
        else:
            text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise OrganisationError(f"{path} tidak terbaca: {exc}") from exc
    document = parse_yaml(text, path.name)
    if not isinstance(document.data, dict) or not document.ok:
        first = document.findings[0].message if document.findings else "bukan pemetaan YAML"
        raise OrganisationError(f"{path} tidak valid: {first}. Jalankan `kinerja validate`.")
    return document.data


def load_roster(path: Path, content: bytes | None = None) -> Roster:
    data = load_organisation_data(path, content)
    try:
        return roster_from_mapping(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise OrganisationError(
            f"{path} tidak lengkap ({exc}). Jalankan `kinerja validate`."
        ) from exc
