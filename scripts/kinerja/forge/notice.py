"""What a unit's issue says: the request, the deadline, how to send, who is asked.

Every value from data (names from ``organisasi.yml`` and ``indikator.yml``, the letter number,
notes, ids, addresses) enters the Markdown through :mod:`kinerja.escape`, with ``forge=True``:
it can start no Markdown or HTML, break no table, mention nobody and reference no issue. Only
the unit's members are mentioned, on purpose, through :func:`kinerja.escape.mention`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from kinerja.escape import is_handle, md_code, md_link, md_text, mention
from kinerja.forge.markers import FACTS, FACTS_RE, MARKER
from kinerja.model import Config, Person, dates, submit
from kinerja.model.periods import parse_period
from kinerja.model.roles import opener
from kinerja.status import PeriodState
from kinerja.timing.zone import DEFAULT_ZONE, DEFAULT_ZONE_NAME, Zone

MAX_ASSIGNEES = 10
_SAFE_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z_.-]*")
_DEADLINE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T([01][0-9]|2[0-3]):[0-5][0-9])?$")
_EXAMPLE_HANDLE = "contoh-"


@dataclass(frozen=True)
class Notice:
    period: str
    unit: str
    title: str
    body: str
    assignees: tuple[str, ...]
    facts: RequestFacts


@dataclass(frozen=True)
class Links:
    """Where a unit sends its data: the editor link and/or the site's template downloads."""

    editor: str | None
    downloads: Mapping[str, str]  # format -> absolute URL (empty without a site address)
    upload: str | None = None  # the forge's upload page in the period's folder


def usable_handles(people: Iterable[Person]) -> list[str]:
    """Forge handles to assign and mention, skipping invented people and example accounts
    (``contoh: true``, ``contoh-...``): those may belong to strangers on a public forge."""
    out: list[str] = []
    for person in people:
        if person.contoh:
            continue
        for handle in person.akun:
            clean = handle.strip().removeprefix("@")
            if not is_handle(clean):  # not a login: it would mention or assign someone else
                continue
            if not clean.lower().startswith(_EXAMPLE_HANDLE) and clean not in out:
                out.append(clean)
    return out


def when_text(moment: datetime | None, zone: Zone = DEFAULT_ZONE) -> str:
    return dates.when_text(moment, zone=zone)


def issue_title(config: Config, period: str, unit: str) -> str:
    parsed = parse_period(period)
    label = parsed.label if parsed else period
    units = config.organisation.units
    name = units[unit].singkatan if unit in units else unit
    return " ".join(f"Permintaan data kinerja {label}: {name}".split())  # a title is one line


def _requested_lines(
    config: Config, period: str, request: Mapping[str, Any] | None, unit: str
) -> list[str]:
    from kinerja.write.template import requested

    indicators, documents = requested(config, unit, period, request)
    lines: list[str] = []
    if indicators:
        lines += ["| Indikator | Satuan |", "|---|---|"]
        for ind_id in indicators:
            ind = config.indicators.get(ind_id)
            name = ind.nama if ind else ind_id
            satuan = _md(ind.satuan) if ind else "–"
            lines.append(f"| {_md(name)} ({_id(ind_id)}) | {satuan} |")
        lines.append("")
    if documents:
        lines += [f"Dokumen yang diminta: {', '.join(_md(d) for d in documents)}.", ""]
    return lines


def _md(value: object) -> str:
    """A data value in an issue or comment body (:func:`kinerja.escape.md_text` for forges)."""
    return md_text(value, forge=True)


def _id(value: str) -> str:
    """An id in monospace; one that is not a plain id is shown as escaped text (in a table, a
    ``|`` splits the cell even inside a code span)."""
    return md_code(value) if _SAFE_ID.fullmatch(value) else _md(value)


def _safe_id(value: str) -> str:
    """An id as it may stand in the hidden line: as is, or its digest if it could break it."""
    if _SAFE_ID.fullmatch(value):
        return value
    return "~" + hashlib.sha256(value.encode()).hexdigest()[:10]


