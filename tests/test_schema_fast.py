"""The compiled fast path (jsonschema-rs) never accepts what jsonschema rejects.

``kinerja.validate.schema`` asks jsonschema-rs first and only runs jsonschema (which gives the
error details our messages need) when the fast one says no. That is only sound if the fast
validator is never *more* lenient: a document it accepts must have no jsonschema error. The two
differ in their regular expressions (Rust/ECMA vs Python ``re``), so every pattern in our schemas
is tested on generated text, besides the good and bad documents of tests/test_schemas.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja.validate.schema import fast_validator_for, is_valid_fast
from test_schemas import BAD, EXAMPLES, GOOD, KINDS, errors, load_schema, mutate

PY_ONLY_ERRORS = "jsonschema-rs accepted a document that jsonschema rejects"


def patterns(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield node["pattern"]
        yield from node.get("patternProperties", {})
        for value in node.values():
            yield from patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from patterns(value)


ALL_PATTERNS = sorted({p for kind in KINDS for p in patterns(load_schema(kind))})


@pytest.mark.parametrize(("kind", "doc"), GOOD)
def test_fast_path_accepts_every_good_document(kind: str, doc: Any) -> None:
    assert is_valid_fast(doc, kind)


@pytest.mark.parametrize("case", range(len(BAD)))
def test_fast_path_rejects_every_mistake(case: int) -> None:
    kind, where, key, value, _at, _keyword = BAD[case]
    doc = mutate(EXAMPLES[kind], where + key, value)
    assert errors(kind, doc), "the mistake is no mistake for jsonschema either"
    assert not is_valid_fast(doc, kind), PY_ONLY_ERRORS


def test_every_schema_pattern_is_known() -> None:
    assert len(ALL_PATTERNS) >= 10  # the walk found them, so the property below tests something


@pytest.mark.parametrize("pattern", ALL_PATTERNS)
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_pattern_is_never_more_lenient_in_rust(pattern: str, data: st.DataObject) -> None:
    # Strings near the pattern (generated from it) and arbitrary ones, control characters,
    # Unicode spaces and trailing newlines included: where Python's ``re`` and Rust disagree.
    near = st.from_regex(pattern)
    tails = st.sampled_from(
        ["", "\n", "\r\n", " ", "\u00a0", "\u2028", "\x1c", "\x85", "\u200b", "\ufeff"]
    )
    text = data.draw(
        st.one_of(
            st.builds(lambda s, t: s + t, near, tails),
            st.builds(lambda t, s: t + s, tails, near),
            st.text(max_size=30),
        )
    )
    import jsonschema_rs

    fast = jsonschema_rs.Draft202012Validator({"type": "string", "pattern": pattern})
    if fast.is_valid(text):
        assert re.search(pattern, text), f"{PY_ONLY_ERRORS}: {pattern!r} {text!r}"


def test_fast_validators_compile_with_cross_schema_references() -> None:
    for kind in KINDS:
        assert fast_validator_for(kind).is_valid(EXAMPLES.get(kind, {})) is (kind in EXAMPLES)


@pytest.mark.parametrize("pattern", ALL_PATTERNS)
def test_pattern_agrees_on_every_single_character(pattern: str) -> None:
    """Where Python's and Rust's character classes differ (\\s and U+001C-U+001F, U+0085),
    one character around a valid value decides: every code point up to U+30FF is tried."""
    import jsonschema_rs

    fast = jsonschema_rs.Draft202012Validator({"type": "string", "pattern": pattern})
    for base in ("a", "ab.cd", "a@b.cd", "https://x.id/a"):
        if not re.search(pattern, base):
            continue
        for code in range(0x3100):
            text = base + chr(code)
            if 0xD800 <= code <= 0xDFFF:
                continue
            if fast.is_valid(text):
                assert re.search(pattern, text), f"{PY_ONLY_ERRORS}: {pattern!r} {text!r}"


def test_value_the_fast_path_cannot_convert_goes_to_the_slow_path() -> None:
    assert is_valid_fast(10**400, "submisi") is False
    assert is_valid_fast(object(), "submisi") is False
