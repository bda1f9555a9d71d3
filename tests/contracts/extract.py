"""Keep, from the published forge API descriptions, only what the kinerja client uses.

Usage (from the repository root)::

    python tests/contracts/extract.py github  PATH/api.github.com.2022-11-28.json  --source "..."
    python tests/contracts/extract.py gitea   PATH/templates/swagger/v1_json.tmpl  --source "..."
    python tests/contracts/extract.py forgejo PATH/templates/swagger/v1_json.tmpl  --source "..."

It reads the operations listed in ``kinerja.forge.endpoints.ENDPOINTS`` (the one list of what
the client calls), copies each one (parameters, request body, responses) and every schema they
reach through ``$ref``, drops prose and examples, and writes ``tests/contracts/<kind>.json``
with a ``x-kept-from`` block naming the source (repository, file, commit or package version).
Re-run it with a newer description to move the contract to a newer forge version; the contract
tests then show what changed. Stdlib only; the whole descriptions are never committed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "scripts"))

from kinerja.forge.endpoints import operations  # noqa: E402

_DROP = {"examples", "example", "externalDocs", "x-octokit", "x-github", "summary", "tags"}


def _strip(node: Any, *, in_properties: bool = False) -> Any:
    """Drop prose and examples, keeping every key that is a property name."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if not in_properties and (key in _DROP or key == "description"):
                continue
            out[key] = _strip(value, in_properties=key == "properties" and not in_properties)
        return out
    if isinstance(node, list):
        return [_strip(item) for item in node]
    return node


def _refs(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                found.add(value)
            else:
                found |= _refs(value)
    elif isinstance(node, list):
        for item in node:
            found |= _refs(item)
    return found


def _get(doc: dict[str, Any], ref: str) -> Any:
    node: Any = doc
    for part in ref.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _set(doc: dict[str, Any], ref: str, value: Any) -> None:
    parts = ref.removeprefix("#/").split("/")
    node = doc
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


def extract(full: dict[str, Any], flavour: str) -> dict[str, Any]:
    kept: dict[str, Any] = {"paths": {}}
    if "openapi" in full:
        kept["openapi"] = full["openapi"]
    else:
        kept["swagger"] = full["swagger"]
        kept["basePath"] = "/api/v1"
    missing = []
    for op in operations(flavour):
        item = full["paths"].get(op.path, {})
        found = item.get(op.method.lower())
        if not found or found.get("operationId") != op.operation_id:
            missing.append(f"{op.method} {op.path} ({op.operation_id})")
            continue
        entry = _strip(found)
        if "parameters" in item:  # path-level parameters
            entry["parameters"] = _strip(item["parameters"]) + entry.get("parameters", [])
        kept["paths"].setdefault(op.path, {})[op.method.lower()] = entry
    if missing:
        raise SystemExit("not in the description: " + "; ".join(missing))
    todo = _refs(kept["paths"])
    done: set[str] = set()
    while todo:
        ref = todo.pop()
        if ref in done or not ref.startswith("#/"):
            continue
        done.add(ref)
        value = _strip(_get(full, ref))
        _set(kept, ref, value)
        todo |= _refs(value) - done
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=["github", "gitea", "forgejo"])
    parser.add_argument("description", type=Path)
    parser.add_argument("--source", required=True, help="where the description came from")
    parser.add_argument("--version", required=True, help="the forge / API version it describes")
    args = parser.parse_args(argv)
    full = json.loads(args.description.read_text(encoding="utf-8"))
    kept = extract(full, "github" if args.kind == "github" else "gitea")
    kept = {"x-kept-from": {"source": args.source, "version": args.version}, **kept}
    out = HERE / f"{args.kind}.json"
    out.write_text(json.dumps(kept, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{out.name}: {len(kept['paths'])} paths, {len(json.dumps(kept))} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
