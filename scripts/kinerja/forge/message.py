"""The squash-merge message that records the paraf, in the fixed trailer format.

Subject ``<PR title> (#n)``, the pull request's body with trailer-like lines quoted (a unit
writes the body; it must not be able to forge a paraf), then the trailers: one ``Reviewed-by``
per paraf, ``Approved-by`` for the signature, ``Reviewed-on``, ``Opened-at`` (the hand-in time as
the forge reports it) and the ``Co-authored-by`` lines the body asked for.
"""

from __future__ import annotations

import re

from kinerja.forge.api import GITHUB
from kinerja.forge.approvals import Approver, Check
from kinerja.forge.models import PullRequest
from kinerja.history.trailers import (
    CO_AUTHORED_BY,
    Identity,
    format_trailers,
    neutralise,
    parse_identity,
)

_CO_AUTHOR = re.compile(rf"^\s*{CO_AUTHORED_BY}\s*:\s*(.+<[^<>@\s]+@[^<>\s]+>)\s*$", re.I | re.M)


def _noreply(handle: str, kind: str, host: str) -> str:
    if kind == GITHUB:
        return f"{handle}@users.noreply.github.com"
    return f"{handle}@noreply.{host}"


def identity_of(approver: Approver, kind: str, host: str, *, signature: bool) -> Identity:
    """Name from organisasi.yml when known; e-mail: the forge's no-reply address of the handle
    for a paraf (matched back by handle), the person's own e-mail for a signature."""
    person = approver.person
    name = person.nama if person else (approver.review.name or approver.handle)
    if signature and person and person.email:
        return Identity(name, person.email[0])
    if kind != GITHUB and approver.review.email:
        return Identity(name, approver.review.email)
    return Identity(name, _noreply(approver.handle, kind, host))


def squash_message(pr: PullRequest, check: Check, kind: str, host: str) -> tuple[str, str]:
    """(title, message body) for the forge's squash-merge call."""
    title = f"{pr.title.strip() or 'Pull request'} (#{pr.number})"
    body = pr.body.replace("\r\n", "\n").strip()
    co_authors = [parse_identity(m.group(1)) for m in _CO_AUTHOR.finditer(body)]
    body = neutralise(_CO_AUTHOR.sub("", body)).strip()
    signers = {a.handle.casefold() for a in check.signers}
    reviewed = [
        identity_of(a, kind, host, signature=False)
        for a in check.current
        if a.handle.casefold() not in signers
    ]
    approved = [identity_of(a, kind, host, signature=True) for a in check.signers]
    trailers = format_trailers(
        reviewed_by=reviewed,
        approved_by=approved,
        reviewed_on=pr.html_url or None,
        opened_at=pr.created_at,
        co_authored_by=co_authors,
    )
    message = f"{body}\n\n{trailers}" if body else trailers
    return title, message
