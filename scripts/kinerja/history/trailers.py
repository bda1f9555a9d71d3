"""Git trailers: the paraf, the signature and the pull request written into a merge message.

The format is fixed (DESIGN.md section 5; other parts of the system read it)::

    Reviewed-by: Nama Lengkap <handle@users.noreply.github.com>   one per paraf
    Approved-by: Nama Lengkap <email>                            signature (pengesahan)
    Reviewed-on: https://forge/owner/repo/pull/12
    Opened-at: 2026-10-06T09:12:00+07:00                         when the PR was opened
    Co-authored-by: ...

Times carry their UTC offset and are read with it, whatever it is (``+07:00`` WIB, ``+08:00``
WITA, ``+09:00`` WIT, ``Z``): the instant is what counts, and every presenter shows it in the
office's zone (``pengaturan.zona_waktu``, :class:`kinerja.timing.zone.Zone`). The merge identity
writes Opened-at in the office's zone (``kinerja.forge.message``); a time without an offset is
not read at all, since guessing its zone could move a hand-in across a deadline.

Trailers are read from the end of the message: the trailing run of paragraphs made only of
``Token: value`` lines. Git's own rule looks at the last paragraph only; Forgejo/Gitea may put
``Co-authored-by`` and ``Reviewed-on``/``Reviewed-by`` in separate trailing paragraphs, so a run
is accepted. Keys match case-insensitively. Anything in the body above that run is not a trailer,
which is why :func:`neutralise` quotes trailer-looking lines of a user-written pull request body.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import NamedTuple

REVIEWED_BY = "Reviewed-by"
APPROVED_BY = "Approved-by"
REVIEWED_ON = "Reviewed-on"
OPENED_AT = "Opened-at"
CO_AUTHORED_BY = "Co-authored-by"

#: Keys whose forgery would change the audit record; a PR body must never carry them as trailers.
PROTECTED_KEYS = (REVIEWED_BY, APPROVED_BY, REVIEWED_ON, OPENED_AT, CO_AUTHORED_BY)

_TRAILER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9-]*)[ \t]*:[ \t]*(\S.*)$")
_IDENTITY = re.compile(r"^\s*(.*?)\s*<([^<>]*)>\s*$")
_GITHUB_NOREPLY = re.compile(r"^(?:\d+\+)?([A-Za-z0-9-]+)@users\.noreply\.github\.com$", re.I)
_GENERIC_NOREPLY = re.compile(
    r"^([A-Za-z0-9._-]+)@(?:[A-Za-z0-9-]+\.)*noreply(?:\.[A-Za-z0-9.-]+)?$", re.I
)


class Identity(NamedTuple):
    """A person as Git records them: ``Name <email>``. A tuple, so JSON shows ``[name, email]``."""

    name: str
    email: str

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.email else self.name


class Trailers(NamedTuple):
    """The trailers that matter here (an immutable tuple: one is made per commit read)."""

    reviewed_by: tuple[Identity, ...] = ()
    approved_by: tuple[Identity, ...] = ()
    reviewed_on: str | None = None
    opened_at: datetime | None = None
    co_authored_by: tuple[Identity, ...] = ()
    #: Every trailer in order, as written (key as written, value), including unknown keys.
    raw: tuple[tuple[str, str], ...] = ()

    @property
    def has_approval(self) -> bool:
        return bool(self.reviewed_by or self.approved_by)


EMPTY = Trailers()


def parse_identity(value: str) -> Identity:
    """``Nama <email>`` -> Identity; a bare name keeps an empty e-mail."""
    match = _IDENTITY.match(value)
    if match is None:
        return Identity(value.strip(), "")
    name, email = match.group(1).strip(), match.group(2).strip()
    return Identity(name or email, email)


def handle_from_email(email: str) -> str | None:
    """The forge handle hidden in a no-reply address (GitHub, Forgejo/Gitea), else ``None``.

    GitHub writes ``12345+handle@users.noreply.github.com`` (or without the id); Forgejo/Gitea
    write ``handle@noreply.<host>`` (``noreply.localhost`` by default).
    """
    for pattern in (_GITHUB_NOREPLY, _GENERIC_NOREPLY):
        match = pattern.match(email.strip())
        if match:
            return match.group(1)
    return None


def parse_time(value: str) -> datetime | None:
    """ISO 8601 with its offset, kept as written (any offset, or ``Z``); ``None`` for a time
    without an offset (ambiguous: no zone is guessed) or one that is not ISO 8601."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.utcoffset() is not None else None


