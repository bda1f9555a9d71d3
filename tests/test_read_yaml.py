"""Strict YAML: what a civil servant types is what the schema sees, at the line it was typed."""

from __future__ import annotations

import pytest

from kinerja.read import Limits, read_bytes


def read(text: str | bytes, **limits: int) -> tuple[object, list[tuple[str, int | None]]]:
    raw = text.encode() if isinstance(text, str) else text
    doc = read_bytes(raw, "submissions/2026-q4/irban-1.yml", Limits(**limits))
    return doc.data, [(f.code, f.line) for f in doc.findings]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a: no", "no"),
        ("a: yes", "yes"),
        ("a: on", "on"),
        ("a: 2026-10-05", "2026-10-05"),
        ("a: 1:30", "1:30"),
        ("a: 010", 10),
        ("a: 0o10", 8),
        ("a: 85.5", 85.5),
        ("a: '85'", "85"),
        ("a: 85,5", "85,5"),
        ("a: 85%", "85%"),
        ("a: .inf", ".inf"),
        ("a: true", True),
        ("a: ~", None),
        ("a:", None),
        ("a: 1e3", 1000.0),
        ("a: 1_000", "1_000"),
    ],
)
def test_scalars_follow_yaml_1_2_core_only(source: str, expected: object) -> None:
    data, findings = read(source)
    assert findings == []
    assert data == {"a": expected}


@pytest.mark.parametrize(
    ("source", "code", "line"),
    [
        ("a: &x 1\nb: *x\n", "yaml-anchor", 1),
        ("a: [1]\nb: *x\n", "yaml-alias", 2),
        ("unit: a\nunit: b\n", "yaml-duplicate-key", 2),
        ("a:\n\tb: 1\n", "yaml-tab", 2),
        ("a: !!python/object/apply:os.system ['ls']\n", "yaml-tag", 1),
        ("a: !custom 1\n", "yaml-tag", 1),
        ("? [a, b]\n: 1\n", "yaml-complex-key", 1),
        ("a: 1\n---\nb: 2\n", "yaml-multi-document", 2),
        ("a: 'unterminated\n", "yaml-syntax", 2),
        ("", "file-empty", 1),
        ("# only a comment\n", "file-empty", 1),
    ],
)
def test_bad_yaml_is_a_finding_at_its_line(source: str, code: str, line: int) -> None:
    data, findings = read(source)
    assert data is None
    assert (code, line) in findings


def test_positions_of_values_and_keys() -> None:
    doc = read_bytes(
        b"unit: irban-1\nrealisasi:\n  - indikator: x\n    nilai: 3\n", "a.yml", Limits()
    )
    assert doc.positions[("realisasi", 0, "nilai")].line == 4
    assert doc.positions[("realisasi", 0, "nilai")].column == 12
    assert doc.key_positions[("realisasi", 0, "nilai")].column == 5
    assert doc.position(("realisasi", 0, "missing")).line == 3


def test_depth_and_size_limits() -> None:
    deep = "a: " + "[" * 30 + "]" * 30
    _, findings = read(deep, max_depth=20)
    assert findings[0][0] == "yaml-too-deep"
    _, findings = read("a: " + "x" * 5000, max_bytes=1024)
    assert findings[0][0] == "file-too-large"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("unit: café\n".encode("latin-1"), "encoding-not-utf8"),
        ("unit: x\n".encode("utf-16"), "encoding-utf16"),
        (b"unit: x\x00\n", "file-binary"),
    ],
)
def test_encodings(raw: bytes, code: str) -> None:
    data, findings = read(raw)
    assert data is None
    assert findings[0][0] == code


def test_bom_is_accepted() -> None:
    data, findings = read(b"\xef\xbb\xbfunit: x\n")
    assert findings == []
    assert data == {"unit": "x"}


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join(['*a' + str(i - 1)] * 9)}]" for i in range(1, 10)]
    data, findings = read("\n".join(lines))
    assert data is None
    assert findings[0][0] == "yaml-anchor"
