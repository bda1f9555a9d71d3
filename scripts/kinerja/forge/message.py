"""The message of the landing the merge identity writes, in the fixed trailer format.

Subject ``Gabung pengajuan #<n>: <title>``, a blank line, then ONE trailer paragraph written only
by the bot: one ``Reviewed-by`` per paraf, ``Approved-by`` for the signature, ``Reviewed-on``
and ``Opened-at`` (the hand-in time as the forge reports it).

Nothing the submitter typed reaches the trailers: the pull request's title is made single-line
(every control character, including ``\\r``, ``\\n``, U+0085, U+2028 and U+2029, becomes a space)
and capped; the body is not copied at all (it stays on the forge, one click away through
``Reviewed-on``). A body line ``Approved-by: ...`` or a title with a newline therefore cannot
start a trailer paragraph.
"""

from __future__ import annotations

import re
import unicodedata

from kinerja.forge.api import GITHUB
from kinerja.forge.approvals import Approver, Check
from kinerja.forge.models import PullRequest
from kinerja.history.trailers import Identity, format_trailers
from kinerja.timing.zone import DEFAULT_ZONE, Zone

_URL = re.compile(r"https?://[!-~]{1,500}")  # one token of printable ASCII, nothing else

#: Longest title kept in the subject (characters); longer titles end with an ellipsis.
TITLE_LIMIT = 120


def single_line(text: str, limit: int = TITLE_LIMIT) -> str:
    """``text`` on one line: control and separator characters (Unicode categories Cc, Cf, Zl,
    Zp) become spaces, runs of spaces collapse, and the result is capped at ``limit``."""
    cleaned = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text
    )
    line = " ".join(cleaned.split())
    if len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
    return line


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


def subject(pr: PullRequest) -> str:
    return f"Gabung pengajuan #{pr.number}: {single_line(pr.title) or 'tanpa judul'}"


def landing_message(
    pr: PullRequest, check: Check, kind: str, host: str, zone: Zone = DEFAULT_ZONE
) -> str:
    """The whole commit message of the landing: subject, blank line, the trailer paragraph.
    Opened-at is written in the office's ``zone`` (GitHub reports UTC, Forgejo/Gitea the
    server's zone; the instant is the same, the wall clock is the office's)."""
    signers = {a.handle.casefold() for a in check.signers}
    reviewed = [
        identity_of(a, kind, host, signature=False)
        for a in check.current
        if a.handle.casefold() not in signers
    ]
    approved = [identity_of(a, kind, host, signature=True) for a in check.signers]
    url = pr.html_url.strip()
    trailers = format_trailers(
        reviewed_by=reviewed,
        approved_by=approved,
        reviewed_on=url if _URL.fullmatch(url) else None,
        opened_at=pr.created_at.astimezone(zone.tz),
    )
    return f"{subject(pr)}\n\n{trailers}\n"