@dataclass(frozen=True)
class RequestFacts:
    """What a unit's issue promises: the deadline, the indicators and documents asked, and a
    digest of the letter number and the notes.

    Kept on the issue's hidden second line, so that a later run tells whether the request
    changed since the issue was written, and what changed. Issues written before that line
    existed are read from their visible text (:meth:`read`), without the digest.
    """

    deadline: str  # ISO 8601, or "" when the request has no readable deadline
    indicators: tuple[str, ...]
    documents: tuple[str, ...]
    text: str  # digest of the letter number and notes; "" when unknown (an older issue)
    shown_deadline: str | None = None  # an older issue: the deadline as its text shows it
    #: The office zone the deadline is shown in (not part of the facts: not compared).
    zone: str = field(default=DEFAULT_ZONE_NAME, compare=False)

    @classmethod
    def of(
        cls,
        config: Config,
        state: PeriodState,
        unit: str,
        request: Mapping[str, Any] | None,
    ) -> RequestFacts:
        from kinerja.write.template import requested

        indicators, documents = requested(config, unit, state.period, request)
        request = request or {}
        recipient = _recipient(request, unit)
        notes = [request.get("nomor"), request.get("catatan"), recipient.get("catatan")]
        digest = hashlib.sha256(repr([str(n or "") for n in notes]).encode()).hexdigest()[:12]
        return cls(
            state.deadline.isoformat() if state.deadline else "",
            tuple(_safe_id(str(i)) for i in indicators),
            tuple(_safe_id(str(d)) for d in documents),
            digest,
            zone=config.settings.timezone,
        )

    def line(self) -> str:
        fields = (
            ("tenggat", self.deadline),
            ("indikator", ",".join(self.indicators)),
            ("dokumen", ",".join(self.documents)),
            ("teks", self.text),
        )
        return FACTS.format(fields=" ".join(f"{key}={value or '-'}" for key, value in fields))

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.line().encode()).hexdigest()[:12]

    @property
    def deadline_text(self) -> str:
        if self.shown_deadline is not None:
            return self.shown_deadline
        if not self.deadline:
            return "–"
        try:
            return when_text(datetime.fromisoformat(self.deadline), Zone.of(self.zone))
        except ValueError:
            return self.deadline

    @property
    def deadline_md(self) -> str:
        """The deadline for an issue or comment body: our own words as they are; the text read
        back from an older issue (anyone with write access may have edited it) escaped."""
        if self.shown_deadline is not None:
            return _md(self.shown_deadline)
        return self.deadline_text

    @classmethod
    def read(cls, body: str) -> RequestFacts | None:
        """The facts of an issue body: its hidden line, else its visible text, else None."""
        match = FACTS_RE.search(body)
        if match:
            fields = dict(
                item.partition("=")[::2] for item in match.group(1).split() if "=" in item
            )

            def items(key: str) -> tuple[str, ...]:
                value = fields.get(key, "-")
                return () if value == "-" else tuple(value.split(","))

            deadline = fields.get("tenggat", "-")
            text = fields.get("teks", "-")
            return cls(
                "" if deadline == "-" else deadline,
                items("indikator"),
                items("dokumen"),
                "" if text == "-" else text,
            )
        shown = re.search(r"\*\*Tenggat: (.+?)\.\*\*", body)
        if shown is None:
            return None
        documents = re.search(r"^Dokumen yang diminta: (.+)\.\r?$", body, re.M)
        return cls(
            "",
            tuple(re.findall(r"^\| .*\(`([^`|]+)`\) \|", body, re.M)),
            tuple(d.strip() for d in documents.group(1).split(",")) if documents else (),
            "",
            shown_deadline=shown.group(1),
        )

    @property
    def hidden(self) -> bool:
        """Whether these facts came from the hidden line (not read back from older text)."""
        return self.shown_deadline is None


def _recipient(request: Mapping[str, Any], unit: str) -> Mapping[str, Any]:
    return next(
        (
            r
            for r in request.get("penerima") or []
            if isinstance(r, Mapping) and r.get("unit") == unit
        ),
        {},
    )


