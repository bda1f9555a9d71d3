"""Where a unit hands in (kinerja.model.submit): the forge pages and the published templates.

The routes are the forges' own: GitHub ``/upload/<branch>/<folder>``, Forgejo and Gitea
``/_upload/<branch>/<folder>`` (``routers/web/web.go``: ``m.Combo("/_upload/*", ...)`` under the
repository, the branch first). Every segment is percent-encoded by one helper, and a forge
address or repository name that could be read as anything but a plain URL gives no link.
"""

from __future__ import annotations

import pytest

from kinerja.model.organisation import Forge
from kinerja.model.submit import (
    choose_link,
    download_path,
    edit_url,
    editor_url,
    site_file_url,
    upload_url,
    url_path,
)

GITHUB = Forge("github", "https://github.com", "insp/kinerja")
FORGEJO = Forge("forgejo", "https://git.kantor.go.id/", "insp/kinerja", "utama")
GITEA = Forge("gitea", "http://10.0.0.5:3000", "insp/kinerja")


@pytest.mark.parametrize(
    ("forge", "expected"),
    [
        (GITHUB, "https://github.com/insp/kinerja/upload/main/submissions/2026-q4"),
        (FORGEJO, "https://git.kantor.go.id/insp/kinerja/_upload/utama/submissions/2026-q4"),
        (GITEA, "http://10.0.0.5:3000/insp/kinerja/_upload/main/submissions/2026-q4"),
    ],
)
def test_upload_page_opens_in_the_period_folder(forge: Forge, expected: str) -> None:
    assert upload_url(forge, "2026-q4") == expected


def test_branch_and_folder_segments_are_percent_encoded() -> None:
    forge = Forge("github", "https://github.com", "insp/kinerja", "rilis/2026 baru")
    assert upload_url(forge, "2026-q4") == (
        "https://github.com/insp/kinerja/upload/rilis/2026%20baru/submissions/2026-q4"
    )
    assert url_path("a b", "c/d?e#f", "100%") == "a%20b/c/d%3Fe%23f/100%25"
    assert url_path("submissions/../..", ".") == "submissions/%2E%2E/%2E%2E/%2E"
    assert edit_url(GITEA, "submissions/2026-q4/irban 1.yml") == (
        "http://10.0.0.5:3000/insp/kinerja/_edit/main/submissions/2026-q4/irban%201.yml"
    )


@pytest.mark.parametrize(
    ("url", "repo"),
    [
        ("javascript:alert(1)", "a/b"),
        ("https://evil.example/x)[y](z", "a/b"),
        ('https://git.example"onmouseover=x', "a/b"),
        ("https://github.com", "a/b/c"),
        ("https://github.com", "a/b?x"),
        ("https://github.com", ""),
        ("ftp://github.com", "a/b"),
    ],
)
def test_unsafe_forge_settings_give_no_link(url: str, repo: str) -> None:
    forge = Forge("github", url, repo)
    assert upload_url(forge, "2026-q4") is None
    assert editor_url(forge, "submissions/2026-q4/x.yml", "a: 1") is None
    assert edit_url(forge, "submissions/2026-q4/x.yml") is None
    assert not choose_link(forge, "2026-q4", "x", "a: 1").editor


def test_published_template_addresses() -> None:
    path = download_path("2026-q4", "irban-1", "xlsx")
    assert path == "unduh/templat/2026-q4/irban-1.xlsx"
    assert site_file_url("https://situs.example/kinerja/", path) == (
        "https://situs.example/kinerja/unduh/templat/2026-q4/irban-1.xlsx"
    )
    assert site_file_url(None, path) is None
    assert site_file_url("https://situs.example/a)b", path) is None
    assert site_file_url("file:///etc", path) is None


def test_long_templates_fall_back_to_the_download() -> None:
    short = choose_link(GITHUB, "2026-q4", "irban-1", "a: 1\n")
    assert short.editor and short.url.startswith("https://github.com/insp/kinerja/new/main?")
    long = choose_link(GITHUB, "2026-q4", "irban-1", "a" * 9000)
    assert not long.editor and long.url == "unduh/templat/2026-q4/irban-1.yml"
