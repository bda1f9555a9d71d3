"""JSON Schema validation whose errors read like a colleague's note, at the right line.

jsonschema reports *what* failed; this module turns each error into a finding with the field's
Indonesian ``title`` and ``description`` from the schema, the value's position from the reader, and
a hint (did-you-mean for unknown keys and choices, how to write a number).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from kinerja.codes import visible
from kinerja.findings import Finding, FindingList, field_path
from kinerja.read.document import Document
from kinerja.resources import all_schemas
from kinerja.suggest import did_you_mean


@cache
def validator_for(kind: str) -> Draft202012Validator:
    schemas = all_schemas()
    registry: Registry[Any] = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()
    )
    return Draft202012Validator(schemas[kind], registry=registry)


@cache
def fast_validator_for(kind: str) -> jsonschema_rs.Draft202012Validator:
    """The same schema compiled by jsonschema-rs: about fifty times faster, but its errors carry
    less of what our messages need. It only answers "valid or not"; a file it rejects is checked
    again by :func:`validator_for` for the findings. Its regular expressions are ECMA-like where
    Python's are not (``$`` before a final newline, what ``\\s`` covers): the differential tests
    in tests/test_schemas.py hold it to never accept what jsonschema rejects."""
    schemas = all_schemas()
    registry = jsonschema_rs.Registry([(schema["$id"], schema) for schema in schemas.values()])
    return jsonschema_rs.Draft202012Validator(schemas[kind], registry=registry)


def is_valid_fast(data: Any, kind: str) -> bool:
    """True when the compiled validator accepts ``data``; False means "look closer", not invalid."""
    try:
        return bool(fast_validator_for(kind).is_valid(data))
    except (ValueError, TypeError, OverflowError):
        return False  # a value it cannot convert (a huge integer, say): the slow path decides


def show(value: Any, limit: int = 60) -> str:
    """A value as the user typed it, quoted when text, shortened when long."""
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return f"'{visible(text)}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "(kosong)"
    if isinstance(value, (dict, list)):
        return "(daftar)" if isinstance(value, list) else "(kelompok isian)"
    return str(value)


_TYPE_NAMES = {
    "string": "teks",
    "number": "angka",
    "integer": "bilangan bulat",
    "boolean": "true atau false",
    "object": "kelompok isian (nama: nilai)",
    "array": "daftar (baris diawali '- ')",
    "null": "kosong",
}


def _sheet_type_hint(value: Any, expected: list[str]) -> str:
    """The same advice for a spreadsheet cell, where quote marks mean nothing."""
    if ("number" in expected or "integer" in expected) and isinstance(value, str):
        return (
            "Ketik angkanya saja di sel itu (mis. 85,5 atau 85,5%), tanpa satuan atau teks; "
            "angka dengan pemisah ribuan ditulis 1.234,5."
        )
    if "string" in expected and value is None:
        return "Isi sel ini, atau kosongkan seluruh barisnya bila memang tidak ada isinya."
    if "string" in expected and not isinstance(value, str):
        return "Format sel sebagai Teks (klik kanan > Format Sel > Teks) lalu ketik ulang isinya."
    return ""


def _type_hint(value: Any, expected: list[str], kind: str = "yaml") -> str:
    if kind in ("csv", "xlsx"):
        return _sheet_type_hint(value, expected)
    if ("number" in expected or "integer" in expected) and isinstance(value, str):
        text = value.strip()
        if text.endswith("%"):
            return f"Tulis angkanya saja tanpa tanda %, misalnya {text.rstrip('%').strip()}."
        if "," in text:
            return (
                f"Gunakan titik sebagai pemisah desimal dan tanpa tanda kutip, misalnya "
                f"{text.replace('.', '').replace(',', '.')}."
            )
        return "Tulis angka tanpa tanda kutip dan tanpa satuan."
    if "string" in expected and value is None:
        return "Isi teksnya, atau hapus baris ini bila memang tidak ada isinya."
    if "string" in expected and not isinstance(value, str):
        return 'Beri tanda kutip pada nilai ini agar dibaca sebagai teks, mis. "700/45".'
    if "array" in expected:
        return "Tulis sebagai daftar: setiap butir pada baris baru diawali '- '."
    return ""


_DATE_SHEET_HINT = (
    "Ketik tanggal sebagai HH/BB/TTTT, mis. 05/10/2026, di sel bertipe tanggal (templat Excel "
    "sudah menyiapkannya)."
)
_PERIOD_SHEET_HINT = (
    "Tulis periode sebagai TTTT-BB atau TTTT-qN (mis. 2026-11 atau 2026-q4). Bila Excel "
    "mengubahnya menjadi tanggal (Nov-26), format sel sebagai Teks lalu ketik ulang."
)


def _plain(description: str, kind: str, path: tuple[Any, ...] = ()) -> str:
    """A schema description for the file at hand: YAML advice (quote marks, ``TTTT-BB-HH``
    in quotes) is replaced by what one does in a spreadsheet cell."""
    if kind not in ("csv", "xlsx"):
        return description
    key = str(path[-1]) if path else ""
    if key == "tanggal" or key.startswith("tanggal_"):
        return _DATE_SHEET_HINT
    if key == "periode":
        return _PERIOD_SHEET_HINT
    sentences = [s for s in description.split(". ") if "kutip" not in s.lower()]
    return ". ".join(sentences)


def _title(schema: Any, fallback: str) -> str:
    if isinstance(schema, dict):
        title = schema.get("title")
        if isinstance(title, str) and title:
            return title
    return fallback


def _description(schema: Any) -> str:
    if isinstance(schema, dict):
        text = schema.get("description")
        if isinstance(text, str):
            return text
    return ""


def _leaf_errors(error: ValidationError) -> Iterator[ValidationError]:
    """For ``anyOf``/``oneOf``, descend into the most relevant alternative."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        from jsonschema.exceptions import best_match

        best = best_match(error.context)
        if best is not None and best is not error:
            yield from _leaf_errors(best)
            return
    yield error


