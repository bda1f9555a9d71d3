"""The forge's issue, comment and contents endpoints of one repository (``ForgeApi``).

Forge endpoints: see :mod:`kinerja.forge.endpoints` (the one list, with the operations of the
published descriptions); lists are read as :mod:`kinerja.forge.paging` says, and the comments of
an issue on Forgejo/Gitea in one request (that API does not page them). A proposal branches
from the base and writes the file: a new file is created (GitHub ``PUT .../contents/{path}``
without ``sha``, Forgejo/Gitea ``POST``), an existing one is updated with its blob ``sha``
(GitHub ``PUT`` with ``sha``, Forgejo/Gitea ``PUT``).
"""

from __future__ import annotations

import base64
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kinerja.forge.api import GITHUB, GiteaForge, GitHubForge, make_forge
from kinerja.forge.config import ForgeConfig
from kinerja.forge.http import ForgeError, JsonClient
from kinerja.forge.markers import MARKER_RE
from kinerja.forge.paging import Pager

LABEL = "permintaan-data"
LABEL_COLOR = "1d76db"
LABEL_DESCRIPTION = "Permintaan data kinerja untuk satu unit (dibuat oleh kinerja)"

#: Said when the forge opened an issue without its label (GitHub, a token without push).
LABEL_DROPPED = (
    "    peringatan: forge membuka issue #{number} tanpa label "
    f"'{LABEL}' (token tanpa hak push? GitHub mengabaikan label dan penugasan dari token "
    "seperti itu). Issue tetap dikenali dari penanda tersembunyi dan akun bot; beri token hak "
    "tulis agar label dan penugasan terpasang."
)


@dataclass(frozen=True)
class Issue:
    number: int
    title: str
    body: str
    state: str  # open | closed
    html_url: str
    assignees: tuple[str, ...] = ()
    author: str = ""
    labelled: bool = True  # carries the label (GitHub drops it for a token without push)

    @property
    def key(self) -> tuple[str, str] | None:
        """(period, unit) from the hidden first line, or None for an issue not made here."""
        match = MARKER_RE.match(self.body.lstrip("\ufeff"))
        return (match.group(1), match.group(2)) if match else None


@dataclass(frozen=True)
class Comment:
    body: str
    created_at: str = ""
    author: str = ""


def _issue(item: Mapping[str, Any]) -> Issue:
    return Issue(
        number=int(item["number"]),
        title=str(item.get("title") or ""),
        body=str(item.get("body") or ""),
        state=str(item.get("state") or "open"),
        html_url=str(item.get("html_url") or ""),
        assignees=tuple(
            str(a.get("login") or "") for a in item.get("assignees") or [] if isinstance(a, dict)
        ),
        author=_login(item.get("user")),
        labelled=any(
            isinstance(label, dict) and label.get("name") == LABEL
            for label in item.get("labels") or []
        ),
    )


def _login(user: Any) -> str:
    return str(user.get("login") or "") if isinstance(user, Mapping) else ""


