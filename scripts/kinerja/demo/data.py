"""The content of the demo's files, as data: requests, submissions, analyses.

Every function here is a pure function of its arguments and a seed, so a file can be rendered in
any process, in any order, and again later (the analysis re-derives the figures of the
submissions it summarises) with the same result.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from kinerja.demo import content
from kinerja.model import Config, Indicator, Period, parse_period

ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
#: Rough share of documents that are public (terbuka) per type; the rest are terbatas.
OPEN_SHARE = {"LHP": 0.1, "LHE": 0.6, "TLHP": 0.25}
MAX_LINKED_DOCUMENTS = 15


@dataclass(frozen=True)
class Recipient:
    unit: str
    indikator: tuple[str, ...]
    dokumen: tuple[str, ...]

    def as_data(self) -> dict[str, Any]:
        out: dict[str, Any] = {"unit": self.unit}
        if self.indikator:
            out["indikator"] = list(self.indikator)
        if self.dokumen:
            out["dokumen"] = list(self.dokumen)
        return out


@dataclass(frozen=True)
class Context:
    """What every file needs to know; small enough to hand to worker processes."""

    config: Config
    seed: int
    documents_per_submission: int | None  # None: as many as the linked indicator says
    unit_codes: Mapping[str, str]
    _targets: dict[tuple[str, str, str], float | None] = field(
        default_factory=dict, compare=False, repr=False
    )

    def target(self, indicator: Indicator, unit: str, period: Period) -> float | None:
        """:func:`period_target`, remembered: every submission of a period asks the same."""
        key = (indicator.id, unit, period.id)
        if key not in self._targets:
            self._targets[key] = period_target(indicator, unit, period)
        return self._targets[key]

    def rng(self, *parts: object) -> random.Random:
        seed = "|".join(str(p) for p in (self.seed, *parts))
        return random.Random(seed)  # noqa: S311 - example data, not security


def unit_code(singkatan: str) -> str:
    """``Irban I`` -> ``Irban-I``: the unit's part of a document number."""
    return "-".join(singkatan.split()) or "Unit"


# --- targets and realisations ---------------------------------------------------------------


def period_target(indicator: Indicator, unit: str | None, period: Period) -> float | None:
    """The target of ``indicator`` for ``unit`` (or the whole instansi) in ``period``."""
    candidates = [t for t in indicator.targets if t.tahun == period.year]
    chosen = next((t for t in candidates if t.unit == unit), None) if unit else None
    chosen = chosen or next((t for t in candidates if t.unit is None), None)
    if chosen is None:
        return None
    value: Any = None
    if chosen.periode and period.id in chosen.periode:
        value = chosen.periode[period.id]
    else:
        value = chosen.nilai
        if indicator.agregasi == "jumlah" and isinstance(value, (int, float)):
            value = value / (4 if period.quarterly else 12)
    if isinstance(value, Mapping):
        value = value.get("min", value.get("max"))
    return float(value) if isinstance(value, (int, float)) else None


def realisation(indicator: Indicator, target: float | None, rng: random.Random) -> int | float:
    low, high = indicator.rentang
    if target is None:
        target = (float(low or 0) + float(high)) / 2 if high is not None else 10.0
    factor = rng.uniform(0.78, 1.12) if indicator.arah == "naik" else rng.uniform(0.85, 1.3)
    value = target * factor
    if low is not None:
        value = max(float(low), value)
    if high is not None:
        value = min(float(high), value)
    if indicator.presisi <= 0:
        return round(value)
    return round(value, indicator.presisi)


# --- documents ------------------------------------------------------------------------------


def _working_dates(period: Period, until: date) -> list[date]:
    first = date(period.year, period.first_month, 1)
    last_month = date(period.year + (period.last_month == 12), period.last_month % 12 + 1, 1)
    end = min(last_month - timedelta(days=1), until)
    days = [first + timedelta(days=i) for i in range((end - first).days + 1)]
    return [d for d in days if d.weekday() < 5] or [first]