def describe_changes(
    config: Config, old: RequestFacts, new: RequestFacts, *, markdown: bool = True
) -> list[str]:
    """What changed between what an issue promised and the request now, one sentence each
    (Indonesian). Markdown for a comment, with every data value escaped; with ``markdown``
    False, plain words for the command line's report. Empty when nothing a unit would notice
    changed."""
    text: Callable[[str], str] = _md if markdown else str
    ident: Callable[[str], str] = _id if markdown else str
    strong = "**" if markdown else ""

    def names(ids: Iterable[str]) -> str:
        out = []
        for ind_id in ids:
            ind = config.indicators.get(ind_id)
            out.append(f"{text(ind.nama)} ({ident(ind_id)})" if ind else ident(ind_id))
        return ", ".join(out)

    lines: list[str] = []
    old = replace(old, zone=new.zone)
    if old.deadline_text != new.deadline_text:
        before, after = old.deadline_text, new.deadline_text
        if markdown:
            before, after = old.deadline_md, new.deadline_md
        lines.append(f"Tenggat diubah dari {before} menjadi {strong}{after}{strong}.")
    added = [i for i in new.indicators if i not in old.indicators]
    dropped = [i for i in old.indicators if i not in new.indicators]
    if added:
        lines.append(f"Indikator ditambahkan: {names(added)}.")
    if dropped:
        lines.append(f"Indikator tidak lagi diminta: {names(dropped)}.")
    added = [d for d in new.documents if d not in old.documents]
    dropped = [d for d in old.documents if d not in new.documents]
    if added:
        lines.append(f"Dokumen ditambahkan: {', '.join(text(d) for d in added)}.")
    if dropped:
        lines.append(f"Dokumen tidak lagi diminta: {', '.join(text(d) for d in dropped)}.")
    if old.text and new.text and old.text != new.text:
        lines.append("Nomor surat atau catatan permintaan berubah.")
    return lines


def _how_to_send(period: str, unit: str, links: Links, ids: Sequence[str] = ()) -> list[str]:
    """The "Cara mengirim" part of a unit's issue: Excel and upload first (no Git needed), the
    pre-filled editor second, then what happens after the pull request is opened."""
    folder = md_code(f"{submit.period_folder(period)}/")
    lines = ["### Cara mengirim", "", "**Dengan Excel, tanpa Git:**", ""]
    xlsx = links.downloads.get("xlsx")
    others = " · ".join(
        md_link(submit.FORMAT_LABELS.get(fmt, fmt.upper()), links.downloads[fmt], forge=True)
        for fmt in ("csv", "yml")
        if fmt in links.downloads
    )
    if xlsx:
        lines.append(
            f"1. **{md_link('Unduh templat Excel', xlsx, forge=True)}** unit Anda"
            + (f" (atau templat {others})." if others else ".")
        )
    elif links.downloads:
        lines.append(f"1. Unduh templat unit Anda ({others}).")
    else:
        lines.append(
            "1. Ambil templat dari halaman periode di situs pelacak (**Unduh templat Excel**), "
            f"atau jalankan {md_code(f'kinerja template {unit} {period}')}."
        )
    shown = [i for i in ids if _SAFE_ID.fullmatch(i)]
    who = (
        " Pada *Disampaikan oleh* tulis id pegawai Anda: "
        + ", ".join(md_code(i) for i in shown)
        + "."
        if shown
        else " Pada *Disampaikan oleh* tulis id pegawai Anda (halaman Organisasi di situs)."
    )
    lines.append(
        f"2. Isi templat dan simpan tanpa mengganti namanya ({md_code(f'{unit}.xlsx')}, "
        f"{md_code(f'{unit}.csv')} atau {md_code(f'{unit}.yml')}).{who}"
    )
    if links.upload:
        lines.append(
            f"3. Klik **{md_link('Unggah berkas', links.upload, forge=True)}**: halaman unggah "
            "forge terbuka di folder "
            f"{folder}. Tarik berkasnya ke sana, pilih **Create a new branch and start a pull "
            "request** (buat cabang baru dan ajukan pull request), lalu **Propose changes** dan "
            "**Create pull request**."
        )
    else:
        lines.append(
            f"3. Unggah berkasnya ke folder {folder} di repositori (**Add file > Upload "
            "files**), pilih **Create a new branch and start a pull request**, lalu buat pull "
            "request."
        )
    if links.editor:
        lines += [
            "",
            "**Atau langsung di browser:** klik "
            f"**{md_link('Kirim data', links.editor, forge=True)}**: penyunting forge terbuka "
            "dengan templat "
            f"{md_code(submit.submission_path(period, unit))} yang sudah "
            "berisi isian yang diminta. Isi setiap `nilai`, dokumen, `kendala` dan "
            "`rencana_tindak_lanjut`, lalu simpan dengan membuat cabang baru dan **pull request**.",
        ]
    lines += [
        "",
        "**Setelah pull request dibuka:**",
        "",
        "- Pemeriksaan otomatis menandai kesalahan beserta petunjuknya (sel atau baris yang "
        "salah); perbaiki berkasnya dan unggah lagi ke cabang yang sama.",
        "- Kepala unit memberi paraf (*Approve*); setelah itu data digabung dan tampil di situs.",
        "",
        "Pemberitahuan ini ditutup otomatis setelah data unit Anda digabung.",
    ]
    return lines


