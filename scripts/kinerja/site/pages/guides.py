"""The Panduan pages, rendered from the office's own configuration at build time.

The package carries the guides as templates (``kinerja/site/panduan/*.md``, Jinja2); every
name, unit, role, id, hour, zone and example in them comes from the office's ``organisasi.yml``,
``indikator.yml``, workflow SOP and requests. An office that wants its own wording places its
own ``docs/panduan/<name>.md``: a hand-written page of the same name wins (the plugin skips the
generated one and says so).

One escaping path: every value a template prints goes through :func:`~kinerja.site.html.md_text`
(the environment's ``finalize``), unless a helper here built it for another layer on purpose:
``|code`` is an HTML ``<code>`` around the same escaped text, ``|literal`` is text inside a
fenced code block (:func:`~kinerja.escape.md_in_code_block`), and :func:`picture` writes an
image whose alt text is escaped like any Markdown text. Templates never print a raw value.

Pictures are shown only when the office has them (``docs/panduan/gambar/<name>``); their alt
text says they are examples.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, StrictUndefined

from kinerja.escape import md_in_code_block
from kinerja.model.bands import bounded
from kinerja.model.organisation import Organisation
from kinerja.model.roles import ROLE_WORDS, analyst, step_lane
from kinerja.site.html import md_text, number
from kinerja.site.pages._common import period_label
from kinerja.snapshot import Snapshot

#: The guides the package carries, as ``panduan/<name>.md``.
GUIDES = (
    "index",
    "staf-unit",
    "pemberi-paraf",
    "perencanaan",
    "admin",
    "forge",
    "keabsahan",
    "istilah",
)
PICTURES = "gambar"
_DAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_KINDS = (
    ("permintaan", "Permintaan data (`permintaan.yml`)"),
    ("submisi", "Data unit (`<unit>.yml/.csv/.xlsx`)"),
    ("analisis", "Analisis (`analisis.md`)"),
)


class Built(str):
    """Text a helper here built for its layer (already escaped): printed as it is."""

    __slots__ = ()


def _finalize(value: Any) -> str:
    return value if isinstance(value, Built) else md_text(value)


def code(value: object) -> Built:
    """A value as inline code: an HTML ``<code>`` whose text is still escaped for Markdown
    (Markdown reads inside inline HTML: ``[x](javascript:...)`` there would become a link)."""
    return Built(f"<code>{md_text(value)}</code>")


def literal(value: object) -> Built:
    """A value inside a fenced code block: shown as typed, unable to end the block."""
    return Built(md_in_code_block(value))


@cache
def _environment() -> Environment:
    env = Environment(
        autoescape=False,  # noqa: S701 - Markdown, not HTML: every value goes through _finalize
        finalize=_finalize,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["code"] = code
    env.filters["literal"] = literal
    return env


def template_text(name: str) -> str:
    """The package's template of ``panduan/<name>.md``."""
    return (resources.files("kinerja.site") / "panduan" / f"{name}.md").read_text("utf-8")


@dataclass(frozen=True)
class Approval:
    berkas: str
    paraf: str
    pengesahan: str


def _closing_times(snapshot: Snapshot) -> str:
    """``Senin–Kamis 16.00, Jumat 16.30``: when a deadline given as a date ends, by day."""
    groups: list[tuple[int, int, str]] = []  # first day, last day, closing time
    for index, hours in enumerate(snapshot.calendar.week):
        if hours is None:
            continue
        text = f"{hours.closes // 60:02d}.{hours.closes % 60:02d}"
        if groups and groups[-1][1] == index - 1 and groups[-1][2] == text:
            groups[-1] = (groups[-1][0], index, text)
        else:
            groups.append((index, index, text))
    parts = []
    for first, last, text in groups:
        days = _DAY_NAMES[first] if first == last else f"{_DAY_NAMES[first]}–{_DAY_NAMES[last]}"
        parts.append(f"{days} {text}")
    return ", ".join(parts)


def _role_label(organisation: Organisation | None, rule: str) -> str:
    """Who a paraf rule names, in the office's own words: ``kepala:<unit>`` by the unit's short
    name, a role by the jabatan its holders share (else a generic word)."""
    if rule == "kepala-unit":
        return "Kepala unit yang bersangkutan"
    if rule.startswith("kepala:"):
        unit_id = rule.split(":", 1)[1]
        unit = organisation.units.get(unit_id) if organisation else None
        return f"Kepala {unit.singkatan if unit else unit_id}"
    holders = [p for p in organisation.people.values() if rule in p.peran] if organisation else []
    titles = {p.jabatan for p in holders if p.jabatan}
    if len(titles) == 1:
        return titles.pop()
    return ROLE_WORDS.get(rule, rule.replace("-", " ").capitalize())


