"""Who is who: units, people, roles and who gives paraf on what (``organisasi.yml``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kinerja.model.settings import Settings


@dataclass(frozen=True)
class Person:
    id: str
    nama: str
    jabatan: str
    unit: str
    peran: tuple[str, ...] = ()
    akun: tuple[str, ...] = ()
    email: tuple[str, ...] = ()
    nip: str = ""
    pangkat: str = ""
    contoh: bool = False


@dataclass(frozen=True)
class Unit:
    id: str
    nama: str
    singkatan: str
    jenis: str
    kepala: str | None = None
    induk: str | None = None


@dataclass(frozen=True)
class Approval:
    """Requirements for one kind of file: each entry names a role holder (see data-contract)."""

    paraf: tuple[str, ...] = ()
    pengesahan: tuple[str, ...] = ()


@dataclass(frozen=True)
class Forge:
    jenis: str = "github"
    url: str = "https://github.com"
    repo: str = ""
    cabang: str = "main"


@dataclass(frozen=True)
class Organisation:
    nama: str
    pemerintah: str
    alamat: str
    forge: Forge
    units: Mapping[str, Unit]
    people: Mapping[str, Person]
    approvals: Mapping[str, Approval]
    admins: tuple[str, ...]
    settings: Settings
    _by_handle: Mapping[str, str] = field(default_factory=dict, repr=False)
    _by_email: Mapping[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def from_data(cls, data: Mapping[str, Any], settings: Settings) -> Organisation:
        inst = data.get("instansi", {})
        people = {
            p["id"]: Person(
                id=p["id"],
                nama=p.get("nama", p["id"]),
                jabatan=p.get("jabatan", ""),
                unit=p.get("unit", ""),
                peran=tuple(p.get("peran", ())),
                akun=tuple(p.get("akun", ())),
                email=tuple(p.get("email", ())),
                nip=str(p.get("nip", "")),
                pangkat=p.get("pangkat", ""),
                contoh=bool(p.get("contoh", False)),
            )
            for p in data.get("pegawai", [])
        }
        units = {
            u["id"]: Unit(
                id=u["id"],
                nama=u.get("nama", u["id"]),
                singkatan=u.get("singkatan", u.get("nama", u["id"])),
                jenis=u.get("jenis", ""),
                kepala=u.get("kepala"),
                induk=u.get("induk"),
            )
            for u in data.get("unit", [])
        }
        approvals = {
            kind: Approval(
                paraf=tuple(spec.get("paraf", ())), pengesahan=tuple(spec.get("pengesahan", ()))
            )
            for kind, spec in data.get("persetujuan", {}).items()
        }
        forge = Forge(**inst.get("forge", {}))
        by_handle = {h.lower(): p.id for p in people.values() for h in p.akun}
        by_email = {e.lower(): p.id for p in people.values() for e in p.email}
        return cls(
            nama=inst.get("nama", ""),
            pemerintah=inst.get("pemerintah", ""),
            alamat=inst.get("alamat", ""),
            forge=forge,
            units=units,
            people=people,
            approvals=approvals,
            admins=tuple(data.get("admin", ())),
            settings=settings,
            _by_handle=by_handle,
            _by_email=by_email,
        )

    def members(self, unit_id: str) -> list[Person]:
        return [p for p in self.people.values() if p.unit == unit_id]

    def head(self, unit_id: str) -> Person | None:
        unit = self.units.get(unit_id)
        return self.people.get(unit.kepala) if unit and unit.kepala else None

    def person_by_handle(self, handle: str) -> Person | None:
        pid = self._by_handle.get(handle.lower().lstrip("@"))
        return self.people.get(pid) if pid else None

    def person_by_email(self, email: str) -> Person | None:
        pid = self._by_email.get(email.lower())
        return self.people.get(pid) if pid else None

    def holders(self, requirement: str, unit_id: str | None = None) -> list[Person]:
        """The people who satisfy one approval requirement (``sekretaris``, ``kepala:x``...)."""
        if requirement == "kepala-unit":
            head = self.head(unit_id) if unit_id else None
            return [head] if head else []
        if requirement.startswith("kepala:"):
            head = self.head(requirement.split(":", 1)[1])
            return [head] if head else []
        return [p for p in self.people.values() if requirement in p.peran]

    def is_admin(self, person: Person) -> bool:
        return person.id in self.admins or "admin" in person.peran