def trailer_block(message: str) -> list[tuple[str, str]]:
    """All trailers of a message (see the module docstring for what counts), in order.

    Scans from the end, one paragraph at a time, and stops at the first paragraph that is not
    made only of trailers; the first paragraph (the subject) never holds trailers.
    """
    lines = message.replace("\r\n", "\n").rstrip().split("\n")
    block: list[tuple[str, str]] = []
    end = len(lines)
    while end > 0:
        start = end
        while start > 0 and lines[start - 1].strip():
            start -= 1
        if start == 0:  # reached the subject paragraph
            break
        found = _trailer_lines(lines[start:end])
        if found is None:
            break
        block[:0] = found
        end = start - 1
        while end > 0 and not lines[end - 1].strip():
            end -= 1
    return block


def _trailer_lines(paragraph: list[str]) -> list[tuple[str, str]] | None:
    """The paragraph's trailers, or ``None`` when it is not a pure trailer paragraph."""
    found: list[tuple[str, str]] = []
    match = _TRAILER_LINE.match
    for line in paragraph:
        if line[:1] in (" ", "\t") and found:  # a folded continuation line
            key, value = found[-1]
            found[-1] = (key, f"{value} {line.strip()}")
            continue
        hit = match(line)
        if hit is None:
            return None
        found.append((hit.group(1), hit.group(2).strip()))
    return found


def parse_trailers(message: str) -> Trailers:
    if ":" not in message:  # the common case of a plain message, without any work
        return EMPTY
    raw = trailer_block(message)
    if not raw:
        return EMPTY
    reviewed: list[Identity] = []
    approved: list[Identity] = []
    co_authors: list[Identity] = []
    reviewed_on: str | None = None
    opened_at: datetime | None = None
    for key, value in raw:
        folded = key.lower()
        if folded == REVIEWED_BY.lower():
            reviewed.append(parse_identity(value))
        elif folded == APPROVED_BY.lower():
            approved.append(parse_identity(value))
        elif folded == CO_AUTHORED_BY.lower():
            co_authors.append(parse_identity(value))
        elif folded == REVIEWED_ON.lower() and value.lower().startswith(("http://", "https://")):
            reviewed_on = value.split()[0]
        elif folded == OPENED_AT.lower():
            opened_at = parse_time(value)
    return Trailers(
        reviewed_by=_unique(reviewed),
        approved_by=_unique(approved),
        reviewed_on=reviewed_on,
        opened_at=opened_at,
        co_authored_by=_unique(co_authors),
        raw=tuple(raw),
    )


def _unique(people: list[Identity]) -> tuple[Identity, ...]:
    if len(people) < 2:
        return tuple(people)
    seen: set[tuple[str, str]] = set()
    out: list[Identity] = []
    for person in people:
        key = (person.name.casefold(), person.email.casefold())
        if key not in seen:
            seen.add(key)
            out.append(person)
    return tuple(out)


_PROTECTED_LINE = re.compile(
    r"^(\s*)(" + "|".join(re.escape(k) for k in PROTECTED_KEYS) + r")(\s*:)", re.I | re.M
)


def neutralise(text: str) -> str:
    """Quote lines of user text that look like our trailers, so they can never be read as one.

    A pull request body is written by the unit that submits; copied verbatim into the merge
    message, a line ``Approved-by: ...`` in it would forge a signature.
    """
    return _PROTECTED_LINE.sub(lambda m: f"{m.group(1)}> {m.group(2)}{m.group(3)}", text)


def format_trailers(
    *,
    reviewed_by: list[Identity] | tuple[Identity, ...] = (),
    approved_by: list[Identity] | tuple[Identity, ...] = (),
    reviewed_on: str | None = None,
    opened_at: datetime | None = None,
    co_authored_by: list[Identity] | tuple[Identity, ...] = (),
) -> str:
    """The trailer block in the fixed order, ending without a newline. ``opened_at`` is
    written with its own offset (the caller chooses the zone: the office's)."""
    lines = [f"{REVIEWED_BY}: {_clean(p)}" for p in reviewed_by]
    lines += [f"{APPROVED_BY}: {_clean(p)}" for p in approved_by]
    if reviewed_on:
        lines.append(f"{REVIEWED_ON}: {reviewed_on}")
    if opened_at is not None:
        lines.append(f"{OPENED_AT}: {stamp(opened_at)}")
    lines += [f"{CO_AUTHORED_BY}: {_clean(p)}" for p in co_authored_by]
    return "\n".join(lines)


def stamp(moment: datetime) -> str:
    """A trailer time: ISO 8601 to the second, with the moment's own offset (a moment without
    one is taken as UTC, never as the machine's local time)."""
    if moment.utcoffset() is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat(timespec="seconds")


def _clean(identity: Identity) -> Identity:
    """One line, no angle brackets inside the parts: a name can never break the format."""

    def part(text: str) -> str:
        return " ".join(text.replace("<", "").replace(">", "").split())

    return Identity(part(identity.name), part(identity.email))