def _bands_text(bands: Any) -> str:
    """``≥ 91 Sangat Tinggi, 76–91 Tinggi, ...``: the bands in force, highest first."""
    usable = bounded([b for b in bands or [] if isinstance(b, Mapping)])
    parts = []
    for band in reversed(usable):
        low = number(band.min, 0 if float(band.min).is_integer() else 2)
        if math.isinf(band.maks):
            parts.append(f"≥ {low} {band.nama}")
        else:
            high = number(band.maks, 0 if float(band.maks).is_integer() else 2)
            parts.append(f"{low} sampai di bawah {high} {band.nama}")
    return "; ".join(parts) or "–"


def _join(items: Iterable[str], last: str = "dan") -> str:
    values = list(dict.fromkeys(i for i in items if i))
    if len(values) < 2:
        return "".join(values)
    return f"{', '.join(values[:-1])} {last} {values[-1]}"


def _approvals(organisation: Organisation | None) -> list[Approval]:
    rows = []
    for kind, berkas in _KINDS:
        rule = organisation.approvals.get(kind) if organisation else None
        paraf = [_role_label(organisation, r) for r in (rule.paraf if rule else ())]
        signs = [_role_label(organisation, r) for r in (rule.pengesahan if rule else ())]
        # The file kind is the package's own Markdown (a constant above), not data.
        rows.append(Approval(Built(berkas), _join(paraf) or "–", _join(signs) or "–"))
    return rows


def _submitting_units(snapshot: Snapshot) -> list[str]:
    """The ids of the units asked for data (by the indicator catalogue), in organisation order."""
    config = snapshot.tracker.config
    if config is None:
        return []
    asked = {u for indicator in config.indicators.values() for u in indicator.unit}
    return [u for u in config.organisation.units if u in asked]


def _holder(organisation: Organisation | None, role: str) -> str:
    """The id of the first person with ``role`` (else the first admin), for examples."""
    people = list(organisation.people.values()) if organisation else []
    found = next((p for p in people if role in p.peran), None)
    found = found or next((p for p in people if "admin" in p.peran), None)
    return found.id if found else "id-pegawai"


def _example_unit(snapshot: Snapshot, units: Sequence[str]) -> str:
    """A unit for the examples: of the kind most units that send data share (the staff most
    readers belong to), first in organisation order; else the first unit."""
    config = snapshot.tracker.config
    if config is None:
        return units[0] if units else ""
    kinds = Counter(config.organisation.units[u].jenis for u in units)
    if kinds:
        common = kinds.most_common(1)[0][0]
        return next(u for u in units if config.organisation.units[u].jenis == common)
    return next(iter(config.organisation.units), "")


def _example_period(snapshot: Snapshot) -> str:
    """The latest period of the office's data, else the fourth quarter of this year."""
    periods = snapshot.tracker.sorted_periods()
    return periods[-1].period.id if periods else f"{snapshot.now.year}-q4"


def _example_values(snapshot: Snapshot, ids: Sequence[str], year: int) -> list[tuple[str, Any]]:
    """``(indicator id, value)`` for a YAML example: the indicator's target of that year (the
    lower bound of a range), so that the example stays within what the indicator measures."""
    config = snapshot.tracker.config
    out: list[tuple[str, Any]] = []
    for indicator_id in ids:
        indicator = config.indicators.get(indicator_id) if config else None
        targets = sorted(indicator.targets, key=lambda t: abs(t.tahun - year)) if indicator else []
        value: Any = targets[0].nilai if targets else 0
        if isinstance(value, Mapping):
            value = value.get("min", 0)
        out.append((indicator_id, value))
    return out


