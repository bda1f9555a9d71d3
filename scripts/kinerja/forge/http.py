"""A small JSON-over-HTTP client on ``urllib`` (stdlib only), with Indonesian errors."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

TIMEOUT_SECONDS = 30
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


class ForgeError(Exception):
    """The forge refused or could not be reached; ``str(error)`` is for the user."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def check_url(url: str, *, has_token: bool) -> None:
    """Only http(s); a token travels over plain http only to this machine."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ForgeError(f"Alamat forge tidak valid: {url!r} (harus http:// atau https://).")
    if has_token and parts.scheme == "http" and parts.hostname not in _LOOPBACK:
        raise ForgeError(
            f"Token tidak dikirim lewat http tanpa enkripsi ke {parts.hostname}; pakai https://."
        )


@dataclass(frozen=True)
class Reply:
    """A decoded answer and its headers (names lower-cased), for paging."""

    payload: Any
    headers: Mapping[str, str] = field(default_factory=dict)

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


class JsonClient:
    def __init__(self, base_url: str, headers: Mapping[str, str], *, has_token: bool) -> None:
        check_url(base_url, has_token=has_token)
        self.base_url = base_url.rstrip("/")
        self.headers = dict(headers)

    def request(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, str | int] | None = None,
        body: Any = None,
    ) -> Any:
        return self.send(method, path, query=query, body=body).payload

    def send(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, str | int] | None = None,
        body: Any = None,
    ) -> Reply:
        """One request; ``path`` is below the API base (a path, or a path with its query)."""
        url = self.base_url + path
        if query:
            url += ("&" if "?" in path else "?") + urllib.parse.urlencode(query)
        data = None if body is None else json.dumps(body).encode()
        headers = dict(self.headers)
        if data is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=data, headers=headers, method=method)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
                raw = response.read()
                headers = {k.lower(): v for k, v in response.headers.items()}
        except urllib.error.HTTPError as exc:
            detail = _detail(exc.read())
            raise ForgeError(
                f"Forge menolak {method} {path} (HTTP {exc.code}){': ' + detail if detail else ''}",
                exc.code,
            ) from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ForgeError(f"Forge tidak dapat dihubungi ({self.base_url}): {reason}") from exc
        if not raw.strip():
            return Reply(None, headers)
        try:
            return Reply(json.loads(raw), headers)
        except ValueError as exc:
            raise ForgeError(f"Jawaban forge untuk {path} bukan JSON.") from exc


def _detail(raw: bytes) -> str:
    try:
        payload = json.loads(raw)
    except ValueError:
        return raw.decode(errors="replace").strip()[:200]
    if isinstance(payload, dict):
        return str(payload.get("message") or "")[:200]
    return ""
