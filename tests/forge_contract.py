"""The published forge API descriptions, as the local test servers enforce them.

The test forges (``test_merge.FakeForge``, ``test_notify.IssueForge``) keep their state and
decide what to answer; :func:`checked` wraps their request handlers so that

* a request that matches no operation kept in ``tests/contracts/<kind>.json`` (the operations
  of :mod:`kinerja.forge.endpoints`, the one list) is a violation, answered 404;
* a request with an unknown query parameter, a query value outside its schema, a body where
  none is described, a missing required body or body field, an unknown body field, or a body
  that does not validate, is a violation, answered with the operation's documented error
  status (422, else 400, else 405, else 409);
* GitHub requests must carry ``X-GitHub-Api-Version: 2022-11-28`` (GitHub answers 400 for a
  version it does not know); ``per_page`` over 100 is a violation (GitHub caps it silently);
* every answer's status must be documented for the operation (plus 401, 500, 502 and 503,
  which any endpoint may give), and its payload is completed with the description's *required*
  fields that the fake left out (placeholder values, so a fake need not spell out GitHub's 40-field
  pull request) and then validated with ``jsonschema`` against the documented schema.

Violations are collected on the :class:`Contract`; the fixtures fail the test when any remain.
Two relaxations, both because the descriptions are known to be looser than the servers:
OpenAPI 3.0 ``nullable`` is turned into JSON Schema's ``null`` type, and in the Swagger 2.0
descriptions of Gitea/Forgejo (which cannot say "nullable") a property that is not required
may be ``null``, as Go's nil pointers are serialised.

Paging is emulated here too (:meth:`Contract.page`): GitHub by ``per_page`` (default 30, at most
100) with a ``Link`` header; Gitea/Forgejo by ``limit`` capped at the server's
``max_response_items`` (:attr:`Contract.max_items`, settable to 1, 10, 50...), with ``Link``,
``X-Total-Count`` and, on pull request files and commits, ``X-HasMore``.
"""

from __future__ import annotations

import copy
import io
import json
import re
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import jsonschema

from kinerja.forge.endpoints import GITHUB_API_VERSION

CONTRACTS = Path(__file__).resolve().parent / "contracts"
#: Statuses any endpoint may answer, whatever its description lists (a server's own failure,
#: 500, included: descriptions leave it out, servers still send it).
ANY_STATUS = {401, 500, 502, 503}
_MISSING = object()
BOT = "kinerja-bot"


def _nullable_oas3(node: Any, *, in_properties: bool = False) -> Any:
    """OpenAPI 3.0 ``nullable: true`` as JSON Schema."""
    if isinstance(node, list):
        return [_nullable_oas3(i) for i in node]
    if not isinstance(node, dict):
        return node
    out = {
        k: _nullable_oas3(v, in_properties=k == "properties" and not in_properties)
        for k, v in node.items()
    }
    if in_properties or not out.pop("nullable", False):
        return out
    if "type" in out and isinstance(out["type"], str):
        out["type"] = [out["type"], "null"]
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
        return out
    return {"anyOf": [out, {"type": "null"}]}


def _nullable_swagger(node: Any, *, in_properties: bool = False) -> Any:
    """Swagger 2.0 (Gitea/Forgejo): a property that is not required may be null."""
    if isinstance(node, list):
        return [_nullable_swagger(i) for i in node]
    if not isinstance(node, dict):
        return node
    out = {
        k: _nullable_swagger(v, in_properties=k == "properties" and not in_properties)
        for k, v in node.items()
    }
    if not in_properties and isinstance(out.get("properties"), dict):
        required = set(out.get("required") or [])
        out["properties"] = {
            name: (prop if name in required else {"anyOf": [prop, {"type": "null"}]})
            for name, prop in out["properties"].items()
        }
    return out


@dataclass
class Operation:
    method: str
    template: str
    pattern: re.Pattern[str]
    spec: dict[str, Any]

    @property
    def operation_id(self) -> str:
        return str(self.spec.get("operationId"))


