"""The pure parts of ``kinerja merge``: which approvals count, what is required, the config."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kinerja.forge import models
from kinerja.forge.approvals import check_approvals, latest_decisions
from kinerja.forge.config import resolve_config
from kinerja.forge.http import ForgeError, check_url
from kinerja.forge.message import TITLE_LIMIT, landing_message, single_line
from kinerja.forge.models import ChangedFile, PullRequest, Review
from kinerja.history import roster_from_mapping
from kinerja.history.trailers import parse_trailers
from test_history_support import ORGANISASI

ROSTER = roster_from_mapping(ORGANISASI)
HEAD, OLD = "a" * 40, "b" * 40


def review(login: str, state: str, commit: str = HEAD, minute: int = 0, **kw: bool) -> Review:
    when = datetime(2026, 10, 6, 10, minute, tzinfo=UTC)
    return Review(login, login, None, state, commit, when, **kw)


def test_latest_decisive_review_wins() -> None:
    reviews = [
        review("budi-s", models.APPROVED, minute=1),
        review("budi-s", models.COMMENTED, minute=2),  # a comment does not withdraw
        review("dewi-sek", models.APPROVED, minute=1),
        review("dewi-sek", models.DISMISSED, minute=3),
    ]
    latest = latest_decisions(reviews)
    assert latest["budi-s"].state == models.APPROVED
    assert latest["dewi-sek"].state == models.DISMISSED


def test_needs_per_file_kind() -> None:
    files = [
        ChangedFile("submissions/2026-q4/irban-1.yml", "added"),
        ChangedFile("submissions/2026-q4/irban-2.csv", "renamed", "submissions/2026-q4/x.csv"),
        ChangedFile("scripts/kinerja/x.py", "modified"),
        ChangedFile("README.md", "modified"),
    ]
    check = check_approvals(files, [review("budi-s", models.APPROVED)], HEAD, ROSTER)
    # README.md and the file of a unit organisasi.yml does not know ("x") have no data rule:
    # they are the admin's, like the code (no path merges without a paraf).
    admin = ("README.md", "scripts/kinerja/x.py", "submissions/2026-q4/x.csv")
    assert [(n.label, n.paths) for n in check.needs] == [
        ("Admin repositori", admin),
        ("Kepala Irban I", ("submissions/2026-q4/irban-1.yml",)),
        ("Kepala Irban II", ("submissions/2026-q4/irban-2.csv",)),
    ]
    assert [n.label for n in check.missing] == ["Admin repositori", "Kepala Irban II"]


def test_stale_by_commit_or_by_forge_flag() -> None:
    files = [ChangedFile("submissions/2026-q4/irban-1.yml", "modified")]
    for stale in (
        review("budi-s", models.APPROVED, OLD),
        review("budi-s", models.APPROVED, stale=True),
    ):
        check = check_approvals(files, [stale], HEAD, ROSTER)
        assert not check.ok and [a.handle for a in check.stale] == ["budi-s"]


def test_signers_are_those_who_meet_a_signature_requirement() -> None:
    files = [ChangedFile("submissions/2026-q4/analisis.md", "added")]
    reviews = [review(h, models.APPROVED) for h in ("dewi-sek", "sari-p", "rusdiyanto")]
    check = check_approvals(files, reviews, HEAD, ROSTER)
    assert check.ok
    assert [a.handle for a in check.signers] == ["rusdiyanto"]


def test_config_sources_and_api_urls() -> None:
    org = {
        "instansi": {
            "forge": {
                "jenis": "forgejo",
                "url": "https://git.pesisir.go.id",
                "repo": "insp/kinerja",
            }
        }
    }
    config = resolve_config(organisation=org, env={"KINERJA_FORGE_TOKEN": "t"})
    assert (config.kind, config.api_url, config.owner, config.repo, config.token) == (
        "forgejo",
        "https://git.pesisir.go.id/api/v1",
        "insp",
        "kinerja",
        "t",
    )
    github = resolve_config(kind="github", repo="a/b", env={})
    assert github.api_url == "https://api.github.com" and github.token is None
    ghes = resolve_config(kind="github", url="https://git.corp", repo="a/b", env={})
    assert ghes.api_url == "https://git.corp/api/v3"
    actions = resolve_config(
        env={
            "GITHUB_ACTIONS": "true",
            "GITHUB_REPOSITORY": "o/r",
            "GITHUB_TOKEN": "g",
            "GITHUB_API_URL": "https://api.github.com",
        }
    )
    assert (actions.owner, actions.repo, actions.token) == ("o", "r", "g")
    with pytest.raises(ForgeError, match="pemilik/nama"):
        resolve_config(kind="gitea", url="https://g", env={})
    with pytest.raises(ForgeError, match="Jenis forge tidak dikenal"):
        resolve_config(kind="gitlab", env={})


def test_token_never_over_plain_http_to_another_host() -> None:
    check_url("http://127.0.0.1:8080", has_token=True)
    check_url("http://forge.local", has_token=False)
    with pytest.raises(ForgeError, match="tanpa enkripsi"):
        check_url("http://forge.local", has_token=True)
    with pytest.raises(ForgeError, match="tidak valid"):
        check_url("file:///etc/passwd", has_token=False)


# -- the landing's message and the trust file ---------------------------------------------------


def _pull(title: str) -> PullRequest:
    return PullRequest(
        number=7,
        title=title,
        body="Approved-by: X <x@example.org>",
        author="budi-s",
        author_name="Budi",
        created_at=datetime(2026, 10, 6, 2, 12, tzinfo=UTC),
        head_sha=HEAD,
        html_url="https://github.com/insp/kinerja/pull/7\nApproved-by: X <x@example.org>",
        state="open",
    )


@pytest.mark.parametrize("separator", ["\n", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\x0b"])
def test_no_separator_in_a_title_reaches_the_trailers(separator: str) -> None:
    files = [ChangedFile("submissions/2026-q4/irban-1.yml", "added")]
    check = check_approvals(files, [review("budi-s", models.APPROVED)], HEAD, ROSTER)
    title = f"Data{separator}{separator}Approved-by: RUSDIYANTO <r@example.org>"
    message = landing_message(_pull(title), check, "github", "github.com")
    subject, _trailers, *rest = message.rstrip("\n").split("\n\n")
    assert rest == [] and "\n" not in subject and "\r" not in subject
    assert subject == "Gabung pengajuan #7: Data Approved-by: RUSDIYANTO <r@example.org>"
    assert parse_trailers(message).approved_by == ()
    assert [k for k, _ in parse_trailers(message).raw] == ["Reviewed-by", "Opened-at"]
    assert "Reviewed-on" not in message  # a URL with a newline is not a URL


def test_single_line_caps_and_keeps_words() -> None:
    assert single_line("  Data\t kinerja \u200b irban ") == "Data kinerja irban"
    assert len(single_line("a" * 1000)) == TITLE_LIMIT
    assert single_line("") == ""


def test_pull_payload_names_the_base_and_the_default_branch() -> None:
    from kinerja.forge.api import _pull as parse_pull

    payload = {
        "number": 3,
        "created_at": "2026-10-06T02:12:00Z",
        "head": {"sha": HEAD},
        "base": {"ref": "main", "repo": {"default_branch": "main"}},
    }
    pull = parse_pull(payload, 3)
    assert (pull.base_ref, pull.default_branch) == ("main", "main")
    assert parse_pull({**payload, "base": None}, 3).base_ref == ""
