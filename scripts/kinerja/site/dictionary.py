"""The data dictionary (kamus data), generated from the JSON Schemas.

The schemas in ``schema/`` are the single source of truth for every file a user edits; this page
is their readable form, so it can never disagree with what the validator checks. For each file
kind it lists every field with its path (``dokumen[].judul``: ``[]`` is "each item of the list"),
Indonesian title and description, type, whether it is required, the allowed values (choices,
pattern, range, length) and examples. Lists of plain values (``unit: [wilayah-1, ...]``) are one
row: the rules of their items are folded into it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from kinerja.resources import all_schemas
from kinerja.site.html import block, esc, heading, md_text, table

__all__ = ["KINDS", "Field", "fields", "page", "schema_files"]

#: Schema name -> where that kind of file lives, in the order the page shows them.
KINDS: dict[str, str] = {
    "organisasi": "submissions/organisasi.yml",
    "indikator": "submissions/indikator.yml",
    "permintaan": "submissions/<periode>/permintaan.yml",
    "submisi": "submissions/<periode>/<unit>.yml, .csv atau .xlsx",
    "analisis": "submissions/<periode>/analisis.md (bagian pembuka di antara dua baris ---)",
    "pengaturan": "bagian pengaturan di organisasi.yml (bawaan: kinerja/data/pengaturan.yml)",
    "sop": "docs/sop/<id>.yml",
}

_TYPES = {
    "string": "teks",
    "number": "angka",
    "integer": "bilangan bulat",
    "boolean": "ya/tidak (true/false)",
    "array": "daftar",
    "object": "kelompok isian",
    "null": "kosong",
}
_PERIOD_PATTERN = "^[0-9]{4}-(0[1-9]|1[0-2]|q[1-4])$"
#: Patterns the schemas share, in words; the regular expression is shown beside them.
_PATTERN_WORDS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "kode: huruf kecil a-z, angka 0-9, tanda hubung di antaranya",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "tanggal TTTT-BB-HH",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}(T([01][0-9]|2[0-3]):[0-5][0-9])?$": (
        "tanggal TTTT-BB-HH, boleh dengan jam: TTTT-BB-HHTJJ:MM"
    ),
    "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$": "jam JJ:MM (00:00 sampai 23:59, atau 24:00)",
    _PERIOD_PATTERN: "periode TTTT-BB (bulanan) atau TTTT-qN (triwulanan)",
    "^https?://\\S+$": "alamat web diawali http:// atau https://",
    "^[0-9]{8} ?[0-9]{6} ?[0-9] ?[0-9]{3}$": "NIP 18 angka, boleh berspasi 8-6-1-3",
    "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$": "alamat e-mail",
}


@dataclass(frozen=True)
class Field:
    """One row of the dictionary."""

    path: str
    title: str
    description: str
    type: str
    required: bool
    rules: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    ref: str | None = field(default=None)  # another schema this field follows


def _types(node: Mapping[str, Any]) -> list[str]:
    kind = node.get("type")
    if kind is None:
        return []
    return [kind] if isinstance(kind, str) else list(kind)


def _number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.10g}"
    if isinstance(value, float) and "e" not in text:
        text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _value(value: Any) -> str:
    """An allowed value or example as it would be written in YAML/JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _range(low: Any, high: Any, unit: str) -> str | None:
    if low is not None and high is not None:
        if low == high:
            return f"tepat {_number(low)} {unit}"
        return f"{_number(low)}–{_number(high)} {unit}"
    if low is not None:
        return f"paling sedikit {_number(low)} {unit}"
    if high is not None:
        return f"paling banyak {_number(high)} {unit}"
    return None


