"""The "Kirim data" link: open the forge's web editor on a unit's pre-filled submission.

A unit should not start from a blank page, nor need Git. GitHub, Forgejo and Gitea all open
their "new file" editor with a name and content taken from the URL's query, so the link carries
the unit's template (``kinerja template``) and the editor shows it ready to fill; saving it on a
new branch starts the pull request. Browsers and forges cut very long URLs, so past
:data:`MAX_URL_LENGTH` the link falls back to the template file that the site publishes under
``unduh/templat/<periode>/<unit>.yml|csv|xlsx`` (the bytes come from :func:`template_files`).

URL forms (both forges document the query parameters ``filename`` and ``value``):

* GitHub: ``<web>/<owner>/<repo>/new/<branch>?filename=<path>&value=<content>``
* Forgejo/Gitea: ``<web>/<owner>/<repo>/_new/<branch>/<folder>/?filename=<name>&value=<content>``

Only periods that are open (status *dibuka*) get links and templates, and only for units that
were asked and have not handed in yet; everyone else has nothing left to send.
"""

from __future__ import annotations

import html
import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from kinerja.model import Config
from kinerja.model.organisation import Forge
from kinerja.snapshot import Snapshot
from kinerja.status import PeriodStatus, UnitStatus

#: Longest editor URL we hand out; longer ones become a download link instead.
MAX_URL_LENGTH = 8000
FORMATS = ("yml", "csv", "xlsx")
TEMPLATE_DIR = "unduh/templat"
_SAFE_SEGMENT = re.compile(r"^[A-Za-z0-9._-]+$")
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


def submission_path(period: str, unit: str, fmt: str = "yml") -> str:
    return f"submissions/{period}/{unit}.{fmt}"


def download_path(period: str, unit: str, fmt: str = "yml") -> str:
    """The template's path inside the built site (and its URL relative to the site root)."""
    return f"{TEMPLATE_DIR}/{period}/{unit}.{fmt}"


def _repo_base(forge: Forge) -> str | None:
    owner, _, name = forge.repo.partition("/")
    web = forge.url.rstrip("/")
    if not web.startswith(("https://", "http://")):
        return None
    if not (_SAFE_SEGMENT.match(owner) and _SAFE_SEGMENT.match(name)):
        return None
    return f"{web}/{owner}/{name}"


def editor_url(forge: Forge, path: str, content: str) -> str | None:
    """The forge's new-file editor for ``path`` holding ``content``; None without a forge repo."""
    base = _repo_base(forge)
    if base is None:
        return None
    branch = urllib.parse.quote(forge.cabang or "main", safe="")
    value = urllib.parse.quote(content, safe="")
    if forge.jenis == _GITHUB:
        name = urllib.parse.quote(path, safe="/")
        return f"{base}/new/{branch}?filename={name}&value={value}"
    folder, leaf = PurePosixPath(path).parent, PurePosixPath(path).name
    where = urllib.parse.quote(str(folder), safe="/")
    return (
        f"{base}/_new/{branch}/{where}/?filename={urllib.parse.quote(leaf, safe='')}&value={value}"
    )


def edit_url(forge: Forge, path: str) -> str | None:
    """The forge's editor for an existing file (a revision of data already handed in)."""
    base = _repo_base(forge)
    if base is None:
        return None
    branch = urllib.parse.quote(forge.cabang or "main", safe="")
    where = urllib.parse.quote(path, safe="/")
    verb = "edit" if forge.jenis == _GITHUB else "_edit"
    return f"{base}/{verb}/{branch}/{where}"


def template_text(config: Config, period: str, unit: str, request: Mapping[str, Any] | None) -> str:
    """The unit's YAML template, with the comment header that says what to fill in."""
    from kinerja.write import submission_yaml, template, template_header

    data = template(config, unit, period, request)
    return submission_yaml(data, header=template_header(config, unit, period, request))


def template_bytes(
    config: Config, period: str, unit: str, request: Mapping[str, Any] | None, fmt: str
) -> bytes:
    """The template as a file unit staff open: YAML for the browser, CSV or XLSX for Excel."""
    from kinerja.write import submission_csv, template, template_workbook

    if fmt == "yml":
        return template_text(config, period, unit, request).encode("utf-8")
    if fmt == "xlsx":
        return template_workbook(config, unit, period, request)
    data = template(config, unit, period, request)
    if fmt == "csv":
        return submission_csv(data)
    raise ValueError(f"unknown template format: {fmt!r}")


def submit_link(
    config: Config,
    period: str,
    unit: str,
    request: Mapping[str, Any] | None,
    *,
    max_length: int = MAX_URL_LENGTH,
) -> SubmitLink:
    """The editor link when it fits in ``max_length``, else the template download."""
    path = submission_path(period, unit)
    url = editor_url(config.organisation.forge, path, template_text(config, period, unit, request))
    if url is not None and len(url) <= max_length:
        return SubmitLink(url, True, path)
    return SubmitLink(download_path(period, unit), False, path)


def open_units(snapshot: Snapshot) -> list[tuple[str, str]]:
    """(period, unit) pairs that still have to hand in: open periods, asked, not received."""
    out: list[tuple[str, str]] = []
    for period, state in snapshot.states.items():
        if state.status is not PeriodStatus.DIBUKA:
            continue
        for unit, unit_state in state.units.items():
            if unit_state.status in (UnitStatus.MENUNGGU, UnitStatus.TERLAMBAT):
                out.append((period, unit))
    return out


def _request(snapshot: Snapshot, period: str) -> Mapping[str, Any] | None:
    files = snapshot.tracker.periods.get(period)
    return files.request if files else None


def template_files(snapshot: Snapshot) -> dict[str, bytes]:
    """Every published template: ``unduh/templat/<periode>/<unit>.<fmt>`` -> bytes."""
    config = snapshot.tracker.config
    if config is None:
        return {}
    out: dict[str, bytes] = {}
    for period, unit in open_units(snapshot):
        request = _request(snapshot, period)
        for fmt in FORMATS:
            out[download_path(period, unit, fmt)] = template_bytes(
                config, period, unit, request, fmt
            )
    return out


def pages(snapshot: Snapshot) -> dict[str, str | bytes]:
    """The page-module interface (:mod:`kinerja.site.pages`): the template files."""
    return dict(template_files(snapshot))


def link_html(snapshot: Snapshot, here: str, period: str, unit: str) -> str:
    """An anchor for a status or period page at ``here``; empty when nothing is to be sent.

    The editor link is absolute (it leaves the site for the forge); the download link is
    relative to ``here``, so it works wherever the site is hosted.
    """
    from kinerja.site.html import href

    config = snapshot.tracker.config
    if config is None or (period, unit) not in set(open_units(snapshot)):
        return ""
    target = submit_link(config, period, unit, _request(snapshot, period))
    if target.editor:
        return (
            f'<a class="kj-kirim" href="{html.escape(target.url, quote=True)}" '
            f'rel="noopener noreferrer nofollow">{target.label}</a>'
        )
    return (
        f'<a class="kj-kirim" href="{html.escape(href(here, target.url))}" download>'
        f"{target.label}</a>"
    )