@dataclass
class ForgeApi:
    """The issue and contents endpoints of one repository, on the merge's HTTP client."""

    kind: str
    client: JsonClient
    owner: str
    repo: str
    bot_login: str | None = None  # configured (KINERJA_FORGE_BOT): GET /user is not asked
    actions_bot: str | None = None  # used when GET /user refuses a workflow token (403)
    _label_id: int | None = field(default=None, init=False)
    _bot: str | None = field(default=None, init=False)
    pager: Pager = field(init=False)

    def __post_init__(self) -> None:
        self.pager = Pager(self.client, github=self.github)

    @property
    def github(self) -> bool:
        return self.kind == GITHUB

    @property
    def prefix(self) -> str:
        return f"/repos/{self.owner}/{self.repo}"

    def _all(self, path: str, query: Mapping[str, str | int]) -> list[Any]:
        return self.pager.all(path, query).items

    @property
    def bot(self) -> str:
        """The token's own account (``GET /user``), asked once: the only trusted author."""
        if self._bot is None:
            self._bot = self.bot_login or self._whoami()
        return self._bot

    def _whoami(self) -> str:
        try:
            login = _login(self.client.request("GET", "/user"))
        except ForgeError as exc:
            if exc.status == 403 and self.actions_bot:
                return self.actions_bot
            if exc.status in (403, 404):
                raise ForgeError(
                    f"{exc}\nToken ini tidak boleh menanyakan akunnya sendiri (GET /user); isi "
                    "KINERJA_FORGE_BOT dengan nama akun yang dipakai token ini.",
                    exc.status,
                ) from exc
            raise
        if not login:
            raise ForgeError("Jawaban forge untuk GET /user tidak memuat login.")
        return login

    # issues
    def issues(self, state: str = "all") -> list[Issue]:
        """The issues the bot account opened (found by author, not by label).

        The author is compared here rather than asked of the forge (``creator`` /
        ``created_by``): how those filters treat bot and app accounts differs between forges
        and is not documented, and a filter that matched nothing would open every issue again.
        """
        bot = self.bot
        query: dict[str, str | int] = {"state": state}
        if not self.github:
            query["type"] = "issues"
        return [
            _issue(item)
            for item in self._all(f"{self.prefix}/issues", query)
            if isinstance(item, dict)
            and not item.get("pull_request")
            and _login(item.get("user")).casefold() == bot.casefold()
        ]

    def ensure_label(self) -> None:
        """Create the label once; Forgejo/Gitea also need its id to put it on an issue."""
        if self.github:
            try:
                self.client.request("GET", f"{self.prefix}/labels/{LABEL}")
            except ForgeError as exc:
                if exc.status != 404:
                    raise
                self.client.request(
                    "POST",
                    f"{self.prefix}/labels",
                    body={"name": LABEL, "color": LABEL_COLOR, "description": LABEL_DESCRIPTION},
                )
            return
        if self._label_id is not None:
            return
        for item in self._all(f"{self.prefix}/labels", {}):
            if isinstance(item, dict) and item.get("name") == LABEL:
                self._label_id = int(item["id"])
                return
        made = self.client.request(
            "POST",
            f"{self.prefix}/labels",
            body={"name": LABEL, "color": f"#{LABEL_COLOR}", "description": LABEL_DESCRIPTION},
        )
        if not isinstance(made, dict) or "id" not in made:
            raise ForgeError("Forge tidak mengembalikan id label yang dibuat.")
        self._label_id = int(made["id"])

    def create_issue(self, title: str, body: str, assignees: Sequence[str]) -> Issue:
        """Open an issue; when the forge refuses the assignees (not collaborators), open it
        without them: the body mentions them anyway."""
        self.ensure_label()
        labels: list[Any] = [LABEL] if self.github else [self._label_id]
        payload: dict[str, Any] = {"title": title, "body": body, "labels": labels}
        if assignees:
            payload["assignees"] = list(assignees)
        try:
            made = self.client.request("POST", f"{self.prefix}/issues", body=payload)
        except ForgeError as exc:
            if not assignees or exc.status not in (403, 404, 422):
                raise
            payload.pop("assignees")
            made = self.client.request("POST", f"{self.prefix}/issues", body=payload)
        if not isinstance(made, dict):
            raise ForgeError("Jawaban forge untuk issue baru tidak dikenali.")
        return _issue(made)

    def comments(self, number: int) -> list[Comment]:
        """The comments the bot account wrote on an issue: only their markers are trusted.

        GitHub pages them; Forgejo/Gitea answer all of them at once (no paging parameters)."""
        path = f"{self.prefix}/issues/{number}/comments"
        listing = self.pager.all(path, {}) if self.github else self.pager.unpaged(path)
        bot = self.bot.casefold()
        return [
            Comment(
                str(item.get("body") or ""),
                str(item.get("created_at") or ""),
                _login(item.get("user")),
            )
            for item in listing.items
            if _login(item.get("user")).casefold() == bot
        ]

    def comment(self, number: int, body: str) -> None:
        self.client.request("POST", f"{self.prefix}/issues/{number}/comments", body={"body": body})

    def close(self, number: int, *, completed: bool = True) -> None:
        """Close an issue; on GitHub as completed, or as not planned (a unit dropped)."""
        body: dict[str, Any] = {"state": "closed"}
        if self.github:
            body["state_reason"] = "completed" if completed else "not_planned"
        self.client.request("PATCH", f"{self.prefix}/issues/{number}", body=body)

    def edit_issue(self, number: int, *, title: str, body: str, reopen: bool = False) -> None:
        """Rewrite an issue's title and body (``PATCH .../issues/{n}``), reopening it if asked."""
        payload: dict[str, Any] = {"title": title, "body": body}
        if reopen:
            payload["state"] = "open"
            if self.github:
                payload["state_reason"] = "reopened"
        self.client.request("PATCH", f"{self.prefix}/issues/{number}", body=payload)

    # a proposal: a new branch with one file, and its pull request
    def _blob_sha(self, path: str, ref: str) -> str | None:
        """The blob sha of ``path`` on ``ref``, or None when there is no such file."""
        try:
            found = self.client.request(
                "GET", f"{self.prefix}/contents/{_quote_path(path)}", query={"ref": ref}
            )
        except ForgeError as exc:
            if exc.status == 404:
                return None
            raise
        if isinstance(found, list):
            raise ForgeError(f"{path} di forge adalah folder, bukan berkas.")
        sha = found.get("sha") if isinstance(found, dict) else None
        if not isinstance(sha, str) or not sha:
            raise ForgeError(f"Jawaban forge untuk {path} tidak memuat sha.")
        return sha

    def propose_file(
        self, *, base: str, branch: str, path: str, content: bytes, message: str
    ) -> None:
        """A new branch ``branch`` from ``base`` with ``path`` set to ``content``: created if
        the file is new, updated (with its blob sha, as both APIs require) if it exists."""
        encoded = base64.b64encode(content).decode("ascii")
        where = f"{self.prefix}/contents/{_quote_path(path)}"
        if self.github:
            ref = self.client.request(
                "GET", f"{self.prefix}/git/ref/heads/{urllib.parse.quote(base, safe='')}"
            )
            sha = (ref or {}).get("object", {}).get("sha") if isinstance(ref, dict) else None
            if not sha:
                raise ForgeError(f"Cabang {base} tidak ditemukan di forge.")
            self.client.request(
                "POST", f"{self.prefix}/git/refs", body={"ref": f"refs/heads/{branch}", "sha": sha}
            )
            body: dict[str, Any] = {"message": message, "content": encoded, "branch": branch}
            existing = self._blob_sha(path, branch)
            if existing:
                body["sha"] = existing
            self.client.request("PUT", where, body=body)
            return
        body = {"message": message, "content": encoded, "branch": base, "new_branch": branch}
        existing = self._blob_sha(path, base)
        if existing:
            self.client.request("PUT", where, body={**body, "sha": existing})
        else:
            self.client.request("POST", where, body=body)

    def open_pull(self, *, title: str, body: str, head: str, base: str) -> tuple[int, str]:
        made = self.client.request(
            "POST",
            f"{self.prefix}/pulls",
            body={"title": title, "body": body, "head": head, "base": base},
        )
        if not isinstance(made, dict) or "number" not in made:
            raise ForgeError("Jawaban forge untuk pull request baru tidak dikenali.")
        return int(made["number"]), str(made.get("html_url") or "")


def _quote_path(path: str) -> str:
    return urllib.parse.quote(path, safe="/")


def forge_api(config: ForgeConfig) -> ForgeApi:
    """The API of the configured repository, reusing the merge's client and its headers."""
    forge = make_forge(config.kind, config.api_url, config.owner, config.repo, config.token)
    if not isinstance(forge, GitHubForge | GiteaForge):  # pragma: no cover - make_forge's types
        raise ForgeError(f"Jenis forge tidak dikenal: {config.kind!r}.")
    return ForgeApi(
        config.kind,
        forge.client,
        config.owner,
        config.repo,
        bot_login=config.bot,
        actions_bot=config.actions_bot,
    )
