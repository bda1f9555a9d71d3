"""How people and the forge appear in the demo's Git history, and the merge message format.

Commits carry the name and e-mail a person configures in Git (``user.name``: the name without
academic titles). Trailers carry the full name and the forge's no-reply address of the account,
as a forge writes them from an approving review. The merge message is the fixed format that
:mod:`kinerja.history.trailers` reads.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlparse

from kinerja.history.trailers import Identity, format_trailers
from kinerja.history.trust import trust_line
from kinerja.model.organisation import Forge, Person


def git_name(person: Person) -> str:
    """``Mira Andriani, S.E., Ak.`` -> ``Mira Andriani``."""
    return person.nama.split(",")[0].strip() or person.id


def _noreply(forge: Forge, handle: str) -> str:
    if forge.jenis == "github":
        return f"{handle}@users.noreply.github.com"
    host = urlparse(forge.url).hostname or "localhost"
    return f"{handle}@noreply.{host}"


def commit_identity(person: Person, forge: Forge) -> tuple[str, str]:
    if person.email:
        return git_name(person), person.email[0]
    handle = person.akun[0] if person.akun else person.id
    return git_name(person), _noreply(forge, handle)


def trailer_identity(person: Person, forge: Forge) -> Identity:
    if person.akun:
        return Identity(person.nama, _noreply(forge, person.akun[0]))
    return Identity(person.nama, person.email[0] if person.email else _noreply(forge, person.id))


def forge_identity(forge: Forge) -> tuple[str, str]:
    """The committer of merges made by the forge (GitHub's own identity on github.com)."""
    if forge.jenis == "github":
        return "GitHub", "noreply@github.com"
    host = urlparse(forge.url).hostname or "localhost"
    return forge.jenis.capitalize(), f"noreply@{host}"


def merge_identity(forge: Forge) -> tuple[str, str]:
    """The office's merge identity in the demo: the committer of every landing that
    ``kinerja merge`` writes and signs (its e-mail is the principal in the trust file)."""
    host = urlparse(forge.url).hostname or "localhost"
    return "kinerja-merge", f"kinerja-merge@noreply.{host}"


def trust_file(forge: Forge, public_key: str) -> str:
    """The demo's ``.kinerja/allowed_signers``: the demo key, clearly marked as an example."""
    _, email = merge_identity(forge)
    return (
        "# Daftar penanda tangan: kunci identitas penggabung kantor (kinerja merge).\n"
        "# Hanya perubahan yang ditandatangani kunci di sini (dan ditulis identitas itu)\n"
        "# yang dihitung sebagai paraf, tanda tangan dan waktu penyerahan.\n"
        "# CONTOH: kunci demo, bukan kunci kantor mana pun.\n"
        + trust_line(email, public_key, "kunci-contoh-demo")
    )


def pull_url(forge: Forge, number: int) -> str:
    kind = "pull" if forge.jenis == "github" else "pulls"
    repo = forge.repo or "contoh/kinerja"
    return f"{forge.url.rstrip('/')}/{repo}/{kind}/{number}"


def merge_message(
    title: str,
    number: int,
    body: str,
    *,
    reviewers: list[Identity],
    approvers: list[Identity],
    url: str,
    opened: datetime,
) -> str:
    trailers = format_trailers(
        reviewed_by=reviewers, approved_by=approvers, reviewed_on=url, opened_at=opened
    )
    return f"{title} (#{number})\n\n{body}\n\n{trailers}\n"
