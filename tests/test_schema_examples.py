"""The published schemas: the office's own ``schema/`` (else the package's), every example taken
from the office's own files, never a private or restricted value."""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator

from kinerja.resources import all_schemas, office_schemas
from kinerja.site.schema_examples import strip_examples, with_office_examples

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "examples": [{"id": "dari-paket"}],
    "properties": {
        "id": {"type": "string", "examples": ["dari-paket"]},
        "email": {"type": "string", "examples": ["orang@paket.example"]},
        "orang": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "string", "examples": ["dari-paket"]},
                    "nip": {"type": "string", "examples": ["19641112 199203 1 008"]},
                },
            },
        },
        "kosong": {"type": "string", "examples": ["dari-paket"]},
    },
}


def test_examples_come_from_the_office_data_only() -> None:
    docs = [
        {
            "id": "kantor-a",
            "email": "x@kantor.example",
            "orang": [{"id": "ani", "nip": "1"}, {"id": "budi"}, {"id": "cici"}],
        },
        {"id": "kantor-b"},
        {"id": "kantor-c"},
    ]
    out = with_office_examples(SCHEMA, docs)
    Draft202012Validator.check_schema(out)
    props = out["properties"]
    assert props["id"]["examples"] == ["kantor-a", "kantor-b"]  # at most two
    assert props["orang"]["items"]["properties"]["id"]["examples"] == ["ani", "budi"]
    assert "examples" not in props["email"]  # e-mail addresses are never examples
    assert "examples" not in props["orang"]["items"]["properties"]["nip"]
    assert "examples" not in props["kosong"]  # no data there: no example at all
    assert "examples" not in out  # a whole file is no example of itself
    assert "dari-paket" not in json.dumps(out)
    assert SCHEMA["properties"]["id"]["examples"] == ["dari-paket"]  # the input is untouched


def test_stripped_package_schemas_stay_valid_json_schema() -> None:
    for schema in all_schemas().values():
        stripped = strip_examples(schema)
        Draft202012Validator.check_schema(stripped)
        assert '"examples"' not in json.dumps(stripped)


def test_office_schema_folder_wins_else_the_package(tmp_path: Path) -> None:
    assert office_schemas(tmp_path) == all_schemas()  # no schema/ folder: the package's
    own = dict(all_schemas()["organisasi"], title="Susunan organisasi kantor ini")
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "organisasi.schema.json").write_text(json.dumps(own), "utf-8")
    found = office_schemas(tmp_path)
    assert set(found) == {"organisasi"}
    assert found["organisasi"]["title"] == "Susunan organisasi kantor ini"


def test_restricted_documents_give_only_type_number_and_date() -> None:
    """A restricted document's title, object and link are not published on any page, so they
    are no example either."""
    from types import SimpleNamespace

    from kinerja.site.schema_examples import published_schemas

    secret = {
        "jenis": "LHP",
        "nomor": "700/1/LHP/2026",
        "tanggal": "2026-10-02",
        "judul": "Judul rahasia",
        "objek": "Objek rahasia",
        "tautan": "https://rahasia.example/lhp",
        "klasifikasi": "terbatas",
    }
    sub = SimpleNamespace(data={"unit": "wilayah-1", "dokumen": [secret]})
    period = SimpleNamespace(submissions={"wilayah-1": sub}, request=None, analysis=None)
    tracker = SimpleNamespace(
        sorted_periods=lambda: [period],
        organisation_data={},
        indicator_data={},
        sops={},
    )
    snapshot = SimpleNamespace(tracker=tracker, schemas={"submisi": all_schemas()["submisi"]})
    text = json.dumps(published_schemas(snapshot))  # type: ignore[arg-type]
    assert "700/1/LHP/2026" in text and "wilayah-1" in text
    assert "rahasia" not in text