def context(snapshot: Snapshot) -> dict[str, Any]:
    """Everything the guide templates may print, from the office's data."""
    config = snapshot.tracker.config
    organisation = config.organisation if config else None
    sop = snapshot.sop
    units = _submitting_units(snapshot)
    unit_id = _example_unit(snapshot, units)
    unit = organisation.units.get(unit_id) if organisation else None
    members = [p for p in organisation.people.values() if p.unit == unit_id] if organisation else []
    head = organisation.people.get(unit.kepala or "") if organisation and unit else None
    sender = next((p for p in members if head is None or p.id != head.id), head)
    catalogue = list(config.indicators.values()) if config else []
    indicators = [i.id for i in catalogue if unit_id in i.unit][:3]
    other_unit = next((u for u in units if u != unit_id), unit_id)
    others = [i.id for i in catalogue if other_unit in i.unit][:2]
    period = _example_period(snapshot)
    request = snapshot.tracker.requests().get(period) or {}
    analysis = (
        snapshot.tracker.periods[period].analysis if period in snapshot.tracker.periods else None
    )
    composer_id = str(request.get("diminta_oleh") or _holder(organisation, "penyusun"))
    approvals = _approvals(organisation)
    short = {u: (organisation.units[u].singkatan if organisation else u) for u in units}
    all_rules = [
        r
        for rule in (organisation.approvals.values() if organisation else ())
        for r in (*rule.paraf, *rule.pengesahan)
    ]
    repo = organisation.forge.repo if organisation else ""
    return {
        "office": organisation.nama if organisation else "kantor ini",
        "zone": snapshot.zone.label,
        "closing_times": _closing_times(snapshot),
        "opener": snapshot.opener,
        "analyst": analyst(organisation, sop),
        "composer": step_lane(sop, "kirim-subbag") or step_lane(sop, "kirim-irban") or "Penyusun",
        "collect_units": step_lane(sop, "kumpul-irban") or "unit",
        "approvals": approvals,
        "request_paraf": approvals[0].paraf,
        "submission_paraf": approvals[1].paraf,
        "analysis_paraf": approvals[2].paraf,
        "analysis_sign": approvals[2].pengesahan,
        "approvers": _join(
            ["Kepala unit"]
            + [_role_label(organisation, r) for r in all_rules if r != "kepala-unit"]
        ),
        "units_text": _join([short[u] for u in units]),
        "unit_id": unit_id,
        "unit_short": unit.singkatan if unit else unit_id,
        "other_unit_id": other_unit,
        "other_indicators": others or ["id-indikator"],
        "indicator_name": next((i.nama for i in catalogue if i.id in indicators), "Nama indikator"),
        "composer_id": composer_id,
        "analysis_author": str((analysis or {}).get("disusun_oleh") or composer_id),
        "sender_id": sender.id if sender else "id-pegawai",
        "head_account": (head.akun[0] if head and head.akun else "akun-kepala-unit"),
        "indicators": indicators or ["id-indikator"],
        "values": _example_values(snapshot, indicators or ["id-indikator"], int(period[:4])),
        "period": period,
        "period_label": period_label(period),
        "request_no": str(request.get("nomor") or "<nomor surat permintaan>"),
        "repo_name": repo.rsplit("/", 1)[-1] or "kinerja",
        "year": period[:4],
        "bands_text": _bands_text(config.settings.raw.get("predikat") if config else None),
        "unit_kinds": sorted(
            {u.jenis for u in organisation.units.values()} if organisation else ()
        ),
    }


def picture_maker(
    available: frozenset[str],
) -> Any:
    """The template function ``picture(name, alt, width=None)``: an example picture of the
    office's own site when it has one (``docs/panduan/gambar/<name>``), else nothing."""

    def picture(name: str, alt: str, width: int | None = None) -> Built:
        if name not in available:
            return Built("")
        size = f" width={int(width)}" if width else ""
        return Built(f"![Contoh: {md_text(alt)}]({PICTURES}/{name}){{ loading=lazy{size} }}")

    return picture


def render(name: str, snapshot: Snapshot, values: Mapping[str, Any] | None = None) -> str:
    """The Markdown of ``panduan/<name>.md`` for this office."""
    env = _environment()
    template = env.from_string(template_text(name))
    values = dict(values if values is not None else context(snapshot))
    values["picture"] = picture_maker(snapshot.guide_pictures)
    values["has_pictures"] = bool(snapshot.guide_pictures)
    return template.render(**values)


def pages(snapshot: Snapshot) -> dict[str, str | bytes]:
    values = context(snapshot)
    return {f"panduan/{name}.md": render(name, snapshot, values) for name in GUIDES}


__all__ = ["GUIDES", "code", "context", "literal", "pages", "render", "template_text"]