def _rules(node: Mapping[str, Any], *, item: bool = False) -> list[str]:
    """The constraints of one schema node, in Indonesian."""
    out: list[str] = []
    prefix = "tiap butir: " if item else ""
    if "const" in node:
        out.append(f"{prefix}harus {_value(node['const'])}")
    if "enum" in node:
        out.append(prefix + "salah satu dari: " + ", ".join(_value(v) for v in node["enum"]))
    if "pattern" in node:
        words = _PATTERN_WORDS.get(node["pattern"])
        if words:
            out.append(f"{prefix}bentuk: {words}")
        out.append(f"{prefix}pola (regex): {node['pattern']}")
    low = node.get("minimum", node.get("exclusiveMinimum"))
    high = node.get("maximum", node.get("exclusiveMaximum"))
    if low is not None or high is not None:
        parts = []
        if low is not None:
            parts.append(("> " if "exclusiveMinimum" in node else "≥ ") + _number(low))
        if high is not None:
            parts.append(("< " if "exclusiveMaximum" in node else "≤ ") + _number(high))
        out.append(prefix + "nilai " + " dan ".join(parts))
    length = _range(node.get("minLength"), node.get("maxLength"), "karakter")
    if length:
        out.append(f"{prefix}panjang {length}")
    if "format" in node:
        out.append(f"{prefix}format {node['format']}")
    if not item:
        count = _range(node.get("minItems"), node.get("maxItems"), "butir")
        if count:
            out.append(f"banyaknya {count}")
        if node.get("uniqueItems"):
            out.append("tanpa butir ganda")
        keys = _range(node.get("minProperties"), node.get("maxProperties"), "isian")
        if keys:
            out.append(f"banyaknya {keys}")
        if "default" in node:
            out.append(f"bila tidak diisi: {_value(node['default'])}")
    return out


def _type_text(node: Mapping[str, Any]) -> str:
    kinds = _types(node)
    items = node.get("items") if isinstance(node.get("items"), Mapping) else None
    words = []
    for kind in kinds:
        word = _TYPES.get(kind, kind)
        if kind == "array" and items is not None and not _is_container(items):
            inner = " atau ".join(_TYPES.get(k, k) for k in _types(items)) or "nilai"
            word = f"daftar {inner}"
        words.append(word)
    return " atau ".join(words) or ("mengikuti skema lain" if "$ref" in node else "bebas")


def _is_container(node: Mapping[str, Any]) -> bool:
    return bool(
        node.get("properties")
        or node.get("patternProperties")
        or isinstance(node.get("additionalProperties"), Mapping)
    )


def _key_label(pattern: str) -> str:
    return "<periode>" if pattern == _PERIOD_PATTERN else "<kunci>"


def _row(
    path: str, node: Mapping[str, Any], required: bool, *, key_pattern: str | None = None
) -> Field:
    rules = _rules(node)
    if key_pattern is not None:
        rules.insert(
            0,
            "nama isian: "
            + (
                "periode TTTT-BB atau TTTT-qN"
                if key_pattern == _PERIOD_PATTERN
                else f"pola (regex) {key_pattern}"
            ),
        )
    items = node.get("items")
    if isinstance(items, Mapping) and not _is_container(items):
        rules += _rules(items, item=True)
    examples = tuple(_value(e) for e in node.get("examples", ()))
    if not examples and isinstance(items, Mapping) and not _is_container(items):
        examples = tuple(_value(e) for e in items.get("examples", ()))
    ref = node.get("$ref")
    return Field(
        path=path,
        title=str(node.get("title", "")),
        description=str(node.get("description", "")),
        type=_type_text(node),
        required=required,
        rules=tuple(rules),
        examples=examples,
        ref=str(ref) if ref else None,
    )


def _walk(node: Mapping[str, Any], prefix: str) -> Iterator[Field]:
    required = set(node.get("required", ()))
    for name, sub in node.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        yield _row(path, sub, name in required)
        yield from _descend(sub, path)
    for pattern, sub in node.get("patternProperties", {}).items():
        path = f"{prefix}.{_key_label(pattern)}" if prefix else _key_label(pattern)
        yield _row(path, sub, False, key_pattern=pattern)
        yield from _descend(sub, path)
    extra = node.get("additionalProperties")
    if isinstance(extra, Mapping):
        path = f"{prefix}.<kunci>" if prefix else "<kunci>"
        yield _row(path, extra, False)
        yield from _descend(extra, path)


def _descend(node: Mapping[str, Any], path: str) -> Iterator[Field]:
    if "$ref" in node:
        return
    if _is_container(node):
        yield from _walk(node, path)
    items = node.get("items")
    if isinstance(items, Mapping) and _is_container(items):
        yield from _walk(items, f"{path}[]")


def fields(schema: Mapping[str, Any]) -> list[Field]:
    """Every field of a schema, depth first, in the schema's own order."""
    return list(_walk(schema, ""))


