"""Where the forge is: command-line options, then environment, then ``organisasi.yml``.

Environment: ``KINERJA_FORGE_JENIS`` (github | forgejo | gitea), ``KINERJA_FORGE_URL`` (the web
address, e.g. ``https://github.com``), ``KINERJA_FORGE_REPO`` (``owner/name``),
``KINERJA_FORGE_API`` (the API base, when it is not the usual one), and the token in
``KINERJA_FORGE_TOKEN`` or ``GITHUB_TOKEN``. In GitHub Actions ``GITHUB_REPOSITORY``,
``GITHUB_SERVER_URL`` and ``GITHUB_API_URL`` are used as well. The token is never an option,
so that it does not show in process lists or shell history.

The bot account (the author whose issues and hidden comment markers are trusted) is the token's
own user, asked with ``GET /user``; ``KINERJA_FORGE_BOT`` names it instead when that call is not
allowed. GitHub's workflow token (``GITHUB_TOKEN``) may not call ``GET /user``: in GitHub Actions
the bot is then ``github-actions[bot]``, the account that token writes as.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kinerja.forge.api import GITHUB, KINDS
from kinerja.forge.http import ForgeError

#: The account GitHub's workflow token (``GITHUB_TOKEN``) writes issues and comments as.
GITHUB_ACTIONS_BOT = "github-actions[bot]"


@dataclass(frozen=True, slots=True)
class ForgeConfig:
    kind: str
    web_url: str
    api_url: str
    owner: str
    repo: str
    token: str | None
    bot: str | None = None  # KINERJA_FORGE_BOT: the bot account, when GET /user is not allowed
    actions_bot: str | None = None  # who a workflow token writes as, if GET /user refuses it

    @property
    def host(self) -> str:
        return urllib.parse.urlsplit(self.web_url).hostname or "localhost"


def default_api_url(kind: str, web_url: str) -> str:
    base = web_url.rstrip("/")
    if kind == GITHUB:
        if urllib.parse.urlsplit(base).hostname == "github.com":
            return "https://api.github.com"
        return base + "/api/v3"  # GitHub Enterprise Server
    return base + "/api/v1"


def resolve_config(
    *,
    kind: str | None = None,
    url: str | None = None,
    repo: str | None = None,
    api_url: str | None = None,
    organisation: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
) -> ForgeConfig:
    env = os.environ if env is None else env
    forge = ((organisation or {}).get("instansi") or {}).get("forge") or {}
    kind = (kind or env.get("KINERJA_FORGE_JENIS") or forge.get("jenis") or GITHUB).lower()
    if kind not in KINDS:
        raise ForgeError(f"Jenis forge tidak dikenal: {kind!r} (pilih github, forgejo atau gitea).")
    in_actions = kind == GITHUB and env.get("GITHUB_ACTIONS") == "true"
    web_url = (
        url
        or env.get("KINERJA_FORGE_URL")
        or (env.get("GITHUB_SERVER_URL") if in_actions else None)
        or forge.get("url")
        or ("https://github.com" if kind == GITHUB else "")
    )
    if not web_url:
        raise ForgeError(
            "Alamat forge belum diatur: isi instansi.forge.url atau KINERJA_FORGE_URL."
        )
    full_name = (
        repo
        or env.get("KINERJA_FORGE_REPO")
        or (env.get("GITHUB_REPOSITORY") if in_actions else None)
        or forge.get("repo")
        or ""
    )
    owner, _, name = str(full_name).partition("/")
    if not owner or not name or "/" in name:
        raise ForgeError(
            "Repositori forge belum diatur (format pemilik/nama): isi instansi.forge.repo "
            "atau KINERJA_FORGE_REPO."
        )
    api = (
        api_url
        or env.get("KINERJA_FORGE_API")
        or (env.get("GITHUB_API_URL") if in_actions and not url else None)
        or default_api_url(kind, web_url)
    )
    token = env.get("KINERJA_FORGE_TOKEN") or env.get("GITHUB_TOKEN") or None
    return ForgeConfig(
        kind,
        web_url.rstrip("/"),
        api.rstrip("/"),
        owner,
        name,
        token,
        bot=(env.get("KINERJA_FORGE_BOT") or "").strip().lstrip("@") or None,
        actions_bot=GITHUB_ACTIONS_BOT if in_actions else None,
    )
