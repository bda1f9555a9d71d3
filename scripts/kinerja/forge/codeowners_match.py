"""Who owns a path according to a CODEOWNERS file, read the way the forge reads it.

``kinerja codeowners --check`` evaluates the *committed* file with these rules, so a file edited
by hand (a rule removed, a bare pattern added) is judged by what the forge will do, not by what
the generator meant.

GitHub (``.github/CODEOWNERS``): gitignore-like patterns, the **last** matching line wins, and a
line with a pattern but no owners leaves the paths it matches without an owner. Patterns:
a leading ``/`` anchors at the root, a pattern of one segment (``*``, ``*.lock``, ``docs/``)
matches at any depth, ``*`` and ``?`` never cross ``/``, ``**`` does, a trailing ``/`` matches
what is inside the folder, and a last segment that is not a lone ``*`` also matches what lies
below a folder of that name. Lines with ``!`` negation or ``[ ]`` ranges are not supported by
GitHub and are skipped, as GitHub skips them.

Forgejo/Gitea (``.gitea/CODEOWNERS``): each line is a Go regular expression matched against
the whole path (``^rule$``), ``!rule`` matches every path the expression does not; owners of
**all** matching lines are requested (no "last wins"). A backslash escapes the next character
and ``#`` starts a comment, before the expression is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OwnerLine:
    line: int
    pattern: str
    owners: tuple[str, ...]
    regex: re.Pattern[str]
    negative: bool = False


def github_regex(pattern: str) -> re.Pattern[str]:
    """A GitHub CODEOWNERS pattern as an anchored regular expression over a repository path."""
    if pattern == "/":
        return re.compile(r"\A\Z")
    segments = pattern.split("/")
    if segments[0] == "":
        segments = segments[1:]
    elif (len(segments) == 1 or (len(segments) == 2 and segments[1] == "")) and segments[0] != "**":
        segments = ["**", *segments]  # one segment: at any depth
    if len(segments) > 1 and segments[-1] == "":
        segments[-1] = "**"  # a trailing slash: everything inside
    last = len(segments) - 1
    out = [r"\A"]
    slash = False
    for index, segment in enumerate(segments):
        if segment == "**":
            if index == 0 and index == last:
                out.append(".+")
            elif index == 0:
                out.append("(?:.+/)?")
                slash = False
            elif index == last:
                out.append("/.*")
            else:
                out.append("(?:/.+)?")
                slash = True
            continue
        if slash:
            out.append("/")
        if segment == "*":
            out.append("[^/]+")
        else:
            out.append(_glob_segment(segment))
            if index == last:
                out.append("(?:/.*)?")  # a folder of that name: everything below it
        slash = True
    out.append(r"\Z")
    return re.compile("".join(out))


def _glob_segment(segment: str) -> str:
    out: list[str] = []
    escape = False
    for char in segment:
        if escape:
            out.append(re.escape(char))
            escape = False
        elif char == "\\":
            escape = True
        elif char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        else:
            out.append(re.escape(char))
    return "".join(out)


def parse_github(text: str) -> list[OwnerLine]:
    rules: list[OwnerLine] = []
    for number, raw in enumerate(text.splitlines(), 1):
        tokens = _github_tokens(raw)
        if not tokens:
            continue
        pattern, owners = tokens[0], tuple(tokens[1:])
        if pattern.startswith("!") or "[" in pattern or "***" in pattern:
            continue  # not supported by GitHub: the line is skipped
        rules.append(OwnerLine(number, pattern, owners, github_regex(pattern)))
    return rules


def _github_tokens(raw: str) -> list[str]:
    line = raw.strip()
    if not line or line.startswith("#"):
        return []
    tokens: list[str] = []
    for token in line.split():
        if token.startswith("#"):
            break  # the rest of the line is a comment
        tokens.append(token)
    return tokens


def parse_gitea(text: str) -> list[OwnerLine]:
    rules: list[OwnerLine] = []
    for number, raw in enumerate(text.split("\n"), 1):
        tokens = _gitea_tokens(raw)
        if len(tokens) < 2:
            continue  # Gitea: "incorrect format", skipped
        expression = tokens[0]
        negative = expression.startswith("!")
        if negative:
            expression = expression[1:]
        try:
            # Go's ``^%s$``; ``\Z`` because Python's ``$`` also matches before a final newline.
            regex = re.compile(f"^{expression}\\Z")
        except re.error:
            continue  # Gitea: "incorrect codeowner regexp", skipped
        rules.append(OwnerLine(number, tokens[0], tuple(tokens[1:]), regex, negative))
    return rules


def _gitea_tokens(raw: str) -> list[str]:
    line = raw.strip().replace("\t", " ")
    tokens: list[str] = []
    token = ""
    escape = False
    for char in line:
        if escape:
            token += char
            escape = False
        elif char == "\\":
            escape = True
        elif char == "#":
            break
        elif char == " ":
            if token:
                tokens.append(token)
                token = ""
        else:
            token += char
    if token:
        tokens.append(token)
    return tokens


def parse(text: str, kind: str) -> list[OwnerLine]:
    return parse_github(text) if kind == "github" else parse_gitea(text)


def owners_of(rules: Sequence[OwnerLine], path: str, kind: str) -> tuple[str, ...]:
    """The owners the forge of ``kind`` requests for ``path`` (empty: nobody owns it)."""
    if kind == "github":
        for rule in reversed(rules):
            if rule.regex.search(path):
                return rule.owners
        return ()
    owners: list[str] = []
    for rule in rules:
        if bool(rule.regex.search(path)) != rule.negative:
            owners += [o for o in rule.owners if o not in owners]
    return tuple(owners)


def last_match(rules: Sequence[OwnerLine]) -> Callable[[str], OwnerLine | None]:
    """GitHub's lookup for many paths: one alternation of all rules, the last rule first.

    Every rule's expression is anchored at both ends, so the first alternative that matches at
    the start of the path is the last matching rule of the file: one regular-expression call
    per path instead of one per rule (a tracker holds thousands of submissions).
    """
    if not rules:
        return lambda path: None
    combined = re.compile(
        "|".join(f"(?P<r{i}>{rules[i].regex.pattern})" for i in reversed(range(len(rules))))
    )

    def lookup(path: str) -> OwnerLine | None:
        found = combined.match(path)
        return rules[int(found.lastgroup[1:])] if found and found.lastgroup else None

    return lookup


def unowned(text: str, kind: str, paths: Iterable[str]) -> list[str]:
    """The paths the CODEOWNERS ``text`` leaves without an owner on a forge of ``kind``."""
    rules = parse(text, kind)
    if kind == "github":
        lookup = last_match(rules)
        return [path for path in paths if not ((rule := lookup(path)) and rule.owners)]
    return [path for path in paths if not owners_of(rules, path, kind)]
