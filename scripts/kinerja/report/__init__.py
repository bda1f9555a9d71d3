"""Render findings for people and machines: terminal text, JSON, GitHub annotations and summary.

The same :class:`~kinerja.findings.Finding` values feed every form; nothing here decides what is
wrong, only how it is shown.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from kinerja.escape import md_text
from kinerja.findings import Finding, Severity

#: GitHub shows a limited number of annotations per step; more would be dropped silently.
ANNOTATIONS_PER_FILE = 10
ANNOTATIONS_TOTAL = 50


def _where(f: Finding) -> str:
    where = f.path
    if f.line:
        where += f":{f.line}"
        if f.column:
            where += f":{f.column}"
    return where


def summary_line(findings: Sequence[Finding], files: int) -> str:
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    if not findings:
        return f"Semua data sah: {files} berkas diperiksa, tidak ada temuan."
    return f"{files} berkas diperiksa: {errors} galat, {warnings} peringatan."


def write_text(findings: Sequence[Finding], files: int, out: TextIO) -> None:
    for f in findings:
        # A spreadsheet finding names its cell (Realisasi!E7) rather than the YAML field path.
        field = f" [{f.place}]" if f.place else f" [{f.field}]" if f.field else ""
        label = "" if f.severity is Severity.ERROR else " (peringatan)"
        out.write(f"{_where(f)}: {f.code}{label}{field} {f.message}\n")
        if f.hint:
            out.write(f"    petunjuk: {f.hint}\n")
    out.write(summary_line(findings, files) + "\n")


def to_json(findings: Sequence[Finding], files: int) -> dict[str, Any]:
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    return {
        "files": files,
        "errors": errors,
        "warnings": len(findings) - errors,
        "findings": [f.to_dict() for f in findings],
    }


def write_json(findings: Sequence[Finding], files: int, out: TextIO) -> None:
    json.dump(to_json(findings, files), out, ensure_ascii=False, indent=2)
    out.write("\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(findings: Sequence[Finding]) -> Iterable[str]:
    """Workflow commands, at most ``ANNOTATIONS_PER_FILE`` per file, then a count of the rest."""
    per_file: Counter[str] = Counter()
    shown = 0
    for f in findings:
        per_file[f.path] += 1
        if per_file[f.path] > ANNOTATIONS_PER_FILE or shown >= ANNOTATIONS_TOTAL:
            continue
        shown += 1
        level = "error" if f.severity is Severity.ERROR else "warning"
        props = [f"file={_escape_property(f.path)}"]
        if f.line:
            props.append(f"line={f.line}")
        if f.column:
            props.append(f"col={f.column}")
        props.append(f"title={_escape_property(f.code)}")
        body = f.message + (f"\npetunjuk: {f.hint}" if f.hint else "")
        yield f"::{level} {','.join(props)}::{_escape_data(body)}"
    hidden = len(findings) - shown
    if hidden > 0:
        yield (
            f"::notice title=temuan-lain::{hidden} temuan lain tidak ditampilkan sebagai anotasi;"
            " lihat ringkasan job (job summary) untuk daftar lengkap."
        )


def _md_cell(text: str | None) -> str:
    """Text from a submission (a file name, a field, a message quoting a value) in a Markdown
    table cell of a job summary: the forge escape of :mod:`kinerja.escape`."""
    return md_text(text, forge=True)


def github_summary(findings: Sequence[Finding], files: int) -> str:
    lines = ["## Hasil pemeriksaan data kinerja", "", summary_line(findings, files), ""]
    if findings:
        lines += [
            "| Berkas | Baris | Kolom | Kode | Tingkat | Isian | Pesan | Petunjuk |",
            "|---|---:|---:|---|---|---|---|---|",
        ]
        for f in findings:
            lines.append(
                "| "
                + " | ".join(
                    [
                        _md_cell(f.path),
                        _md_cell(f.place) if f.place else str(f.line or ""),
                        "" if f.place else str(f.column or ""),
                        _md_cell(f.code),
                        f.severity.label,
                        _md_cell(f.field),
                        _md_cell(f.message),
                        _md_cell(f.hint),
                    ]
                )
                + " |"
            )
    return "\n".join(lines) + "\n"