def notice_for(
    config: Config,
    state: PeriodState,
    unit: str,
    request: Mapping[str, Any] | None,
    links: Links,
) -> Notice:
    """The issue that tells ``unit`` what to send for the period, by when and how."""
    org = config.organisation
    period = state.period
    parsed = parse_period(period)
    label = parsed.label if parsed else period
    unit_name = org.units[unit].nama if unit in org.units else unit
    handles = usable_handles(org.members(unit))
    facts = RequestFacts.of(config, state, unit, request)
    request = request or {}
    letter = f" (surat nomor {_md(str(request['nomor']))})" if request.get("nomor") else ""
    lines = [
        MARKER.format(period=period, unit=unit),
        facts.line(),
        f"Yth. {_md(unit_name)},",
        "",
        f"{_md(opener(org, None))} meminta data dan informasi kinerja **{_md(label)}**{letter}.",
        "",
        f"**Tenggat: {when_text(state.deadline, config.settings.zone)}.** Waktu penyerahan yang "
        "dicatat adalah waktu pull request dibuka.",
        "",
        *_requested_lines(config, period, request, unit),
    ]
    recipient = _recipient(request, unit)
    for note in (recipient.get("catatan"), request.get("catatan")):
        if note:
            lines += [f"Catatan: {_md(str(note))}", ""]
    lines += _how_to_send(period, unit, links, [p.id for p in org.members(unit)])
    if handles:
        lines += ["", "Anggota unit: " + " ".join(mention(h) for h in handles)]
    return Notice(
        period,
        unit,
        issue_title(config, period, unit),
        "\n".join(lines) + "\n",
        tuple(handles[:MAX_ASSIGNEES]),
        facts,
    )


def site_downloads(site_url: str | None, period: str, unit: str) -> dict[str, str]:
    """Format -> absolute address of the unit's template on the site; empty without a site."""
    out = {}
    for fmt in submit.FORMATS:
        url = submit.site_file_url(site_url, submit.download_path(period, unit, fmt))
        if url is not None:
            out[fmt] = url
    return out


def links_for(
    config: Config,
    period: str,
    unit: str,
    request: Mapping[str, Any] | None,
    site_url: str | None,
) -> Links:
    from kinerja.write.template_text import template_text

    text = template_text(config, period, unit, request)
    target = submit.choose_link(config.organisation.forge, period, unit, text)
    return Links(
        target.url if target.editor else None,
        site_downloads(site_url, period, unit),
        submit.upload_url(config.organisation.forge, period),
    )