def _documents(
    ctx: Context,
    period: Period,
    unit: str,
    kinds: Sequence[str],
    counts: Mapping[str, int],
    written: date,
    rng: random.Random,
) -> list[dict[str, Any]]:
    code = ctx.unit_codes.get(unit, unit_code(unit))
    unit_index = sum(ord(c) for c in unit)
    objects = content.objects_for(unit_index, rng)
    dates = _working_dates(period, written)
    per_block = 25 if period.quarterly else 8
    out: list[dict[str, Any]] = []
    for kind in kinds:
        count = counts.get(kind, 0)
        block = max(per_block, count)
        start = (period.last_month // (3 if period.quarterly else 1) - 1) * block
        chosen = sorted(rng.choice(dates) for _ in range(count))
        for i in range(count):
            seq = start + i + 1
            objek = objects[(seq + i) % len(objects)]
            judul, objek = content.document_title(kind, objek, rng)
            if unit.startswith("subbag-anev") and kind == "TLHP":
                judul = (
                    f"Rekapitulasi Hasil Pemantauan Tindak Lanjut Hasil Pengawasan {period.label}"
                )
                objek = "Seluruh perangkat daerah"
            out.append(
                {
                    "jenis": kind,
                    "nomor": f"700/{seq:03d}/{kind}/{code}/{period.year}",
                    "tanggal": chosen[i].isoformat(),
                    "judul": judul,
                    "objek": objek,
                    "tautan": (
                        f"https://drive.example.go.id/{unit}/{period.year}/"
                        f"{kind.lower()}-{seq:03d}.pdf"
                    ),
                    "klasifikasi": "terbuka"
                    if rng.random() < OPEN_SHARE.get(kind, 0.2)
                    else "terbatas",
                }
            )
    return out


#: Units of measure of an indicator that counts documents.
COUNTING = frozenset({"laporan", "dokumen"})


def _linked_kind(indicator: Indicator | None, kinds: Sequence[str]) -> str | None:
    """``jumlah-lhp`` counts the LHP documents listed: the figure and the list must agree."""
    if indicator is None or indicator.satuan not in COUNTING or indicator.agregasi != "jumlah":
        return None
    for kind in kinds:
        if indicator.id.endswith(f"-{kind.lower()}"):
            return kind
    return None


# --- submissions ----------------------------------------------------------------------------


def submission_data(
    ctx: Context,
    period_id: str,
    recipient: Recipient,
    *,
    version: int,
    author: str,
    written: datetime,
    flags: Sequence[str] = (),
) -> dict[str, Any]:
    """A unit's submission. ``version`` 1 is the first hand-in, 2 a revision after acceptance,
    0 a first draft on the pull request's branch (without kendala and follow-up plan)."""
    period = parse_period(period_id)
    if period is None:
        raise ValueError(period_id)
    rng = ctx.rng("submisi", period_id, recipient.unit)
    realisasi: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    for ind_id in recipient.indikator:
        indicator = ctx.config.indicators.get(ind_id)
        if indicator is None:
            continue
        value = realisation(indicator, ctx.target(indicator, recipient.unit, period), rng)
        linked = _linked_kind(indicator, recipient.dokumen)
        if linked and ctx.documents_per_submission is None:
            value = min(int(value), MAX_LINKED_DOCUMENTS)
            counts[linked] = value
        item: dict[str, Any] = {"indikator": ind_id, "nilai": value}
        if rng.random() < 0.3:
            register = "LHP" if "lhp" in ind_id else "kegiatan"
            item["catatan"] = rng.choice(content.CATATAN_REALISASI).format(register=register)
        realisasi.append(item)
    for kind in recipient.dokumen:
        if kind not in counts:
            if ctx.documents_per_submission is None:
                counts[kind] = rng.randint(1, 3)
            else:
                share, extra = divmod(ctx.documents_per_submission, len(recipient.dokumen))
                counts[kind] = share + (recipient.dokumen.index(kind) < extra)
    documents = _documents(
        ctx, period, recipient.unit, recipient.dokumen, counts, written.date(), rng
    )
    data: dict[str, Any] = {
        "unit": recipient.unit,
        "periode": period_id,
        "disampaikan_oleh": author,
        "tanggal": written.date().isoformat(),
    }
    if documents:
        data["dokumen"] = documents
    absent = [kind for kind in recipient.dokumen if not counts.get(kind)]
    if absent:
        # A requested type with no document this period is answered "nihil", with a reason.
        data["dokumen_nihil"] = [
            {"jenis": kind, "alasan": content.NIHIL_ALASAN.format(jenis=kind)} for kind in absent
        ]
    if realisasi:
        data["realisasi"] = realisasi
    data["kendala"] = content.sentences(content.KENDALA, rng, rng.randint(1, 2))
    data["rencana_tindak_lanjut"] = content.sentences(content.RENCANA, rng, rng.randint(1, 2))
    if version == 0:
        del data["kendala"], data["rencana_tindak_lanjut"]
    elif version >= 2:
        _revise(ctx, data, period, recipient, rng)
    for flag in flags:
        _plant(data, flag, period)
    return data


def _revise(
    ctx: Context,
    data: dict[str, Any],
    period: Period,
    recipient: Recipient,
    rng: random.Random,
) -> None:
    """A revision after acceptance: a document that was forgotten, or a corrected figure."""
    documents: list[dict[str, Any]] = data.get("dokumen", [])
    if documents:
        last = documents[-1]
        kind = last["jenis"]
        extra = _documents(
            ctx, period, recipient.unit, [kind], {kind: 1}, date.fromisoformat(data["tanggal"]), rng
        )[0]
        seq = max(int(d["nomor"].split("/")[1]) for d in documents if d["jenis"] == kind) + 1
        code = ctx.unit_codes.get(recipient.unit, recipient.unit)
        extra["nomor"] = f"700/{seq:03d}/{kind}/{code}/{period.year}"
        extra["tautan"] = extra["tautan"].rsplit("-", 1)[0] + f"-{seq:03d}.pdf"
        documents.append(extra)
        for item in data.get("realisasi", []):
            if _linked_kind(ctx.config.indicators.get(item["indikator"]), [kind]):
                item["nilai"] = item["nilai"] + 1
                item["catatan"] = f"Direvisi: satu {kind} yang tertinggal ditambahkan."
                return
    for item in data.get("realisasi", []):
        indicator = ctx.config.indicators.get(item["indikator"])
        if indicator is None:
            continue
        old = item["nilai"]
        new = realisation(indicator, float(old) or None, rng)
        if new == old:
            step = 1 if indicator.presisi <= 0 else 10**-indicator.presisi
            high = indicator.rentang[1]
            new = old + step if high is None or old + step <= high else old - step
            new = int(new) if indicator.presisi <= 0 else round(new, indicator.presisi)
        item["nilai"] = new
        item["catatan"] = (
            "Direvisi: angka diperbaiki setelah verifikasi Subbag Analisis dan Evaluasi."
        )
        return


#: Deliberate problems for the validator (``Scale.planted``), with the code it must report.
PLANTED = ("number-out-of-range", "indicator-unknown", "date-invalid")


def _plant(data: dict[str, Any], flag: str, period: Period) -> None:
    """Make ``data`` break one rule on purpose; :func:`planted_code` names the finding."""
    if flag == "number-out-of-range" and data.get("realisasi"):
        data["realisasi"][0]["nilai"] = -999  # every rentang starts at 0 or above
    elif flag in ("number-out-of-range", "indicator-unknown"):
        data.setdefault("realisasi", []).append({"indikator": "indikator-tidak-ada", "nilai": 1})
    elif flag == "date-invalid":
        data["tanggal"] = f"{period.year}-02-30"


def planted_code(flag: str, recipient: Recipient) -> str:
    """The finding code a planted ``flag`` produces in a submission for ``recipient``."""
    if flag == "number-out-of-range" and not recipient.indikator:
        return "indicator-unknown"
    return flag


# --- requests -------------------------------------------------------------------------------


def request_data(
    period_id: str,
    *,
    number: int,
    issued: date,
    deadline: date,
    requester: str,
    recipients: Sequence[Recipient],
) -> dict[str, Any]:
    period = parse_period(period_id)
    label = period.label if period else period_id
    return {
        "periode": period_id,
        # No office's own letter code: the same demo history serves any source office.
        "nomor": f"700/{number:03d}/PDK/{ROMAN_MONTHS[issued.month - 1]}/{issued.year}",
        "tanggal": issued.isoformat(),
        "tenggat": deadline.isoformat(),
        "diminta_oleh": requester,
        "penerima": [r.as_data() for r in recipients],
        "catatan": (
            f"DATA CONTOH. Mohon data dan informasi kinerja {label} disampaikan melalui "
            "tautan Kirim data di situs paling lambat pada tanggal tenggat."
        ),
    }


def format_number(value: float | None, presisi: int) -> str:
    """Indonesian number text: thousands dot, decimal comma."""
    if value is None:
        return "-"
    text = f"{value:,.{max(presisi, 0)}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def capaian(indicator: Indicator, value: float, target: float | None) -> float | None:
    if not target:
        return None
    if indicator.arah == "turun":
        return max(0.0, (2 * target - value) / target * 100)
    return max(0.0, value / target * 100)


def aggregate(indicator: Indicator, values: Sequence[float]) -> float | None:
    if not values:
        return None
    if indicator.agregasi == "jumlah":
        return float(sum(values))
    return sum(values) / len(values)
