"""Opening a period and keeping units informed: the request, one issue per unit, reminders.

SOP steps 2-3 send the request format to every unit. Here that is (1) a ``permintaan.yml``
written from the previous period's request or from the organisation and its indicators
(:func:`build_request`), proposed as a pull request for the Kasubbag's paraf
(:meth:`ForgeApi.propose_file`); then (2) once it is merged, one issue per recipient unit,
assigned to the unit's members, with the deadline and a link that opens the unit's pre-filled
submission in the forge's editor (:func:`notice_for`); and (3) a daily pass that comments on
the issues of units whose deadline is near or past and closes an issue once the unit's data is
merged (:func:`plan_reminders`). Statuses come from :mod:`kinerja.status`, the same that the
site shows, so an issue closes exactly when the site says *diterima*.

When the request changes after the issues were opened (the deadline moved, an indicator or a
unit added or dropped), the next ``kinerja period notify`` brings the issues in line
(:func:`sync_issues`): it rewrites the body of an open issue and comments what changed, opens
issues for the units added, closes with a comment the issues of the units dropped, and reopens
the issue of a unit asked again after being dropped.

Every run is idempotent: an issue carries a hidden first line naming its period and unit, so
running again finds it instead of opening a second one; a hidden second line holds what the
issue promises (deadline, indicators, documents, a digest of the letter number and notes:
:class:`RequestFacts`), so an issue is rewritten only when the request really changed; a change
comment carries the digest of what it announces, so it is not repeated when a run fails between
commenting and rewriting; and a reminder carries the day it was written, so a unit is reminded
at most once a day however often the workflow runs. An issue that someone closed by hand is left
alone.

Only the bot's own words are trusted: an issue counts as one made here only if the token's own
account (``GET /user``) opened it and it starts with the hidden line, and the hidden markers of
comments count only in comments that account wrote. Anyone can paste a marker; only the bot
can write as the bot. Issues are found by that author and marker, never by their label: GitHub
silently drops labels and assignees given by a token without push access, and a lost label must
not make every run open the issues again (the report says when it was dropped).

Forge endpoints: see :mod:`kinerja.forge.endpoints` (the one list, with the operations of the
published descriptions); lists are read as :mod:`kinerja.forge.paging` says, and the comments of
an issue on Forgejo/Gitea in one request (that API does not page them). A proposal branches
from the base and writes the file: a new file is created (GitHub ``PUT .../contents/{path}``
without ``sha``, Forgejo/Gitea ``POST``), an existing one is updated with its blob ``sha``
(GitHub ``PUT`` with ``sha``, Forgejo/Gitea ``PUT``).
"""

from __future__ import annotations

import base64
import hashlib
import re
import urllib.parse
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from kinerja.forge.api import GITHUB, GiteaForge, GitHubForge, make_forge
from kinerja.forge.config import ForgeConfig
from kinerja.forge.http import ForgeError, JsonClient
from kinerja.forge.paging import Pager
from kinerja.model import Config, Person, dates, submit
from kinerja.model.periods import Period, parse_period
from kinerja.model.roles import opener
from kinerja.status import PeriodState, PeriodStatus, UnitState, UnitStatus
from kinerja.timing.zone import DEFAULT_ZONE, DEFAULT_ZONE_NAME, Zone

LABEL = "permintaan-data"
LABEL_COLOR = "1d76db"
LABEL_DESCRIPTION = "Permintaan data kinerja untuk satu unit (dibuat oleh kinerja)"
#: GitHub accepts at most ten assignees on an issue.
MAX_ASSIGNEES = 10
DOCUMENT_KINDS = ("LHP", "LHE", "TLHP")
_MARKER = "<!-- kinerja:permintaan periode={period} unit={unit} -->"
_MARKER_RE = re.compile(r"\A<!-- kinerja:permintaan periode=([0-9a-z-]+) unit=([0-9a-z-]+) -->")
_REMINDER = "<!-- kinerja:pengingat {day} -->"
_REMINDER_RE = re.compile(r"<!-- kinerja:pengingat (\d{4}-\d{2}-\d{2}) -->")
#: What an issue promises, on its second line (see :class:`RequestFacts`).
_FACTS = "<!-- kinerja:isi {fields} -->"
_FACTS_RE = re.compile(r"^<!-- kinerja:isi ([^\n]*?) -->\r?$", re.M)
#: A comment announcing a change of the request, with the digest of the facts it announces.
_CHANGED = "<!-- kinerja:perubahan {digest} -->"
_CHANGED_RE = re.compile(r"<!-- kinerja:perubahan ([0-9a-f]+) -->")
#: A comment closing the issue of a unit dropped from the request: reopened if asked again.
_WITHDRAWN = "<!-- kinerja:dicabut -->"
_ASKED_AGAIN = "<!-- kinerja:diminta-lagi -->"
_SAFE_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z_.-]*")
_DEADLINE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T([01][0-9]|2[0-3]):[0-5][0-9])?$")
_EXAMPLE_HANDLE = "contoh-"
#: Said when the forge opened an issue without its label (GitHub, a token without push).
LABEL_DROPPED = (
    "    peringatan: forge membuka issue #{number} tanpa label "
    f"'{LABEL}' (token tanpa hak push? GitHub mengabaikan label dan penugasan dari token "
    "seperti itu). Issue tetap dikenali dari penanda tersembunyi dan akun bot; beri token hak "
    "tulis agar label dan penugasan terpasang."
)


