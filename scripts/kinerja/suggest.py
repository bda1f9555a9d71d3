"""Did-you-mean: the closest known name to what the user typed, for hints."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kinerja.model.organisation import Organisation

#: Names and ids are short; difflib on long text is slow (quadratic) and never helpful.
MAX_LENGTH = 60


def did_you_mean(value: object, choices: Iterable[object], cutoff: float = 0.6) -> str:
    text = str(value)
    if len(text) > MAX_LENGTH:
        return ""
    match = difflib.get_close_matches(text, [str(c) for c in choices if c], n=1, cutoff=cutoff)
    return match[0] if match else ""


def _plain(text: str) -> str:
    """Lower case, letters and digits only: ``'RUSDIYANTO, S.H.'`` -> ``'rusdiyantosh'``."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _name_only(name: str) -> str:
    """A name without academic titles after the comma: ``'BUDI SANTOSO, S.E., M.Ak.'`` ->
    ``'budisantoso'``."""
    return _plain(name.split(",", 1)[0])


def suggest_person(org: Organisation, typed: object, unit: str | None = None) -> str:
    """The person id a sender probably meant: typed as the full name (as the site prints it),
    the name without titles, the NIP (with or without spaces), a forge account or an e-mail
    address, else the id closest in spelling. Members of ``unit`` win ties."""
    text = str(typed).strip()
    if not text or len(text) > 200:
        return ""
    plain = _plain(text)
    people = sorted(org.people.values(), key=lambda p: (p.unit != unit, p.id))
    for person in people:
        if plain and plain in (
            _plain(person.nama),
            _name_only(person.nama),
            _plain(person.nip),
            *(_plain(a) for a in person.akun),
            *(_plain(e) for e in person.email),
        ):
            return person.id
    names = {_name_only(p.nama): p.id for p in reversed(people)}
    close = did_you_mean(_name_only(text), names, 0.75)
    if close:
        return names[close]
    return did_you_mean(text, [p.id for p in people])
