"""Reading a whole list from a forge, page by page, the way each API documents it.

* GitHub: ask ``per_page=100`` (the documented maximum) and follow the ``Link`` header's
  ``rel="next"`` until there is none. A list without a ``Link`` header is one page.
* Gitea / Forgejo: the server caps every page at its ``max_response_items`` setting (50 unless
  the admin changed it), whatever ``limit`` asks; the client reads it once from
  ``GET /settings/api`` and asks exactly that. A page is the last one when ``X-HasMore`` says
  ``false``, or else when ``X-Total-Count`` items are in, or else when the ``Link`` header has no
  ``rel="next"``, or, with none of these headers, when a page is shorter than the limit.

Issue comments on Gitea / Forgejo are not paged at all (``issueGetComments`` takes only
``since`` and ``before``): :func:`unpaged` reads them in one request.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kinerja.forge.http import ForgeError, JsonClient, Reply

#: GitHub's documented maximum for ``per_page``.
GITHUB_PAGE_SIZE = 100
#: Gitea's and Forgejo's default ``max_response_items``, used only when the server does not
#: say (``GET /settings/api`` refused or unreadable).
GITEA_DEFAULT_PAGE_SIZE = 50
#: A guard against a server that never says "last page".
MAX_PAGES = 5_000

_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')


@dataclass(frozen=True)
class Listing:
    items: list[Mapping[str, Any]]
    total: int | None  # what the server said the whole list holds (X-Total-Count), if it did


def next_link(reply: Reply) -> str | None:
    link = reply.header("link")
    if not link:
        return None
    for part in link.split(","):
        match = _NEXT.search(part)
        if match:
            return match.group(1)
    return None


def _objects(payload: Any, path: str) -> list[Mapping[str, Any]]:
    if not isinstance(payload, list) or not all(isinstance(i, Mapping) for i in payload):
        raise ForgeError(f"Jawaban forge untuk {path} bukan daftar objek.")
    return payload


def _total(reply: Reply) -> int | None:
    raw = reply.header("x-total-count")
    try:
        return int(raw) if raw is not None else None
    except ValueError:
        return None


class Pager:
    """Lists of one forge; ``github`` or not (Gitea and Forgejo page alike)."""

    def __init__(self, client: JsonClient, *, github: bool) -> None:
        self.client = client
        self.github = github
        self._gitea_limit: int | None = None

    def gitea_limit(self) -> int:
        """The server's ``max_response_items`` (asked once)."""
        if self._gitea_limit is None:
            try:
                settings = self.client.request("GET", "/settings/api")
            except ForgeError as exc:
                if exc.status not in (401, 403, 404):
                    raise
                settings = None
            value = settings.get("max_response_items") if isinstance(settings, Mapping) else None
            self._gitea_limit = (
                value if isinstance(value, int) and value > 0 else GITEA_DEFAULT_PAGE_SIZE
            )
        return self._gitea_limit

    def all(self, path: str, query: Mapping[str, str | int] | None = None) -> Listing:
        if self.github:
            return self._github(path, dict(query or {}))
        return self._gitea(path, dict(query or {}))

    def _github(self, path: str, query: dict[str, str | int]) -> Listing:
        reply = self.client.send("GET", path, query={**query, "per_page": GITHUB_PAGE_SIZE})
        items = list(_objects(reply.payload, path))
        base = self.client.base_url
        for _ in range(MAX_PAGES):
            url = next_link(reply)
            if url is None:
                return Listing(items, None)
            if not url.startswith(base + "/"):
                raise ForgeError(f"Forge menunjuk halaman berikut di alamat lain: {url[:100]}")
            reply = self.client.send("GET", url[len(base) :])
            items += _objects(reply.payload, path)
        raise ForgeError(f"Daftar {path} tidak berakhir setelah {MAX_PAGES} halaman.")

    def _gitea(self, path: str, query: dict[str, str | int]) -> Listing:
        limit = self.gitea_limit()
        items: list[Mapping[str, Any]] = []
        for page in range(1, MAX_PAGES + 1):
            reply = self.client.send("GET", path, query={**query, "page": page, "limit": limit})
            chunk = _objects(reply.payload, path)
            items += chunk
            total = _total(reply)
            more = reply.header("x-hasmore")
            if not chunk:
                done = True
            elif more is not None:
                done = more.strip().lower() != "true"
            elif total is not None:
                done = len(items) >= total
            elif reply.header("link") is not None:
                done = next_link(reply) is None
            else:
                done = len(chunk) < limit
            if done:
                return Listing(items, total)
        raise ForgeError(f"Daftar {path} tidak berakhir setelah {MAX_PAGES} halaman.")

    def unpaged(self, path: str, query: Mapping[str, str | int] | None = None) -> Listing:
        """A list the API does not page (Gitea/Forgejo issue comments): one request."""
        reply = self.client.send("GET", path, query=dict(query or {}) or None)
        return Listing(list(_objects(reply.payload, path)), _total(reply))
