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

For people who work in Excel there is a second way (:func:`actions_html`): "Unduh templat
Excel" (or CSV, YAML) downloads the unit's template, and "Unggah berkas" opens the forge's upload
page in the period's folder, where "create a new branch and start a pull request" turns the
uploaded workbook into the pull request that CI checks. The URL rules live in
:mod:`kinerja.model.submit`, shared with the forge notices.

Only periods that are open (status *dibuka*) get links and templates, and only for units that
were asked and have not handed in yet; everyone else has nothing left to send.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kinerja.model import Config
from kinerja.model.submit import (
    FORMAT_LABELS,
    FORMATS,
    MAX_URL_LENGTH,
    TEMPLATE_DIR,
    SubmitLink,
    choose_link,
    download_path,
    edit_url,
    editor_url,
    submission_path,
    upload_url,
)
from kinerja.snapshot import Snapshot
from kinerja.status import PeriodStatus, UnitStatus
from kinerja.write.template_text import template_text

__all__ = [
    "FORMATS",
    "MAX_URL_LENGTH",
    "TEMPLATE_DIR",
    "SubmitLink",
    "actions_html",
    "download_path",
    "edit_url",
    "editor_url",
    "link_html",
    "open_units",
    "pages",
    "submission_path",
    "submit_link",
    "template_bytes",
    "template_files",
    "template_text",
]


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
    text = template_text(config, period, unit, request)
    return choose_link(config.organisation.forge, period, unit, text, max_length=max_length)


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
    from kinerja.site.html import esc, href

    config = snapshot.tracker.config
    if config is None or (period, unit) not in set(open_units(snapshot)):
        return ""
    target = submit_link(config, period, unit, _request(snapshot, period))
    if target.editor:
        return (
            f'<a class="kj-kirim" href="{esc(target.url)}" '
            f'rel="noopener noreferrer nofollow">{target.label}</a>'
        )
    return f'<a class="kj-kirim" href="{esc(href(here, target.url))}" download>{target.label}</a>'


def actions_html(snapshot: Snapshot, here: str, period: str, unit: str, *, title: str = "") -> str:
    """The way from the browser to a pull request, without Git, for one (period, unit): the
    templates to download ("Unduh templat Excel", CSV, YAML) and "Unggah berkas", the forge's
    upload page opened in the period's folder. Empty when nothing is to be sent.

    ``title`` (already escaped HTML) heads the group, e.g. the unit's or the period's name.
    Downloads are relative to ``here``; the upload page is absolute (it leaves the site).
    """
    from kinerja.site.html import esc, href

    config = snapshot.tracker.config
    if config is None or (period, unit) not in set(open_units(snapshot)):
        return ""
    items = []
    for fmt in ("xlsx", "csv", "yml"):
        name = f"{unit}.{fmt}"
        target = href(here, download_path(period, unit, fmt))
        label = "Unduh templat Excel" if fmt == "xlsx" else f"Templat {FORMAT_LABELS[fmt]}"
        css = "md-button md-button--primary" if fmt == "xlsx" else "md-button"
        items.append(
            f'<a class="{css} kj-send-{fmt}" href="{esc(target)}" download="{esc(name)}">'
            f"{esc(label)}</a>"
        )
    upload = upload_url(config.organisation.forge, period)
    if upload is not None:
        items.append(
            f'<a class="md-button kj-send-upload" href="{esc(upload)}" '
            'rel="noopener noreferrer nofollow">Unggah berkas</a>'
        )
    head = f'<span class="kj-send-title">{title}</span>' if title else ""
    return (
        f'<div class="kj-send" data-periode="{esc(period)}" data-unit="{esc(unit)}">'
        f'{head}<span class="kj-send-links">{"".join(items)}</span></div>'
    )


def send_section(snapshot: Snapshot, here: str, pairs: list[tuple[str, str]], *, by: str) -> str:
    """The "Kirim data" section of a period page (``by="unit"``: one group per unit still to
    send) or a unit page (``by="periode"``: one group per open period); empty without pairs.

    Each group is :func:`actions_html`, preceded by the steps in plain Indonesian.
    """
    from kinerja.site.html import block, esc, href, when
    from kinerja.site.pages._common import period_label, unit_name

    config = snapshot.tracker.config
    groups = []
    for period, unit in pairs:
        if by == "unit":
            title = esc(unit_name(snapshot, unit))
        else:
            state = snapshot.states.get(period)
            deadline = state.deadline if state else None
            shown = esc(when(deadline, zone=snapshot.zone))
            title = esc(period_label(period)) + (
                f" <small>(tenggat {shown})</small>" if deadline else ""
            )
        groups.append(actions_html(snapshot, here, period, unit, title=title))
    groups = [g for g in groups if g]
    if config is None or not groups:
        return ""
    folders = sorted({period for period, _ in pairs})
    where = ", ".join(f"<code>{esc(f'submissions/{p}/')}</code>" for p in folders)
    organisation = href(here, "organisasi.md")
    upload = upload_url(config.organisation.forge, folders[0])
    steps = [
        "<strong>Unduh templat Excel</strong> unit Anda (atau CSV, YAML) dan isi. Nama berkas "
        "jangan diubah.",
        "Pada <em>Disampaikan oleh</em> isi id Anda: lihat kolom Id pegawai di halaman "
        f'<a href="{esc(organisation)}">Organisasi</a>.',
    ]
    if upload is not None:
        steps.append(
            f"<strong>Unggah berkas</strong> membuka halaman unggah forge di folder {where}. "
            'Tarik berkasnya ke sana, pilih <em lang="en">Create a new branch and start a '
            "pull request</em> (buat cabang baru dan ajukan), lalu ajukan perubahannya. "
            "Pemeriksaan otomatis menandai kesalahan; setelah kepala unit memberi paraf, data "
            "diterima dan tampil di sini."
        )
    else:
        steps.append(
            f"Unggah berkasnya ke folder {where} di repositori dan ajukan perubahannya. "
            "(Tombol <em>Unggah berkas</em> belum tersedia: alamat repositori belum diatur di "
            "<code>instansi.forge</code> pada organisasi.yml.)"
        )
    items = "".join(f"<li>{s}</li>" for s in steps)
    return block(
        '<section class="kj-send-section" aria-label="Kirim data tanpa Git">'
        f'<ol class="kj-send-steps">{items}</ol>{"".join(groups)}</section>'
    )
