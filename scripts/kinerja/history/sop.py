"""SOP versions: reading the SOP files as they were, and saying what a revision changed.

The SOP is data (``docs/sop/<id>.yml``). A change merged after the date the SOP in force became
effective (``identitas.tanggal_efektif`` of the version it replaces) is a numbered revision,
"Tanggal Revisi 1, 2, ..." on the identity sheet; a change before that date is still drafting.
The SOP versions are read with one ``git cat-file --batch`` (no call per version).
"""

from __future__ import annotations

import difflib
import json
import re
import subprocess
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from kinerja.history.errors import GitCommandError
from kinerja.history.gitlog import git_env

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MAX_LINES = 200
_MAX_VALUE = 80


def read_versions(repo: Path, names: Iterable[str]) -> dict[str, str]:
    """The text of each ``<commit>:<path>``, in one ``git cat-file --batch`` process."""
    wanted = sorted({n for n in names if n and "\n" not in n})
    if not wanted:
        return {}
    done = subprocess.run(
        ["git", "-C", str(repo), "cat-file", "--batch"],
        input="".join(f"{n}\n" for n in wanted).encode(),
        capture_output=True,
        env=git_env(),
        check=False,
    )
    if done.returncode != 0:
        raise GitCommandError("git cat-file --batch", done.stderr.decode(errors="replace"))
    out: dict[str, str] = {}
    data, pos = done.stdout, 0
    for name in wanted:
        end = data.index(b"\n", pos)
        header = data[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[-1] == b"missing" or not header[-1].isdigit():
            continue  # "<name> missing" (or ambiguous): that version does not exist
        size = int(header[-1])
        out[name] = data[pos : pos + size].decode("utf-8", errors="replace")
        pos += size + 1  # the content is followed by a newline
    return out


def version_names(
    commit: str, base: str | None, path: str, old_path: str | None, added: bool
) -> tuple[str | None, str]:
    """(before, after) object names of a file changed by a landing."""
    before = None if added or base is None else f"{base}:{old_path or path}"
    return before, f"{commit}:{path}"


def load(text: str | None) -> Any:
    """An SOP version as data (the project's strict YAML reader), ``None`` if unreadable."""
    if text is None:
        return None
    from kinerja.read.yaml_strict import parse_yaml

    return parse_yaml(text, "sop.yml").data


def effective_date(document: Any) -> date | None:
    """``identitas.tanggal_efektif`` as a date, or ``None`` when absent or unreadable."""
    if not isinstance(document, Mapping):
        return None
    identity = document.get("identitas")
    value = identity.get("tanggal_efektif") if isinstance(identity, Mapping) else None
    if isinstance(value, date):
        return value
    match = _DATE.match(str(value or ""))
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _key_of(items: list[Any]) -> str | None:
    """The field that names list items (``no`` of activities, ``id`` of executors), if unique."""
    for key in ("no", "id"):
        values = [i.get(key) for i in items if isinstance(i, Mapping)]
        complete = len(values) == len(items) and None not in values
        if complete and len(set(map(str, values))) == len(values):
            return key
    return None


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """``{"a": {"b": [x]}}`` -> ``{"a.b[1]": x}``; list items named by ``no``/``id`` if any."""
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return out or {prefix: {}}
    if isinstance(value, list):
        name = _key_of(value)
        out = {}
        for index, item in enumerate(value, start=1):
            label = item[name] if name and isinstance(item, Mapping) else index
            out.update(flatten(item, f"{prefix}[{label}]"))
        return out or {prefix: []}
    return {prefix: value}


def _show(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = " ".join(text.split())
    return text if len(text) <= _MAX_VALUE else text[: _MAX_VALUE - 1] + "…"


def describe_changes(old_text: str | None, new_text: str | None) -> tuple[str, ...]:
    """A readable list of what changed between two SOP versions, in Indonesian."""
    old, new = load(old_text), load(new_text)
    if not isinstance(old, Mapping) or not isinstance(new, Mapping):
        diff = difflib.unified_diff(
            (old_text or "").splitlines(), (new_text or "").splitlines(), lineterm="", n=0
        )
        return tuple(line for line in diff if not line.startswith(("---", "+++")))[:_MAX_LINES]
    before, after = flatten(old), flatten(new)
    lines: list[str] = []
    for key in after:
        if key not in before:
            lines.append(f"Ditambahkan {key}: «{_show(after[key])}»")
        elif before[key] != after[key]:
            lines.append(f"Diubah {key}: «{_show(before[key])}» → «{_show(after[key])}»")
    lines += [f"Dihapus {key}: «{_show(before[key])}»" for key in before if key not in after]
    return tuple(lines[:_MAX_LINES])