@dataclass
class Contract:
    """One forge's kept description, and what the test server saw against it."""

    kind: str  # github | gitea | forgejo
    max_items: int = 50  # Gitea/Forgejo max_response_items
    default_paging: int = 30  # Gitea/Forgejo default_paging_num
    paging_headers: bool = True  # Gitea/Forgejo: send Link / X-Total-Count / X-HasMore
    bot: str = BOT  # the token's account: the author of what the client writes
    user_forbidden: bool = False  # GitHub's GITHUB_TOKEN: GET /user answers 403
    violations: list[str] = field(default_factory=list)
    seen: list[str] = field(default_factory=list)  # operation ids, in order
    doc: dict[str, Any] = field(init=False)
    operations: list[Operation] = field(init=False)

    def __post_init__(self) -> None:
        raw = json.loads((CONTRACTS / f"{self.kind}.json").read_text(encoding="utf-8"))
        self.source = raw["x-kept-from"]
        self.doc = _nullable_oas3(raw) if self.github else _nullable_swagger(raw)
        self.operations = []
        for template, item in self.doc["paths"].items():
            regex = re.sub(r"\\\{[^}]+\\\}", "([^/]+)", re.escape(template))
            if template.endswith(("/contents/{path}", "/contents/{filepath}")):
                regex = regex.removesuffix("([^/]+)") + "(.+)"
            if template.endswith("/git/ref/{ref}"):
                regex = regex.removesuffix("([^/]+)") + "(.+)"
            for method, spec in item.items():
                self.operations.append(
                    Operation(method.upper(), template, re.compile(f"^{regex}$"), spec)
                )

    @property
    def github(self) -> bool:
        return self.kind == "github"

    @property
    def prefix(self) -> str:
        return "/api/v3" if self.github else "/api/v1"

    # -- the description ----------------------------------------------------------------------
    def resolve(self, node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            target: Any = self.doc
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            node = target
        return node

    def match(self, method: str, path: str) -> Operation | None:
        for op in self.operations:
            if op.method == method and op.pattern.match(path):
                return op
        return None

    def parameters(self, op: Operation) -> list[dict[str, Any]]:
        return [self.resolve(p) for p in op.spec.get("parameters", [])]

    def request_schema(self, op: Operation) -> tuple[Any, bool] | None:
        if self.github:
            body = op.spec.get("requestBody")
            if body is None:
                return None
            body = self.resolve(body)
            return body["content"]["application/json"]["schema"], bool(body.get("required"))
        for param in self.parameters(op):
            if param.get("in") == "body":
                return param["schema"], bool(param.get("required"))
        return None

    def response_schema(self, op: Operation, status: int) -> tuple[bool, Any]:
        """(documented, schema or None) of ``status``."""
        responses = op.spec.get("responses", {})
        found = responses.get(str(status), responses.get("default"))
        if found is None:
            return False, None
        found = self.resolve(found)
        if self.github:
            content = found.get("content") or {}
            media = content.get("application/json") or next(iter(content.values()), None)
            return True, (media or {}).get("schema")
        return True, found.get("schema")

    def error_status(self, op: Operation) -> int:
        documented = {int(s) for s in op.spec.get("responses", {}) if s.isdigit()}
        return next((s for s in (422, 400, 405, 409) if s in documented), 422)

    # -- validation ---------------------------------------------------------------------------
    def _errors(self, schema: Any, value: Any) -> list[str]:
        root = dict(self.doc)
        root["x-check"] = schema
        root["$ref"] = "#/x-check"
        validator = jsonschema.Draft4Validator(root)
        return [
            f"{'/'.join(str(p) for p in e.absolute_path) or '(akar)'}: {e.message[:200]}"
            for e in validator.iter_errors(value)
        ][:5]

    def check_request(
        self, op: Operation, query: Mapping[str, list[str]], body: Any, headers: Any
    ) -> list[str]:
        problems: list[str] = []
        where = f"{op.method} {op.template} ({op.operation_id})"
        params = {p["name"]: p for p in self.parameters(op) if p.get("in") == "query"}
        for name, values in query.items():
            param = params.get(name)
            if param is None:
                problems.append(f"{where}: parameter query tak dikenal {name!r}")
                continue
            schema = param.get("schema", param)
            kind = schema.get("type")
            for value in values:
                if kind == "integer" and not re.fullmatch(r"-?\d+", value):
                    problems.append(f"{where}: {name}={value!r} bukan bilangan bulat")
                if kind == "boolean" and value not in ("true", "false"):
                    problems.append(f"{where}: {name}={value!r} bukan boolean")
                if "enum" in schema and value not in schema["enum"]:
                    problems.append(f"{where}: {name}={value!r} di luar {schema['enum']}")
            if self.github and name == "per_page" and int(values[0] or 0) > 100:
                problems.append(f"{where}: per_page={values[0]} melebihi 100")
        for name, param in params.items():
            if param.get("required") and name not in query:
                problems.append(f"{where}: parameter query wajib {name!r} tidak ada")
        described = self.request_schema(op)
        if described is None:
            if body is not None:
                problems.append(f"{where}: body dikirim, padahal operasi ini tanpa body")
        else:
            schema, required = described
            if body is None:
                if required:
                    problems.append(f"{where}: body wajib tidak ada")
            else:
                resolved = self.resolve(schema)
                known = set((resolved.get("properties") or {}).keys())
                if isinstance(body, dict) and known:
                    unknown = sorted(set(body) - known)
                    if unknown:
                        problems.append(f"{where}: field body tak dikenal {unknown}")
                problems += [f"{where}: body {e}" for e in self._errors(schema, body)]
        if self.github:
            version = headers.get("X-GitHub-Api-Version")
            if version != GITHUB_API_VERSION:
                problems.append(f"{where}: X-GitHub-Api-Version {version!r}")
        return problems

    def complete(self, schema: Any, value: Any = _MISSING) -> Any:
        """``value`` with the schema's required fields it lacks, filled with placeholders."""
        schema = self.resolve(schema)
        if not isinstance(schema, dict):
            return None if value is _MISSING else value
        for key in ("anyOf", "oneOf"):
            if key in schema:
                options = [self.resolve(o) for o in schema[key]]
                if value is _MISSING:
                    if any(o.get("type") == "null" for o in options):
                        return None
                    return self.complete(options[0])
                if value is None:
                    return None
                if isinstance(value, dict):
                    options = [o for o in options if _object_like(o, self)] or options
                return self.complete(options[0], value)
        if "allOf" in schema:
            merged: dict[str, Any] = {"type": "object", "properties": {}, "required": []}
            for piece in schema["allOf"]:
                part = self.resolve(piece)
                merged["properties"].update(part.get("properties") or {})
                merged["required"] += part.get("required") or []
            return self.complete(merged, value)
        kind = schema.get("type")
        kinds = kind if isinstance(kind, list) else [kind]
        if value is _MISSING:
            if "null" in kinds:
                return None
            if "enum" in schema:
                return schema["enum"][0]
            if "object" in kinds or "properties" in schema:
                props = schema.get("properties") or {}
                return {
                    name: self.complete(props.get(name, {}))
                    for name in schema.get("required") or []
                }
            if "array" in kinds:
                return []
            if "string" in kinds:
                fmt = schema.get("format")
                if fmt == "date-time":
                    return "2026-01-01T00:00:00Z"
                if fmt == "uri":
                    return "https://forge.invalid/x"
                return "x"
            if "integer" in kinds or "number" in kinds:
                return max(1, int(schema.get("minimum", 1)))
            if "boolean" in kinds:
                return False
            return None
        if isinstance(value, dict) and ("object" in kinds or "properties" in schema):
            props = schema.get("properties") or {}
            out = {
                name: self.complete(props.get(name, {}))
                for name in schema.get("required") or []
                if name not in value
            }
            for name, item in value.items():
                out[name] = self.complete(props[name], item) if name in props else item
            return out
        if isinstance(value, list) and "items" in schema:
            return [self.complete(schema["items"], item) for item in value]
        return value

    def answer(self, op: Operation | None, status: int, payload: Any) -> Any:
        """The payload to send for ``status``: completed, checked (violations recorded)."""
        if op is None:
            return payload
        where = f"{op.method} {op.template} ({op.operation_id})"
        documented, schema = self.response_schema(op, status)
        if not documented:
            if status not in ANY_STATUS:
                self.violations.append(f"{where}: status {status} tidak didokumentasikan")
            return payload
        if schema is None:
            if payload is not None and 200 <= status < 300:
                self.violations.append(f"{where}: {status} tanpa body menurut deskripsi")
            return payload
        if payload is None:
            self.violations.append(f"{where}: {status} seharusnya ber-body")
            return payload
        full = self.complete(schema, copy.deepcopy(payload))
        self.violations += [f"{where}: jawaban {status} {e}" for e in self._errors(schema, full)]
        return full

    # -- paging ----------------------------------------------------------------------------
    def page(
        self, items: list[Any], query: Mapping[str, list[str]], url: str, *, has_more: bool = False
    ) -> tuple[list[Any], dict[str, str]]:
        """One page of ``items`` as the forge would cut it, and its paging headers."""
        page = max(1, int((query.get("page") or ["1"])[0] or 1))
        if self.github:
            size = min(int((query.get("per_page") or ["30"])[0] or 30), 100)
        else:
            asked = int((query.get("limit") or ["0"])[0] or 0)
            size = min(asked if asked > 0 else self.default_paging, self.max_items)
        size = max(size, 1)
        chunk = items[(page - 1) * size : page * size]
        last = max(1, -(-len(items) // size))
        headers: dict[str, str] = {}
        if self.github or self.paging_headers:
            links = []
            parts = urllib.parse.urlsplit(url)
            for rel, number in (("next", page + 1), ("last", last)):
                if rel == "next" and page >= last:
                    continue
                q = {k: v[0] for k, v in query.items()}
                q["page"] = str(number)
                if not self.github:
                    q["limit"] = str(size)
                link = urllib.parse.urlunsplit(
                    (parts.scheme, parts.netloc, parts.path, urllib.parse.urlencode(q), "")
                )
                links.append(f'<{link}>; rel="{rel}"')
            if links and (page < last or not self.github):
                headers["Link"] = ", ".join(links)
            if not self.github:
                headers["X-Total-Count"] = str(len(items))
                if has_more:
                    headers["X-HasMore"] = "true" if page < last else "false"
        return chunk, headers

    def user(self, login: str | None = None) -> dict[str, Any]:
        login = login or self.bot
        if self.github:
            return {"login": login, "id": 4242, "type": "Bot", "name": None, "email": None}
        return {
            "id": 4242,
            "login": login,
            "full_name": "Kinerja Bot",
            "email": "bot@kantor.invalid",
        }


def _object_like(schema: dict[str, Any], contract: Contract) -> bool:
    schema = contract.resolve(schema)
    kind = schema.get("type")
    return kind == "object" or "properties" in schema or "allOf" in schema


def checked(
    handler: type[BaseHTTPRequestHandler],
    contract: Contract,
    *,
    auth: Callable[[], str],
) -> type[BaseHTTPRequestHandler]:
    """``handler`` behind the contract: requests checked before it sees them, answers after.

    ``handler`` must send through ``self._send(status, payload, headers=None)``. The wrapper
    answers ``GET /user`` (the bot account) and, on Gitea/Forgejo, ``GET /settings/api``.
    """

    class Checked(handler):  # type: ignore[valid-type,misc]
        _op: Operation | None = None

        def _send(self, status: int, payload: Any = None, headers: Any = None) -> None:
            payload = contract.answer(self._op, status, payload)
            super()._send(status, payload, headers)

        def _checked(self, method: str) -> None:
            parts = urllib.parse.urlsplit(self.path)
            path = urllib.parse.unquote(parts.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            self.rfile = io.BytesIO(raw)
            body = json.loads(raw) if raw.strip() else None
            if not path.startswith(contract.prefix):
                contract.violations.append(f"{method} {path}: di luar API")
                self._op = None
                super()._send(404, {"message": "Not Found"})
                return
            op = contract.match(method, path[len(contract.prefix) :])
            self._op = op
            if op is None:
                contract.violations.append(
                    f"{method} {path}: tidak ada di kontrak (kinerja.forge.endpoints)"
                )
                super()._send(404, {"message": "Not Found"})
                return
            contract.seen.append(op.operation_id)
            query = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
            problems = contract.check_request(op, query, body, self.headers)
            if problems:
                contract.violations += problems
                self._send(contract.error_status(op), {"message": "; ".join(problems)[:300]})
                return
            if (
                op.template in ("/user", "/settings/api")
                and self.headers.get("Authorization") != auth()
            ):
                self._send(401, {"message": "Bad credentials"})
                return
            if op.template == "/user":
                if contract.user_forbidden:
                    self._send(403, {"message": "Resource not accessible by integration"})
                else:
                    self._send(200, contract.user())
                return
            if op.template == "/settings/api":
                self._send(
                    200,
                    {
                        "max_response_items": contract.max_items,
                        "default_paging_num": contract.default_paging,
                        "default_git_trees_per_page": 1000,
                        "default_max_blob_size": 10485760,
                    },
                )
                return
            getattr(super(), f"do_{method}")()

        def do_GET(self) -> None:
            self._checked("GET")

        def do_POST(self) -> None:
            self._checked("POST")

        def do_PUT(self) -> None:
            self._checked("PUT")

        def do_PATCH(self) -> None:
            self._checked("PATCH")

        def do_DELETE(self) -> None:
            self._checked("DELETE")

    return Checked
