"""Turn a planned :class:`~kinerja.demo.timeline.Blob` into the bytes of the file.

Rendering is the expensive part of a large demo (thousands of XLSX workbooks), so it runs in a
pool of forked workers when there is enough of it; each blob depends only on the shared
:class:`~kinerja.demo.data.Context` and its own fields, so the order of work does not matter.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import Any

from kinerja.demo.analysis import Delivery, analysis_markdown
from kinerja.demo.data import Context, submission_data
from kinerja.demo.timeline import AnalysisInput, Blob
from kinerja.write import request_yaml, submission_csv, submission_xlsx, submission_yaml

#: Below this many blobs a process pool costs more than it saves.
PARALLEL_THRESHOLD = 400

SUBMISSION_HEADER = (
    "DATA CONTOH (dibuat oleh `kinerja demo`): data kinerja unit {unit}, periode {periode}.\n"
    "Skema: schema/submisi.schema.json. Tanggal ditulis dengan tanda kutip, angka tanpa tanda\n"
    "kutip dengan titik desimal (mis. 85.5)."
)
REQUEST_HEADER = (
    "DATA CONTOH (dibuat oleh `kinerja demo`): permintaan data periode {periode}.\n"
    "Skema: schema/permintaan.schema.json. Tenggat berupa tanggal berarti akhir jam kerja."
)


def render(blob: Blob, ctx: Context) -> bytes:
    if blob.kind == "static":
        data: bytes = blob.payload
        return data
    if blob.kind == "permintaan":
        return request_yaml(blob.payload, header=REQUEST_HEADER.format(periode=blob.period)).encode(
            "utf-8"
        )
    if blob.kind == "submisi":
        return _submission(blob, ctx)
    if blob.kind == "analisis":
        return _analysis(blob, ctx).encode("utf-8")
    raise ValueError(f"unknown blob kind {blob.kind}")


def _submission(blob: Blob, ctx: Context) -> bytes:
    if blob.period is None or blob.written is None:
        raise ValueError(f"incomplete plan for {blob.path}")
    data = submission_data(
        ctx,
        blob.period,
        blob.payload,
        version=blob.version,
        author=blob.author,
        written=blob.written,
        flags=blob.flags,
    )
    if blob.path.endswith(".csv"):
        return submission_csv(data)
    if blob.path.endswith(".xlsx"):
        person = ctx.config.organisation.people.get(blob.author)
        creator = person.nama.split(",")[0] if person else blob.author
        return submission_xlsx(data, created=blob.written.replace(tzinfo=None), creator=creator)
    header = SUBMISSION_HEADER.format(unit=data["unit"], periode=data["periode"])
    return submission_yaml(data, header=header).encode("utf-8")


def _analysis(blob: Blob, ctx: Context) -> str:
    if blob.period is None:
        raise ValueError(f"incomplete plan for {blob.path}")
    source: AnalysisInput = blob.payload
    deliveries = []
    for part in source.parts:
        data: dict[str, Any] | None = None
        if part.on_time is not None and part.written is not None:
            data = submission_data(
                ctx,
                blob.period,
                part.recipient,
                version=part.version,
                author=part.author,
                written=part.written,
                flags=part.flags,
            )
        deliveries.append(Delivery(part.recipient.unit, part.on_time, data))
    return analysis_markdown(
        ctx.config,
        blob.period,
        author=blob.author,
        request=source.request,
        deliveries=deliveries,
        rng=ctx.rng("analisis", blob.period),
        typo="typo" in blob.flags,
    )


# --- the pool -------------------------------------------------------------------------------
_SHARED: dict[str, Context] = {}


def _work(blobs: Sequence[Blob]) -> list[bytes]:
    ctx = _SHARED["ctx"]
    return [render(blob, ctx) for blob in blobs]


def render_all(blobs: Sequence[Blob], ctx: Context, jobs: int | None = None) -> Iterator[bytes]:
    """The bytes of ``blobs``, in order."""
    if jobs is None:
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if len(blobs) < PARALLEL_THRESHOLD or jobs < 2:
        for blob in blobs:
            yield render(blob, ctx)
        return
    import multiprocessing

    _SHARED["ctx"] = ctx
    size = 64
    batches = [blobs[i : i + size] for i in range(0, len(blobs), size)]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        for results in pool.imap(_work, batches):
            yield from results