class RequestError(ValueError):
    """The request cannot be written as asked; the message is Indonesian, for the user."""


# -- 1. the request of a period ----------------------------------------------------------------


def _frequencies(period: Period) -> set[str]:
    """Which indicators a period asks for: its own frequency, plus the annual ones at year end."""
    from kinerja.model.requests import frequencies

    return set(frequencies(period))


def previous_request(
    requests: Mapping[str, Mapping[str, Any]], period: str
) -> tuple[str, Mapping[str, Any]] | None:
    """The latest request before ``period`` of the same kind (monthly or quarterly)."""
    target = parse_period(period)
    if target is None:
        return None
    earlier = [
        parsed
        for pid in requests
        if (parsed := parse_period(pid)) is not None
        and parsed.quarterly == target.quarterly
        and parsed < target
    ]
    if not earlier:
        return None
    pid = max(earlier).id
    return pid, requests[pid]


def _document_kinds(config: Config, indicators: Iterable[str]) -> list[str]:
    """Document types whose count is one of ``indicators`` (``dokumen_indikator`` in the
    settings, else the naming convention ``jumlah-lhp`` -> LHP)."""
    mapping = config.settings.raw.get("dokumen_indikator") or {}
    owned = set(indicators)
    kinds: list[str] = []
    for kind in DOCUMENT_KINDS:
        linked = mapping.get(kind)
        if linked in owned or (not mapping and any(i.endswith(f"-{kind.lower()}") for i in owned)):
            kinds.append(kind)
    return kinds


def _own_indicators(config: Config, unit: str, wanted: set[str]) -> list[str]:
    return [i.id for i in config.indicators.values() if unit in i.unit and i.frekuensi in wanted]


def default_recipients(config: Config, period: str) -> list[dict[str, Any]]:
    """Every unit that owns indicators of the period's frequency, with the document types those
    indicators count."""
    parsed = parse_period(period)
    if parsed is None:
        raise RequestError(f"periode '{period}' tidak sah; contoh: 2026-q4 atau 2026-10.")
    wanted = _frequencies(parsed)
    out: list[dict[str, Any]] = []
    for unit in config.organisation.units:
        indicators = _own_indicators(config, unit, wanted)
        all_owned = [i.id for i in config.indicators.values() if unit in i.unit]
        documents = _document_kinds(config, all_owned) if indicators else []
        if indicators:
            item: dict[str, Any] = {"unit": unit, "indikator": indicators}
            if documents:
                item["dokumen"] = documents
            out.append(item)
    return out


