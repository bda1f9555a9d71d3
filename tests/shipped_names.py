"""The names, ids, numbers and places of the shipped organisation (this repository's
submissions/organisasi.yml and SOP), for tests that prove another office's output, and the
package's code, never carry them."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
#: Words the shipped data shares with every Indonesian inspectorate (schema role and unit kinds,
#: legal titles): not names of that office.
GENERIC = {"pimpinan", "sekretariat", "Sekretariat", "Inspektur", "Inspektur Daerah"}
#: Places and document numbers of the shipped office that are not fields of organisasi.yml.
EXTRA = ("Pesisir Selatan", "PESISIR SELATAN", "Insp-PS", "Insp- PS", "3334", "pessel")


@functools.cache
def shipped_names() -> tuple[str, ...]:
    data = yaml.safe_load((REPO / "submissions" / "organisasi.yml").read_text(encoding="utf-8"))
    found: set[str] = set(EXTRA)
    inst = data["instansi"]
    found |= {inst["nama"], inst["pemerintah"], inst["forge"]["repo"]}
    for person in data["pegawai"]:
        found |= {person["id"], person["nama"]}
        found |= set(person.get("akun", [])) | set(person.get("email", []))
        if person.get("nip"):
            found |= {person["nip"], person["nip"].replace(" ", "")}
    for unit in data["unit"]:
        found |= {unit["id"], unit["nama"], unit["singkatan"]}
    return tuple(sorted(found - GENERIC, key=lambda s: (-len(s), s)))


def pattern() -> re.Pattern[str]:
    """One regex for all of them; ids and short names match as whole words only."""
    return re.compile(
        "|".join(rf"(?<![\w-]){re.escape(name)}(?![\w-])" for name in shipped_names())
    )