#: More findings than this in one file means the wrong file or a broken one: stop early (the
#: runner adds a "findings-truncated" note).
MAX_FINDINGS = 100


def schema_findings(doc: Document, kind: str) -> list[Finding]:
    """Validate ``doc.data`` against ``schema/<kind>.schema.json``."""
    if is_valid_fast(doc.data, kind):
        return []
    out = FindingList(doc.path)
    validator = validator_for(kind)
    for top in validator.iter_errors(doc.data):
        for error in _leaf_errors(top):
            _convert(error, doc, out)
        if len(out.items) > MAX_FINDINGS:
            break
    return out.items


def _convert(error: ValidationError, doc: Document, out: FindingList) -> None:
    path = tuple(error.absolute_path)
    name = field_path(path) or "(berkas)"
    value = error.instance
    schema = error.schema
    keyword = error.validator
    title = _title(schema, name)
    description = _description(schema)
    if keyword == "required":
        if not isinstance(value, dict):
            return
        props = schema.get("properties", {}) if isinstance(schema, dict) else {}
        for missing in error.validator_value:
            if missing in value:
                continue
            sub = props.get(missing, {})
            where = (*path, missing)
            out.add(
                "schema-required",
                doc.positions.get(where) or doc.position(path),
                field_path((*path, missing)),
                name=missing,
                title=_title(sub, missing),
                description=_description(sub),
            )
        return
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        if not isinstance(value, dict):
            return
        known = sorted(schema.get("properties", {})) if isinstance(schema, dict) else []
        patterns = schema.get("patternProperties", {}) if isinstance(schema, dict) else {}
        import re

        for key in value:
            if key in known or any(re.search(p, key) for p in patterns):
                continue
            if len(out.items) > MAX_FINDINGS:
                break
            out.add(
                "schema-unknown-key",
                doc.position((*path, key), key=True),
                field_path((*path, key)),
                name=key,
                suggestion=did_you_mean(key, known),
                known=", ".join(known) or "-",
            )
        return
    pos = doc.position(path)
    if keyword == "type":
        expected = error.validator_value
        expected_list = [expected] if isinstance(expected, str) else list(expected)
        out.add(
            "schema-type",
            pos,
            name,
            value=show(value),
            title=title,
            expected=" atau ".join(_TYPE_NAMES.get(t, t) for t in expected_list),
            type_hint=_type_hint(value, expected_list, doc.kind) or _plain(description, doc.kind),
        )
    elif keyword in ("enum", "const"):
        choices = error.validator_value if keyword == "enum" else [error.validator_value]
        text_choices = [str(c) for c in choices]
        out.add(
            "schema-enum",
            pos,
            name,
            value=show(value),
            title=title,
            choices=", ".join(text_choices),
            suggestion=did_you_mean(value, text_choices, 0.5),
        )
    elif keyword == "pattern":
        out.add(
            "schema-pattern",
            pos,
            name,
            value=show(value),
            title=title,
            description=_plain(description, doc.kind, path),
        )
    elif keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        problem = {
            "minimum": f"kurang dari batas bawah {error.validator_value}",
            "maximum": f"melebihi batas atas {error.validator_value}",
            "exclusiveMinimum": f"harus lebih dari {error.validator_value}",
            "exclusiveMaximum": f"harus kurang dari {error.validator_value}",
        }[str(keyword)]
        out.add(
            "schema-range",
            pos,
            name,
            value=show(value),
            title=title,
            problem=problem,
            description=description,
        )
    elif keyword in ("minLength", "maxLength", "minItems", "maxItems", "minProperties"):
        limit = error.validator_value
        problem = {
            "minLength": "tidak boleh kosong" if limit == 1 else f"minimal {limit} karakter",
            "maxLength": f"terlalu panjang (maksimal {limit} karakter)",
            "minItems": "tidak boleh kosong" if limit == 1 else f"minimal {limit} butir",
            "maxItems": f"terlalu banyak butir (maksimal {limit})",
            "minProperties": "tidak boleh kosong",
        }[str(keyword)]
        out.add("schema-length", pos, name, title=title, problem=problem, description=description)
    else:
        problem = {
            "uniqueItems": "berisi butir yang sama lebih dari sekali",
            "anyOf": "tidak cocok dengan bentuk mana pun yang diizinkan",
            "oneOf": "tidak cocok dengan tepat satu bentuk yang diizinkan",
            "not": "berisi nilai yang tidak diizinkan",
            "dependentRequired": "memerlukan isian lain yang belum diisi",
        }.get(str(keyword), f"melanggar ketentuan '{keyword}'")
        out.add("schema-invalid", pos, name, title=title, problem=problem, description=description)
