"""The published schemas' examples, taken from the office's own data.

The package's schemas carry ``examples`` written for the organisation the package was first made
for; published as they are, another office's data dictionary would show that organisation's unit
ids, people and document numbers. So every example is dropped and replaced by values found at
the same place in the office's own files (its ``organisasi.yml``, ``indikator.yml``, requests,
submissions, analyses, SOPs): a field with no value in the office's data has no example.

Only what the site publishes anyway is used: restricted documents keep only type, number and
date (as on every page), and e-mail addresses and NIPs are never taken (:data:`PRIVATE`).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kinerja.snapshot import Snapshot

#: Field names whose values are not published as examples.
PRIVATE = frozenset({"email", "nip"})
#: At most this many examples per field, and documents read per kind of file.
MAX_EXAMPLES = 2
MAX_DOCUMENTS = 50
#: An object or list example longer than this (as JSON) is left out: it would fill the page.
MAX_EXAMPLE_CHARS = 120

Schema = dict[str, Any]


def _record(found: dict[int, list[Any]], node: Mapping[str, Any], value: Any) -> None:
    values = found.setdefault(id(node), [])
    if len(values) < MAX_EXAMPLES and value not in values:
        if isinstance(value, dict | list):
            text = json.dumps(value, ensure_ascii=False)
            if len(text) > MAX_EXAMPLE_CHARS or not value:
                return
        values.append(value)


def _walk(found: dict[int, list[Any]], node: Mapping[str, Any], value: Any) -> None:
    """Record ``value`` at ``node`` and go down the data and the schema together."""
    if value is None or "$ref" in node:
        return
    _record(found, node, value)
    if isinstance(value, Mapping):
        properties = node.get("properties", {})
        patterns = node.get("patternProperties", {})
        extra = node.get("additionalProperties")
        for key, sub_value in value.items():
            if key in PRIVATE:
                continue
            if key in properties:
                _walk(found, properties[key], sub_value)
                continue
            matched = [sub for pat, sub in patterns.items() if re.search(pat, str(key))]
            if matched:
                _walk(found, matched[0], sub_value)
            elif isinstance(extra, Mapping):
                _walk(found, extra, sub_value)
    elif isinstance(value, list) and isinstance(node.get("items"), Mapping):
        for item in value:
            _walk(found, node["items"], item)


def _rewrite(node: Any, found: Mapping[int, list[Any]]) -> Any:
    """A copy of ``node`` whose ``examples`` are the recorded values (or none)."""
    if isinstance(node, list):
        return [_rewrite(item, found) for item in node]
    if not isinstance(node, Mapping):
        return copy.deepcopy(node)
    out: Schema = {}
    for key, value in node.items():
        if key != "examples":
            out[key] = _rewrite(value, found) if isinstance(value, Mapping | list) else value
    examples = found.get(id(node))
    if examples:
        out["examples"] = copy.deepcopy(examples)
    return out


def with_office_examples(schema: Mapping[str, Any], documents: Iterable[Any]) -> Schema:
    """``schema`` with every ``examples`` replaced by values from ``documents`` (files of that
    kind, as read), at most :data:`MAX_EXAMPLES` per field; a field without data has none."""
    found: dict[int, list[Any]] = {}
    for count, document in enumerate(documents):
        if count >= MAX_DOCUMENTS:
            break
        if isinstance(document, Mapping):
            _walk(found, schema, document)
    found.pop(id(schema), None)  # a whole file is no example of itself
    rewritten: Schema = _rewrite(schema, found)
    return rewritten


def strip_examples(schema: Mapping[str, Any]) -> Schema:
    """``schema`` without any example."""
    return with_office_examples(schema, ())


def _documents(snapshot: Snapshot) -> dict[str, list[Any]]:
    """The office's files by schema kind, newest period first, as the site may show them."""
    from kinerja.site.pages.downloads import visible_document

    tracker = snapshot.tracker
    periods = list(reversed(tracker.sorted_periods()))
    settings = tracker.organisation_data.get("pengaturan")
    submissions: list[dict[str, Any]] = []
    for files in periods:
        if len(submissions) >= MAX_DOCUMENTS:
            break
        for sub in files.submissions.values():
            data = dict(sub.data)
            if isinstance(data.get("dokumen"), list):
                data["dokumen"] = [
                    {k: v for k, v in visible_document(d).items() if v is not None}
                    for d in data["dokumen"]
                    if isinstance(d, Mapping)
                ]
            submissions.append(data)
    return {
        "organisasi": [tracker.organisation_data],
        "indikator": [tracker.indicator_data],
        "permintaan": [f.request for f in periods if f.request is not None],
        "submisi": submissions,
        "analisis": [f.analysis for f in periods if f.analysis is not None],
        "pengaturan": [settings] if isinstance(settings, Mapping) else [],
        "sop": [tracker.sops[key] for key in sorted(tracker.sops)],
    }


def published_schemas(snapshot: Snapshot) -> dict[str, Schema]:
    """The schemas the office's site publishes (its repository's ``schema/`` when it has one,
    else the package's), every example taken from the office's own data."""
    documents = _documents(snapshot)
    return {
        kind: with_office_examples(schema, documents.get(kind, ()))
        for kind, schema in snapshot.schemas.items()
    }