def _anchor(kind: str, path: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")
    return f"kamus-{kind}-{slug}"


def _breakable(path: str) -> str:
    """A field path that may wrap after each dot (``<wbr>``), not inside a word."""
    return "<wbr>".join(esc(part) for part in re.split(r"(?<=\.)", path))


def _rule_html(rule: str) -> str:
    """A rule as HTML: a regular expression is shown as code (it may break anywhere)."""
    marker = "pola (regex): "
    if marker in rule:
        head, pattern = rule.split(marker, 1)
        return f'{esc(head)}pola (regex): <code class="kj-pattern">{esc(pattern)}</code>'
    return esc(rule)


def _ref_name(ref: str) -> str:
    name = ref.rsplit("/", 1)[-1].removesuffix(".schema.json")
    return name


def _kind_section(kind: str, schema: Mapping[str, Any]) -> str:
    title = str(schema.get("title", kind))
    where = KINDS.get(kind, kind)
    rows = []
    for item in fields(schema):
        name = (
            f'<code id="{esc(_anchor(kind, item.path))}">{_breakable(item.path)}</code>'
            f"<br><small>{esc(item.type)}</small>"
            + (' <strong class="kj-required">wajib</strong>' if item.required else "")
        )
        about = f"<strong>{esc(item.title)}</strong>" if item.title else ""
        if item.description:
            about += f"<br>{esc(item.description)}" if about else esc(item.description)
        if item.ref:
            target = _ref_name(item.ref)
            about += f'<br>Isinya mengikuti <a href="#kamus-{esc(target)}">{esc(target)}</a>.'
        rules = "".join(f"<li>{_rule_html(r)}</li>" for r in item.rules)
        examples = ", ".join(f"<code>{esc(e)}</code>" for e in item.examples)
        detail = f'<ul class="kj-plain">{rules}</ul>' if rules else ""
        if examples:
            detail += f"Contoh: {examples}"
        rows.append([name, about, detail or "–"])
    parts = [
        heading(2, title, attrs=f"#kamus-{kind}"),
        f"Berkas: `{where}` · skema: [`{kind}.schema.json`](skema/{kind}.schema.json)\n\n",
    ]
    if schema.get("description"):
        parts.append(block(f"<p>{esc(schema['description'])}</p>"))
    parts.append(
        block(
            table(
                ["Isian dan jenis", "Nama dan keterangan", "Aturan dan contoh"],
                rows,
                caption=f"Isian {where}",
                css="kj-dictionary",
            )
        )
    )
    return "".join(parts)


def page(schemas: Mapping[str, Mapping[str, Any]] | None = None) -> str:
    """The Markdown of the data dictionary page (``unduh/kamus-data.md``)."""
    schemas = schemas if schemas is not None else all_schemas()
    order = [k for k in KINDS if k in schemas] + sorted(set(schemas) - set(KINDS))
    parts = [
        "# Kamus data\n\n",
        "Daftar setiap isian pada berkas yang diisi pengguna, dibuat otomatis dari skema JSON "
        "(folder `schema/` di repositori) yang juga dipakai pemeriksa data, sehingga halaman ini "
        "selalu sama dengan aturan yang diperiksa. Cara membaca kolom *Isian*: titik memisahkan "
        "isian di dalam kelompok (`instansi.nama`), `[]` berarti setiap butir daftar "
        "(`dokumen[].judul` adalah judul setiap dokumen), dan `<periode>` berarti nama isian "
        "berupa kode periode (mis. `2026-q1`).\n\n",
        "Kolom *Isian dan jenis* juga menyebut jenis nilainya (teks, angka, daftar...) dan "
        "apakah isian itu **wajib**.\n\n"
        "Berkas CSV dan XLSX data unit memakai tabel dengan kolom `bagian`, `kunci`, `nilai` "
        "dan seterusnya; isinya sama dengan isian data unit di bawah (lihat panduan staf unit)."
        "\n\n",
    ]
    parts.append("".join(f"* [{md_text(schemas[k].get('title', k))}](#kamus-{k})\n" for k in order))
    parts.append("\n")
    for kind in order:
        parts.append(_kind_section(kind, schemas[kind]))
    return "".join(parts)


def schema_files(schemas: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, bytes]:
    """The schemas themselves, published as ``unduh/skema/<name>.schema.json``."""
    schemas = schemas if schemas is not None else all_schemas()
    return {
        f"unduh/skema/{name}.schema.json": (
            json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
        ).encode("utf-8")
        for name, schema in sorted(schemas.items())
    }
