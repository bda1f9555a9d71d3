"""Did-you-mean: the closest known name to what the user typed, for hints."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

#: Names and ids are short; difflib on long text is slow (quadratic) and never helpful.
MAX_LENGTH = 60


def did_you_mean(value: object, choices: Iterable[object], cutoff: float = 0.6) -> str:
    text = str(value)
    if len(text) > MAX_LENGTH:
        return ""
    match = difflib.get_close_matches(text, [str(c) for c in choices if c], n=1, cutoff=cutoff)
    return match[0] if match else ""
