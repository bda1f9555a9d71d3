"""Where a unit hands in its data: repository paths, published template paths, forge web pages.

Model knowledge that the site (period, unit and status pages), the forge notices (each unit's
issue) and the CLI share, so it lives below all of them. Every URL here is built by
:func:`url_path`, the one place that percent-encodes path segments; the presenters escape the
result for their own layer (HTML attribute, Markdown link).

Forge web routes (GitHub; Forgejo and Gitea share theirs, ``routers/web/web.go``):

* new file in the editor, pre-filled from the query (``filename``, ``value``):
  GitHub ``<repo>/new/<branch>?filename=<path>&value=<text>``,
  Forgejo/Gitea ``<repo>/_new/<branch>/<folder>/?filename=<name>&value=<text>``;
* edit an existing file: GitHub ``<repo>/edit/<branch>/<path>``, Forgejo/Gitea ``_edit``;
* upload files into a folder: GitHub ``<repo>/upload/<branch>/<folder>``, Forgejo/Gitea
  ``<repo>/_upload/<branch>/<folder>``. Both pages end with the choice to commit to the branch or
  to "create a new branch and start a pull request"; branch protection on the main branch leaves
  only the second, which is the pull request that CI checks.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from pathlib import PurePosixPath

from kinerja.model.layout import SUBMISSIONS
from kinerja.model.organisation import Forge

__all__ = [
    "FORMATS",
    "FORMAT_LABELS",
    "MAX_URL_LENGTH",
    "TEMPLATE_DIR",
    "SubmitLink",
    "choose_link",
    "download_path",
    "edit_url",
    "editor_url",
    "period_folder",
    "repo_base",
    "site_file_url",
    "submission_path",
    "upload_url",
    "url_path",
]

#: Longest editor URL handed out; longer ones become a template download instead (browsers and
#: forges cut very long URLs).
MAX_URL_LENGTH = 8000
#: Template formats the site publishes, in the order notices list them.
FORMATS = ("yml", "csv", "xlsx")
#: What people call each format.
FORMAT_LABELS = {"xlsx": "Excel", "csv": "CSV", "yml": "YAML"}
#: Where the site publishes templates: ``unduh/templat/<periode>/<unit>.<fmt>``.
TEMPLATE_DIR = "unduh/templat"
_SAFE_NAME = re.compile(r"^[A-Za-z0-9._-]+$")
#: A web address we put links under: http(s), a host name, an optional port and a plain path.
#: Nothing that a Markdown link, an HTML attribute or a query could read differently.
_SAFE_BASE = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?$", re.I)
_GITHUB = "github"


@dataclass(frozen=True)
class SubmitLink:
    """Where "Kirim data" leads: the pre-filled editor, or the template to download."""

    url: str  # absolute editor URL, or the template's path relative to the site root
    editor: bool
    path: str  # the repository path the unit creates

    @property
    def label(self) -> str:
        return "Kirim data" if self.editor else "Unduh templat"


def period_folder(period: str) -> str:
    """The repository folder of a period's files."""
    return f"{SUBMISSIONS}/{period}"


def submission_path(period: str, unit: str, fmt: str = "yml") -> str:
    return f"{period_folder(period)}/{unit}.{fmt}"


def download_path(period: str, unit: str, fmt: str = "yml") -> str:
    """The template's path inside the built site (and its URL relative to the site root)."""
    return f"{TEMPLATE_DIR}/{period}/{unit}.{fmt}"


def url_path(*parts: str) -> str:
    """Path segments percent-encoded and joined with ``/``; a part may itself hold several
    ``/``-separated segments (a folder, a branch such as ``rilis/2026``). Empty segments are
    dropped; ``.`` and ``..`` are encoded so no browser or forge resolves them as steps."""
    segments = [seg for part in parts for seg in part.split("/") if seg]
    return "/".join(
        urllib.parse.quote(seg, safe="") if seg not in (".", "..") else seg.replace(".", "%2E")
        for seg in segments
    )


def _query(**params: str) -> str:
    return "&".join(f"{key}={urllib.parse.quote(value, safe='')}" for key, value in params.items())


def repo_base(forge: Forge) -> str | None:
    """``https://<host>/<owner>/<repo>``; None without an http(s) address or a plain
    ``owner/name`` repository (nothing else may reach a link)."""
    owner, _, name = forge.repo.partition("/")
    web = forge.url.rstrip("/")
    if not _SAFE_BASE.match(web):
        return None
    if not (_SAFE_NAME.match(owner) and _SAFE_NAME.match(name)):
        return None
    return f"{web}/{url_path(owner, name)}"


def _branch(forge: Forge) -> str:
    return url_path(forge.cabang or "main")


def editor_url(forge: Forge, path: str, content: str) -> str | None:
    """The forge's new-file editor for ``path`` holding ``content``; None without a forge repo."""
    base = repo_base(forge)
    if base is None:
        return None
    if forge.jenis == _GITHUB:
        return f"{base}/new/{_branch(forge)}?{_query(filename=path, value=content)}"
    where = PurePosixPath(path)
    folder = url_path(str(where.parent))
    return f"{base}/_new/{_branch(forge)}/{folder}/?{_query(filename=where.name, value=content)}"


def edit_url(forge: Forge, path: str) -> str | None:
    """The forge's editor for an existing file (a revision of data already handed in)."""
    base = repo_base(forge)
    if base is None:
        return None
    verb = "edit" if forge.jenis == _GITHUB else "_edit"
    return f"{base}/{verb}/{_branch(forge)}/{url_path(path)}"


def upload_url(forge: Forge, period: str) -> str | None:
    """The forge's "upload files" page, opened in the period's folder; None without a repo."""
    base = repo_base(forge)
    if base is None:
        return None
    verb = "upload" if forge.jenis == _GITHUB else "_upload"
    return f"{base}/{verb}/{_branch(forge)}/{url_path(period_folder(period))}"


def site_file_url(site_url: str | None, path: str) -> str | None:
    """An absolute address of a file the site publishes; None without an http(s) site."""
    if not site_url or not _SAFE_BASE.match(site_url):
        return None
    return f"{site_url.rstrip('/')}/{url_path(path)}"


def choose_link(
    forge: Forge, period: str, unit: str, template: str, *, max_length: int = MAX_URL_LENGTH
) -> SubmitLink:
    """The editor pre-filled with the YAML ``template`` when its URL fits in ``max_length``,
    else the template download."""
    path = submission_path(period, unit)
    url = editor_url(forge, path, template)
    if url is not None and len(url) <= max_length:
        return SubmitLink(url, True, path)
    return SubmitLink(download_path(period, unit), False, path)
