"""The request of a period (``permintaan.yml``): its recipients, indicators, documents and
deadline, written from the previous period's request or from the organisation and indicators.

SOP steps 2-3; the file is proposed as a pull request for the Kasubbag's paraf
(:meth:`kinerja.forge.issues.ForgeApi.propose_file`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from kinerja.model import Config, Person
from kinerja.model.periods import Period, parse_period

DOCUMENT_KINDS = ("LHP", "LHE", "TLHP")
_DEADLINE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T([01][0-9]|2[0-3]):[0-5][0-9])?$")


class RequestError(ValueError):
    """The request cannot be written as asked; the message is Indonesian, for the user."""


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