def carried_recipients(
    config: Config, period: str, previous: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """The previous request's recipients, kept to units and indicators that still exist; an
    annual indicator is asked only at year end, and added then for the units that own it."""
    parsed = parse_period(period)
    if parsed is None:
        raise RequestError(f"periode '{period}' tidak sah; contoh: 2026-q4 atau 2026-10.")
    wanted = _frequencies(parsed)
    out: list[dict[str, Any]] = []
    for item in previous.get("penerima") or []:
        unit = item.get("unit") if isinstance(item, Mapping) else None
        if not isinstance(unit, str) or unit not in config.organisation.units:
            continue
        kept = [
            i
            for i in item.get("indikator") or []
            if i in config.indicators and config.indicators[i].frekuensi != "tahun"
        ]
        if "tahun" in wanted:
            kept += [i for i in _own_indicators(config, unit, {"tahun"}) if i not in kept]
        entry: dict[str, Any] = {"unit": unit}
        if kept:
            entry["indikator"] = kept
        documents = [d for d in item.get("dokumen") or [] if d in DOCUMENT_KINDS]
        if documents:
            entry["dokumen"] = documents
        if kept or documents:
            out.append(entry)
    return out


def resolve_requester(config: Config, who: str | None) -> Person:
    """The person who issues the request: ``who`` as a person id or a forge handle, else the
    one Penyusun Bahan of the organisation."""
    org = config.organisation
    if who:
        person = org.people.get(who) or org.person_by_handle(who)
        if person is not None:
            return person
    drafters = [p for p in org.people.values() if "penyusun" in p.peran]
    if len(drafters) == 1:
        return drafters[0]
    named = (
        f"'{who}' tidak ada di organisasi.yml (sebagai id pegawai atau akun forge); " if who else ""
    )
    raise RequestError(
        f"{named}tulis id pegawai penyusun permintaan dengan --oleh (pegawai berperan penyusun: "
        f"{', '.join(p.id for p in drafters) or 'tidak ada'})."
    )


def build_request(
    config: Config,
    period: str,
    *,
    deadline: str,
    issued: date,
    requester: str,
    number: str | None = None,
    note: str | None = None,
    previous: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The ``permintaan.yml`` data of ``period`` (see the module docstring for the recipients)."""
    if parse_period(period) is None:
        raise RequestError(f"periode '{period}' tidak sah; contoh: 2026-q4 atau 2026-10.")
    if not _DEADLINE_RE.match(deadline):
        raise RequestError(
            f"tenggat '{deadline}' tidak sah: tulis TTTT-BB-HH (mis. 2026-10-08) atau "
            "TTTT-BB-HHTJJ:MM (mis. 2026-10-08T12:00)."
        )
    try:
        deadline_day = date.fromisoformat(deadline[:10])
    except ValueError as exc:
        raise RequestError(f"tenggat '{deadline}' bukan tanggal yang ada.") from exc
    if deadline_day < issued:
        raise RequestError(
            f"tenggat {deadline} lebih awal dari tanggal permintaan {issued.isoformat()}."
        )
    recipients = (
        carried_recipients(config, period, previous) if previous else []
    ) or default_recipients(config, period)
    if not recipients:
        raise RequestError(
            "tidak ada unit penerima: tidak ada indikator di indikator.yml untuk frekuensi "
            "periode ini dan tidak ada permintaan sebelumnya untuk disalin."
        )
    data: dict[str, Any] = {"periode": period}
    if number:
        data["nomor"] = number
    data.update(
        tanggal=issued.isoformat(), tenggat=deadline, diminta_oleh=requester, penerima=recipients
    )
    if note:
        data["catatan"] = note
    return data


# -- 2. the forge: issues, labels and a proposal ---------------------------------------------


@dataclass(frozen=True)
class Issue:
    number: int
    title: str
    body: str
    state: str  # open | closed
    html_url: str
    assignees: tuple[str, ...] = ()
    author: str = ""
    labelled: bool = True  # carries the label (GitHub drops it for a token without push)

    @property
    def key(self) -> tuple[str, str] | None:
        """(period, unit) from the hidden first line, or None for an issue not made here."""
        match = _MARKER_RE.match(self.body.lstrip("\ufeff"))
        return (match.group(1), match.group(2)) if match else None


@dataclass(frozen=True)
class Comment:
    body: str
    created_at: str = ""
    author: str = ""


def _issue(item: Mapping[str, Any]) -> Issue:
    return Issue(
        number=int(item["number"]),
        title=str(item.get("title") or ""),
        body=str(item.get("body") or ""),
        state=str(item.get("state") or "open"),
        html_url=str(item.get("html_url") or ""),
        assignees=tuple(
            str(a.get("login") or "") for a in item.get("assignees") or [] if isinstance(a, dict)
        ),
        author=_login(item.get("user")),
        labelled=any(
            isinstance(label, dict) and label.get("name") == LABEL
            for label in item.get("labels") or []
        ),
    )


def _login(user: Any) -> str:
    return str(user.get("login") or "") if isinstance(user, Mapping) else ""


@dataclass
class ForgeApi:
    """The issue and contents endpoints of one repository, on the merge's HTTP client."""

    kind: str
    client: JsonClient
    owner: str
    repo: str
    bot_login: str | None = None  # configured (KINERJA_FORGE_BOT): GET /user is not asked
    actions_bot: str | None = None  # used when GET /user refuses a workflow token (403)
    _label_id: int | None = field(default=None, init=False)
    _bot: str | None = field(default=None, init=False)
    pager: Pager = field(init=False)

    def __post_init__(self) -> None:
        self.pager = Pager(self.client, github=self.github)

    @property
    def github(self) -> bool:
        return self.kind == GITHUB

    @property
    def prefix(self) -> str:
        return f"/repos/{self.owner}/{self.repo}"

    def _all(self, path: str, query: Mapping[str, str | int]) -> list[Any]:
        return self.pager.all(path, query).items

    @property
    def bot(self) -> str:
        """The token's own account (``GET /user``), asked once: the only trusted author."""
        if self._bot is None:
            self._bot = self.bot_login or self._whoami()
        return self._bot

    def _whoami(self) -> str:
        try:
            login = _login(self.client.request("GET", "/user"))
        except ForgeError as exc:
            if exc.status == 403 and self.actions_bot:
                return self.actions_bot
            if exc.status in (403, 404):
                raise ForgeError(
                    f"{exc}\nToken ini tidak boleh menanyakan akunnya sendiri (GET /user); isi "
                    "KINERJA_FORGE_BOT dengan nama akun yang dipakai token ini.",
                    exc.status,
                ) from exc
            raise
        if not login:
            raise ForgeError("Jawaban forge untuk GET /user tidak memuat login.")
        return login

    # issues
    def issues(self, state: str = "all") -> list[Issue]:
        """The issues the bot account opened (found by author, not by label).

        The author is compared here rather than asked of the forge (``creator`` /
        ``created_by``): how those filters treat bot and app accounts differs between forges
        and is not documented, and a filter that matched nothing would open every issue again.
        """
        bot = self.bot
        query: dict[str, str | int] = {"state": state}
        if not self.github:
            query["type"] = "issues"
        return [
            _issue(item)
            for item in self._all(f"{self.prefix}/issues", query)
            if isinstance(item, dict)
            and not item.get("pull_request")
            and _login(item.get("user")).casefold() == bot.casefold()
        ]

    def ensure_label(self) -> None:
        """Create the label once; Forgejo/Gitea also need its id to put it on an issue."""
        if self.github:
            try:
                self.client.request("GET", f"{self.prefix}/labels/{LABEL}")
            except ForgeError as exc:
                if exc.status != 404:
                    raise
                self.client.request(
                    "POST",
                    f"{self.prefix}/labels",
                    body={"name": LABEL, "color": LABEL_COLOR, "description": LABEL_DESCRIPTION},
                )
            return
        if self._label_id is not None:
            return
        for item in self._all(f"{self.prefix}/labels", {}):
            if isinstance(item, dict) and item.get("name") == LABEL:
                self._label_id = int(item["id"])
                return
        made = self.client.request(
            "POST",
            f"{self.prefix}/labels",
            body={"name": LABEL, "color": f"#{LABEL_COLOR}", "description": LABEL_DESCRIPTION},
        )
        if not isinstance(made, dict) or "id" not in made:
            raise ForgeError("Forge tidak mengembalikan id label yang dibuat.")
        self._label_id = int(made["id"])

    def create_issue(self, title: str, body: str, assignees: Sequence[str]) -> Issue:
        """Open an issue; when the forge refuses the assignees (not collaborators), open it
        without them: the body mentions them anyway."""
        self.ensure_label()
        labels: list[Any] = [LABEL] if self.github else [self._label_id]
        payload: dict[str, Any] = {"title": title, "body": body, "labels": labels}
        if assignees:
            payload["assignees"] = list(assignees)
        try:
            made = self.client.request("POST", f"{self.prefix}/issues", body=payload)
        except ForgeError as exc:
            if not assignees or exc.status not in (403, 404, 422):
                raise
            payload.pop("assignees")
            made = self.client.request("POST", f"{self.prefix}/issues", body=payload)
        if not isinstance(made, dict):
            raise ForgeError("Jawaban forge untuk issue baru tidak dikenali.")
        return _issue(made)

    def comments(self, number: int) -> list[Comment]:
        """The comments the bot account wrote on an issue: only their markers are trusted.

        GitHub pages them; Forgejo/Gitea answer all of them at once (no paging parameters)."""
        path = f"{self.prefix}/issues/{number}/comments"
        listing = self.pager.all(path, {}) if self.github else self.pager.unpaged(path)
        bot = self.bot.casefold()
        return [
            Comment(
                str(item.get("body") or ""),
                str(item.get("created_at") or ""),
                _login(item.get("user")),
            )
            for item in listing.items
            if _login(item.get("user")).casefold() == bot
        ]

    def comment(self, number: int, body: str) -> None:
        self.client.request("POST", f"{self.prefix}/issues/{number}/comments", body={"body": body})

    def close(self, number: int, *, completed: bool = True) -> None:
        """Close an issue; on GitHub as completed, or as not planned (a unit dropped)."""
        body: dict[str, Any] = {"state": "closed"}
        if self.github:
            body["state_reason"] = "completed" if completed else "not_planned"
        self.client.request("PATCH", f"{self.prefix}/issues/{number}", body=body)

    def edit_issue(self, number: int, *, title: str, body: str, reopen: bool = False) -> None:
        """Rewrite an issue's title and body (``PATCH .../issues/{n}``), reopening it if asked."""
        payload: dict[str, Any] = {"title": title, "body": body}
        if reopen:
            payload["state"] = "open"
            if self.github:
                payload["state_reason"] = "reopened"
        self.client.request("PATCH", f"{self.prefix}/issues/{number}", body=payload)

    # a proposal: a new branch with one file, and its pull request
    def _blob_sha(self, path: str, ref: str) -> str | None:
        """The blob sha of ``path`` on ``ref``, or None when there is no such file."""
        try:
            found = self.client.request(
                "GET", f"{self.prefix}/contents/{_quote_path(path)}", query={"ref": ref}
            )
        except ForgeError as exc:
            if exc.status == 404:
                return None
            raise
        if isinstance(found, list):
            raise ForgeError(f"{path} di forge adalah folder, bukan berkas.")
        sha = found.get("sha") if isinstance(found, dict) else None
        if not isinstance(sha, str) or not sha:
            raise ForgeError(f"Jawaban forge untuk {path} tidak memuat sha.")
        return sha

    def propose_file(
        self, *, base: str, branch: str, path: str, content: bytes, message: str
    ) -> None:
        """A new branch ``branch`` from ``base`` with ``path`` set to ``content``: created if
        the file is new, updated (with its blob sha, as both APIs require) if it exists."""
        encoded = base64.b64encode(content).decode("ascii")
        where = f"{self.prefix}/contents/{_quote_path(path)}"
        if self.github:
            ref = self.client.request(
                "GET", f"{self.prefix}/git/ref/heads/{urllib.parse.quote(base, safe='')}"
            )
            sha = (ref or {}).get("object", {}).get("sha") if isinstance(ref, dict) else None
            if not sha:
                raise ForgeError(f"Cabang {base} tidak ditemukan di forge.")
            self.client.request(
                "POST", f"{self.prefix}/git/refs", body={"ref": f"refs/heads/{branch}", "sha": sha}
            )
            body: dict[str, Any] = {"message": message, "content": encoded, "branch": branch}
            existing = self._blob_sha(path, branch)
            if existing:
                body["sha"] = existing
            self.client.request("PUT", where, body=body)
            return
        body = {"message": message, "content": encoded, "branch": base, "new_branch": branch}
        existing = self._blob_sha(path, base)
        if existing:
            self.client.request("PUT", where, body={**body, "sha": existing})
        else:
            self.client.request("POST", where, body=body)

    def open_pull(self, *, title: str, body: str, head: str, base: str) -> tuple[int, str]:
        made = self.client.request(
            "POST",
            f"{self.prefix}/pulls",
            body={"title": title, "body": body, "head": head, "base": base},
        )
        if not isinstance(made, dict) or "number" not in made:
            raise ForgeError("Jawaban forge untuk pull request baru tidak dikenali.")
        return int(made["number"]), str(made.get("html_url") or "")


def _quote_path(path: str) -> str:
    return urllib.parse.quote(path, safe="/")


def forge_api(config: ForgeConfig) -> ForgeApi:
    """The API of the configured repository, reusing the merge's client and its headers."""
    forge = make_forge(config.kind, config.api_url, config.owner, config.repo, config.token)
    if not isinstance(forge, GitHubForge | GiteaForge):  # pragma: no cover - make_forge's types
        raise ForgeError(f"Jenis forge tidak dikenal: {config.kind!r}.")
    return ForgeApi(
        config.kind,
        forge.client,
        config.owner,
        config.repo,
        bot_login=config.bot,
        actions_bot=config.actions_bot,
    )


# -- 3. what an issue says -------------------------------------------------------------------


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
            clean = handle.strip().lstrip("@")
            if clean and not clean.lower().startswith(_EXAMPLE_HANDLE) and clean not in out:
                out.append(clean)
    return out


def when_text(moment: datetime | None, zone: Zone = DEFAULT_ZONE) -> str:
    return dates.when_text(moment, zone=zone)


def issue_title(config: Config, period: str, unit: str) -> str:
    parsed = parse_period(period)
    label = parsed.label if parsed else period
    units = config.organisation.units
    name = units[unit].singkatan if unit in units else unit
    return f"Permintaan data kinerja {label}: {name}"


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
            lines.append(f"| {_md(name)} (`{ind_id}`) | {_md(ind.satuan) if ind else '–'} |")
        lines.append("")
    if documents:
        lines += [f"Dokumen yang diminta: {', '.join(documents)}.", ""]
    return lines


def _md(text: str) -> str:
    """Text from the data files, kept from breaking a table or pinging someone."""
    return " ".join(text.replace("|", "\\|").split()).replace("@", "@\u200b")


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
        return _FACTS.format(fields=" ".join(f"{key}={value or '-'}" for key, value in fields))

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

    @classmethod
    def read(cls, body: str) -> RequestFacts | None:
        """The facts of an issue body: its hidden line, else its visible text, else None."""
        match = _FACTS_RE.search(body)
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


def describe_changes(config: Config, old: RequestFacts, new: RequestFacts) -> list[str]:
    """What changed between what an issue promised and the request now, one sentence each
    (Indonesian, Markdown). Empty when nothing a unit would notice changed."""

    def names(ids: Iterable[str]) -> str:
        out = []
        for ind_id in ids:
            ind = config.indicators.get(ind_id)
            out.append(f"{_md(ind.nama)} (`{ind_id}`)" if ind else f"`{ind_id}`")
        return ", ".join(out)

    lines: list[str] = []
    old = replace(old, zone=new.zone)
    if old.deadline_text != new.deadline_text:
        lines.append(f"Tenggat diubah dari {old.deadline_text} menjadi **{new.deadline_text}**.")
    added = [i for i in new.indicators if i not in old.indicators]
    dropped = [i for i in old.indicators if i not in new.indicators]
    if added:
        lines.append(f"Indikator ditambahkan: {names(added)}.")
    if dropped:
        lines.append(f"Indikator tidak lagi diminta: {names(dropped)}.")
    added = [d for d in new.documents if d not in old.documents]
    dropped = [d for d in old.documents if d not in new.documents]
    if added:
        lines.append(f"Dokumen ditambahkan: {', '.join(added)}.")
    if dropped:
        lines.append(f"Dokumen tidak lagi diminta: {', '.join(dropped)}.")
    if old.text and new.text and old.text != new.text:
        lines.append("Nomor surat atau catatan permintaan berubah.")
    return lines


def _how_to_send(period: str, unit: str, links: Links, ids: Sequence[str] = ()) -> list[str]:
    """The "Cara mengirim" part of a unit's issue: Excel and upload first (no Git needed), the
    pre-filled editor second, then what happens after the pull request is opened."""
    folder = f"`{submit.period_folder(period)}/`"
    lines = ["### Cara mengirim", "", "**Dengan Excel, tanpa Git:**", ""]
    xlsx = links.downloads.get("xlsx")
    others = " · ".join(
        f"[{submit.FORMAT_LABELS.get(fmt, fmt.upper())}]({links.downloads[fmt]})"
        for fmt in ("csv", "yml")
        if fmt in links.downloads
    )
    if xlsx:
        lines.append(
            f"1. **[Unduh templat Excel]({xlsx})** unit Anda"
            + (f" (atau templat {others})." if others else ".")
        )
    elif links.downloads:
        lines.append(f"1. Unduh templat unit Anda ({others}).")
    else:
        lines.append(
            "1. Ambil templat dari halaman periode di situs pelacak (**Unduh templat Excel**), "
            f"atau jalankan `kinerja template {unit} {period}`."
        )
    shown = [i for i in ids if _SAFE_ID.fullmatch(i)]
    who = (
        " Pada *Disampaikan oleh* tulis id pegawai Anda: "
        + ", ".join(f"`{i}`" for i in shown)
        + "."
        if shown
        else " Pada *Disampaikan oleh* tulis id pegawai Anda (halaman Organisasi di situs)."
    )
    lines.append(
        f"2. Isi templat dan simpan tanpa mengganti namanya (`{unit}.xlsx`, `{unit}.csv` "
        f"atau `{unit}.yml`).{who}"
    )
    if links.upload:
        lines.append(
            f"3. Klik **[Unggah berkas]({links.upload})**: halaman unggah forge terbuka di folder "
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
            f"**Atau langsung di browser:** klik **[Kirim data]({links.editor})**: penyunting "
            f"forge terbuka dengan templat `{submit.submission_path(period, unit)}` yang sudah "
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
        _MARKER.format(period=period, unit=unit),
        facts.line(),
        f"Yth. {_md(unit_name)},",
        "",
        f"{_md(opener(org, None))} meminta data dan informasi kinerja **{label}**{letter}.",
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
        lines += ["", "Anggota unit: " + " ".join(f"@{h}" for h in handles)]
    return Notice(
        period,
        unit,
        issue_title(config, period, unit),
        "\n".join(lines) + "\n",
        tuple(handles[:MAX_ASSIGNEES]),
        facts,
    )


# -- 4. reminders ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    issue: Issue
    kind: str  # pengingat | terlambat | tutup | cabut (closed: the unit is no longer asked)
    body: str


WITHDRAWN_TEXT = (
    f"{_WITHDRAWN}\nUnit ini tidak lagi termasuk penerima permintaan periode ini "
    "(permintaan.yml diubah); pemberitahuan ditutup. Bila unit ini diminta lagi, pemberitahuan "
    "ini dibuka kembali.\n"
)


def _received_text(state: UnitState, zone: Zone) -> str:
    late = "terlambat" if state.late else "tepat waktu"
    return f"Data diterima {when_text(state.received_at, zone)} ({late}). Terima kasih."


def reminded_on(comments: Iterable[Comment]) -> set[str]:
    """The days (YYYY-MM-DD) on which a reminder was already written."""
    return {m.group(1) for c in comments for m in _REMINDER_RE.finditer(c.body)}


def plan_reminders(
    states: Mapping[str, PeriodState],
    issues: Iterable[Issue],
    now: datetime,
    *,
    days: float,
    comments_of: Callable[[int], Sequence[Comment]],
    only_close: bool = False,
    zone: Zone = DEFAULT_ZONE,
) -> list[Action]:
    """What to do with each open issue made here (see the module docstring).

    ``comments_of`` is asked only for issues that would get a reminder, to skip the ones
    already reminded today (``now``'s date in the office zone).
    """
    today = now.date().isoformat()
    stamp = _REMINDER.format(day=today)
    actions: list[Action] = []
    for issue in sorted(issues, key=lambda i: i.number):
        key = issue.key
        if issue.state != "open" or key is None:
            continue
        period, unit = key
        state = states.get(period)
        unit_state = state.units.get(unit) if state else None
        if unit_state is None or unit_state.status is UnitStatus.BELUM_DIMINTA:
            actions.append(Action(issue, "cabut", WITHDRAWN_TEXT))
            continue
        if unit_state.status.received:
            actions.append(Action(issue, "tutup", _received_text(unit_state, zone)))
            continue
        if state is not None and state.status in (PeriodStatus.DIANALISIS, PeriodStatus.DISAHKAN):
            actions.append(
                Action(
                    issue,
                    "tutup",
                    f"Periode ini sudah {state.status.value}; pemberitahuan ditutup tanpa data "
                    "unit ini. Data yang masih dikirim tetap dicatat sebagai terlambat.",
                )
            )
            continue
        if only_close or (state is not None and state.status is not PeriodStatus.DIBUKA):
            continue
        deadline = unit_state.deadline
        if unit_state.status is UnitStatus.TERLAMBAT:
            kind = "terlambat"
            text = (
                f"Tenggat {when_text(deadline, zone)} sudah lewat dan data unit ini belum "
                "diterima. Mohon segera mengirim data; bila pull request sudah dibuka, "
                "mintalah paraf kepala unit."
            )
        elif deadline is not None and deadline - now <= timedelta(days=days):
            kind = "pengingat"
            text = (
                f"Pengingat: tenggat {when_text(deadline, zone)}. Data unit ini belum diterima; "
                "bila pull request sudah dibuka, mintalah paraf kepala unit sebelum tenggat."
            )
        else:
            continue
        if today in reminded_on(comments_of(issue.number)):
            continue
        mentions = " ".join(f"@{a}" for a in issue.assignees)
        body = f"{stamp}\n{text}" + (f"\n\n{mentions}" if mentions else "") + "\n"
        actions.append(Action(issue, kind, body))
    return actions


# -- 5. running them -------------------------------------------------------------------------


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


def _chosen_periods(states: Mapping[str, PeriodState], periods: Iterable[str] | None) -> list[str]:
    if periods is not None:
        return list(periods)
    return [pid for pid, s in states.items() if s.status is PeriodStatus.DIBUKA]


def _by_key(issues: Iterable[Issue]) -> dict[tuple[str, str], Issue]:
    """The issue made here for each (period, unit): the open one if there is one, else the
    latest closed one."""
    out: dict[tuple[str, str], Issue] = {}
    for issue in sorted(issues, key=lambda i: (i.state == "open", i.number)):
        if issue.key is not None:
            out[issue.key] = issue
    return out


def _last_marked(comments: Sequence[Comment]) -> str:
    """The last comment written here (it carries a hidden marker), or ""."""
    return next((c.body for c in reversed(comments) if "<!-- kinerja:" in c.body), "")


def _withdraw(api: ForgeApi, issue: Issue) -> None:
    """Close the issue of a unit dropped from the request, saying so once."""
    if _WITHDRAWN not in _last_marked(api.comments(issue.number)):
        api.comment(issue.number, WITHDRAWN_TEXT)
    api.close(issue.number, completed=False)


def _mentions(issue: Issue) -> str:
    return " ".join(f"@{a}" for a in issue.assignees)


def _refresh(api: ForgeApi, config: Config, issue: Issue, notice: Notice) -> str:
    """Bring an open issue in line with the request; returns the report line."""
    where = f"{notice.period} {notice.unit}"
    unchanged = f"{where}: sudah ada issue #{issue.number} (open)."
    old = RequestFacts.read(issue.body)
    if old is None:  # not our text any more (edited by hand): leave it
        return unchanged
    new = notice.facts
    changes = describe_changes(config, old, new)
    if not changes and (not old.hidden or old.line() == new.line()):
        return unchanged
    if changes:
        stamp = _CHANGED.format(digest=new.digest)
        last = _CHANGED_RE.findall("\n".join(c.body for c in api.comments(issue.number)))
        if not last or last[-1] != new.digest:  # not announced already by a run that failed
            mentions = _mentions(issue)
            text = "\n".join(
                [
                    stamp,
                    "**Permintaan data periode ini diubah** (permintaan.yml):",
                    "",
                    *(f"- {line}" for line in changes),
                    "",
                    "Isi pemberitahuan di atas sudah diperbarui, termasuk tautan **Kirim data**.",
                ]
            )
            api.comment(issue.number, text + (f"\n\n{mentions}" if mentions else "") + "\n")
    api.edit_issue(issue.number, title=notice.title, body=notice.body)
    what = "; ".join(changes) if changes else "isi diperbarui"
    return f"{where}: issue #{issue.number} diperbarui ({what})"


def _reopen(api: ForgeApi, issue: Issue, notice: Notice) -> str:
    """Reopen the issue of a unit asked again after being dropped; else leave it closed."""
    where = f"{notice.period} {notice.unit}"
    if _WITHDRAWN not in _last_marked(api.comments(issue.number)):
        return f"{where}: sudah ada issue #{issue.number} ({issue.state})."
    api.edit_issue(issue.number, title=notice.title, body=notice.body, reopen=True)
    mentions = _mentions(issue)
    api.comment(
        issue.number,
        f"{_ASKED_AGAIN}\nUnit ini kembali termasuk penerima permintaan periode ini "
        f"(permintaan.yml diubah); pemberitahuan dibuka kembali. Tenggat: "
        f"**{notice.facts.deadline_text}**." + (f"\n\n{mentions}" if mentions else "") + "\n",
    )
    return f"{where}: issue #{issue.number} dibuka kembali"


def sync_issues(
    api: ForgeApi | None,
    config: Config,
    states: Mapping[str, PeriodState],
    requests: Mapping[str, Mapping[str, Any]],
    *,
    periods: Iterable[str] | None = None,
    site_url: str | None = None,
    show_body: bool = False,
) -> list[str]:
    """Bring the issues of ``periods`` (else of every open period) in line with their request.

    For each unit still to hand in: open its issue if there is none; if the request changed
    since its open issue was written, comment what changed and rewrite the issue; if its issue
    was closed because the unit had been dropped, reopen it. For each unit no longer asked,
    close its open issue with a comment. Units that handed in are left to :func:`run_reminders`.
    Running again changes nothing.

    With ``api`` None (a dry run) the forge is not asked at all: each issue that would be
    opened is listed, with its text when ``show_body``. Returns one line per unit acted on or
    found.
    """
    existing = _by_key(api.issues("all")) if api else {}
    report: list[str] = []
    for period in _chosen_periods(states, periods):
        state = states.get(period)
        if state is None:
            continue
        request = requests.get(period)
        for unit, unit_state in state.units.items():
            found = existing.get((period, unit))
            if unit_state.status is UnitStatus.BELUM_DIMINTA:
                if api is not None and found is not None and found.state == "open":
                    _withdraw(api, found)
                    report.append(
                        f"{period} {unit}: issue #{found.number} ditutup (tidak lagi diminta)"
                    )
                continue
            if unit_state.status not in (UnitStatus.MENUNGGU, UnitStatus.TERLAMBAT):
                continue
            notice = notice_for(
                config, state, unit, request, links_for(config, period, unit, request, site_url)
            )
            if api is None:
                who = ", ".join(notice.assignees) or "tanpa penugasan"
                report.append(f"{period} {unit}: akan dibuka issue '{notice.title}' ({who}).")
                if show_body:
                    report.append("    " + notice.body.rstrip("\n").replace("\n", "\n    "))
            elif found is None:
                made = api.create_issue(notice.title, notice.body, notice.assignees)
                report.append(
                    f"{period} {unit}: issue #{made.number} dibuka {made.html_url}".rstrip()
                )
                if not made.labelled:
                    report.append(LABEL_DROPPED.format(number=made.number))
            elif found.state == "open":
                report.append(_refresh(api, config, found, notice))
            else:
                report.append(_reopen(api, found, notice))
    return report


def run_reminders(
    api: ForgeApi,
    states: Mapping[str, PeriodState],
    now: datetime,
    *,
    days: float,
    dry_run: bool = False,
    only_close: bool = False,
    zone: Zone = DEFAULT_ZONE,
) -> list[str]:
    """Comment and close as :func:`plan_reminders` says. Returns one line per action."""
    actions = plan_reminders(
        states,
        api.issues("open"),
        now,
        days=days,
        comments_of=api.comments,
        only_close=only_close,
        zone=zone,
    )
    report: list[str] = []
    for action in actions:
        period, unit = action.issue.key or ("?", "?")
        what = {
            "tutup": "ditutup",
            "cabut": "ditutup (tidak lagi diminta)",
            "pengingat": "pengingat",
            "terlambat": "pengingat terlambat",
        }
        line = f"{period} {unit}: {what[action.kind]} (#{action.issue.number})"
        if dry_run:
            report.append(line + " [coba]")
            continue
        if action.kind == "cabut":
            _withdraw(api, action.issue)
        else:
            api.comment(action.issue.number, action.body)
            if action.kind == "tutup":
                api.close(action.issue.number)
        report.append(line)
    return report
