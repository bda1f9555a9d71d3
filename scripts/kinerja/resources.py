"""Where the package finds its data: schemas and default settings.

In a source checkout (editable install) the schemas are the repository's top-level ``schema/``
folder, the single source of truth; a built wheel carries a copy as ``kinerja/schema`` (see
``pyproject.toml``).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


def schema_dir() -> Path:
    bundled = _PACKAGE / "schema"
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parents[1] / "schema"


def data_dir() -> Path:
    return _PACKAGE / "data"


@cache
def load_schema(name: str) -> dict[str, Any]:
    """Load ``schema/<name>.schema.json``."""
    path = schema_dir() / f"{name}.schema.json"
    with path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@cache
def all_schemas() -> dict[str, dict[str, Any]]:
    return {
        path.name.removesuffix(".schema.json"): load_schema(path.name.removesuffix(".schema.json"))
        for path in sorted(schema_dir().glob("*.schema.json"))
    }


def schemas_in(folder: Path) -> dict[str, dict[str, Any]]:
    """Every ``<name>.schema.json`` of a folder, by name; a file that is not a JSON object
    raises ``ValueError`` with an Indonesian message naming it."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.schema.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"skema {path} tidak dapat dibaca sebagai JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise ValueError(f"skema {path} bukan objek JSON.")
        out[path.name.removesuffix(".schema.json")] = data
    return out


def office_schemas(root: Path) -> dict[str, dict[str, Any]]:
    """The schemas of the office repository at ``root``: its own ``schema/`` folder when it has
    schemas there (``kinerja init`` copies them), else the package's."""
    own = schemas_in(root / "schema") if (root / "schema").is_dir() else {}
    return own or all_schemas()
