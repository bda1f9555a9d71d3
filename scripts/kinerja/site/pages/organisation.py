"""Organisasi: who is who, read from ``organisasi.yml``, and who gives paraf on what.

Pull-request approvals are the paraf, so people need to see, in plain Indonesian, whose approval
each kind of file waits for. Invented example people (``contoh: true``) carry a visible badge.
Forge handles are shown as text, never as links: the site must not point readers at accounts
that may be examples.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kinerja.model.organisation import Organisation, Person, Unit
from kinerja.model.submit import repo_base
from kinerja.site.html import block, esc, heading, link, table
from kinerja.site.pages._common import example_notice
from kinerja.snapshot import Snapshot

HERE = "organisasi.md"

ROLE_LABELS = {
    "inspektur": "Inspektur",
    "sekretaris": "Sekretaris",
    "kasubbag": "Kepala Sub Bagian",
    "irban": "Inspektur Pembantu",
    "penyusun": "Penyusun Bahan",
    "staf": "Staf",
    "admin": "Admin repositori",
}

ROLE_HELP = {
    "inspektur": "Inspektur Daerah; memberi pengesahan (tanda tangan).",
    "sekretaris": "Sekretaris; memberi paraf pada lembar disposisi.",
    "kasubbag": "Kepala Sub Bagian.",
    "irban": "Inspektur Pembantu (Irban) wilayah.",
    "penyusun": "Penyusun Bahan Evaluasi, Rencana, Program dan Laporan; menyusun permintaan data.",
    "staf": "Pelaksana dan pejabat fungsional lain.",
    "admin": "Pengelola repositori; boleh mengubah schema/, scripts/ dan .github/.",
}

#: The kinds of file in ``persetujuan``, as a reader knows them.
KIND_LABELS = {
    "permintaan": "Permintaan data (membuka periode, langkah 1 SOP)",
    "submisi": "Data unit (langkah 4 dan 5 SOP)",
    "analisis": "Analisis dan evaluasi (menutup periode, langkah 6 SOP)",
    "organisasi": "Susunan organisasi (organisasi.yml)",
    "indikator": "Katalog indikator dan target (indikator.yml)",
    "sop": "SOP (docs/sop/)",
}

#: Files whose approval rule defaults to the admins when ``persetujuan`` does not name them.
ADMIN_DEFAULT = ("organisasi", "indikator", "sop")


def contoh_badge(person: Person | None) -> str:
    if person is None or not person.contoh:
        return ""
    return (
        ' <span class="kj-badge kj-contoh" title="Orang rekaan: ganti dengan data sebenarnya">'
        "contoh</span>"
    )


def _person(org: Organisation, person_id: str | None) -> str:
    if not person_id:
        return "–"
    person = org.people.get(person_id)
    if person is None:
        return f"{esc(person_id)} (tidak ada di daftar pegawai)"
    return esc(person.nama) + contoh_badge(person)


def _unit_name(org: Organisation, unit_id: str) -> str:
    unit = org.units.get(unit_id)
    return unit.nama if unit else unit_id


def requirement_text(org: Organisation, requirement: str) -> str:
    """One approval requirement in Indonesian, with who holds it today (HTML)."""
    if requirement == "kepala-unit":
        return "Kepala unit yang bersangkutan (kepala unit pemilik data)"
    if requirement.startswith("kepala:"):
        unit_id = requirement.split(":", 1)[1]
        head = org.head(unit_id)
        who = f" ({_person(org, head.id)})" if head else " (kepala belum ditetapkan)"
        return f"Kepala {esc(_unit_name(org, unit_id))}{who}"
    holders = org.holders(requirement)
    if requirement == "admin":
        holders = [p for p in org.people.values() if org.is_admin(p)]
    label = esc(ROLE_LABELS.get(requirement, requirement))
    if not holders:
        return f"{label} (belum ada pegawai dengan peran ini)"
    names = ", ".join(_person(org, p.id) for p in holders)
    return f"{label} ({names})"


def _requirements(org: Organisation, requirements: Sequence[str]) -> str:
    if not requirements:
        return "–"
    items = "".join(f"<li>{requirement_text(org, r)}</li>" for r in requirements)
    return f'<ul class="kj-plain">{items}</ul>'


def approvals_block(org: Organisation) -> str:
    """Who gives paraf and pengesahan on each kind of file, explained."""
    rows = []
    kinds = list(org.approvals)
    kinds += [k for k in ADMIN_DEFAULT if k not in org.approvals]
    for kind in kinds:
        rule = org.approvals.get(kind)
        label = esc(KIND_LABELS.get(kind, kind))
        if rule is None:  # admin default
            default = " <small>(aturan bawaan: persetujuan tidak menyebut berkas ini)</small>"
            rows.append([label, _requirements(org, ["admin"]) + default, "–"])
            continue
        rows.append([label, _requirements(org, rule.paraf), _requirements(org, rule.pengesahan)])
    summary = []
    for kind, rule in org.approvals.items():
        parts = []
        if rule.paraf:
            parts.append("paraf " + " dan ".join(_plain_requirement(org, r) for r in rule.paraf))
        if rule.pengesahan:
            parts.append(
                "pengesahan " + " dan ".join(_plain_requirement(org, r) for r in rule.pengesahan)
            )
        if parts:
            short = KIND_LABELS.get(kind, kind).split(" (")[0]
            summary.append(f"<li>{esc(short)}: {esc('; '.join(parts))}.</li>")
    lead = f'<ul class="kj-approval-summary">{"".join(summary)}</ul>' if summary else ""
    return lead + table(
        ["Jenis berkas", "Paraf", "Pengesahan (tanda tangan)"],
        rows,
        caption="Paraf dan pengesahan per jenis berkas",
    )


def _plain_requirement(org: Organisation, requirement: str) -> str:
    if requirement == "kepala-unit":
        return "Kepala unit yang bersangkutan"
    if requirement.startswith("kepala:"):
        return f"Kepala {_unit_name(org, requirement.split(':', 1)[1])}"
    return ROLE_LABELS.get(requirement, requirement)


def _roles(org: Organisation, person: Person, unit: Unit) -> str:
    roles = [ROLE_LABELS.get(r, r) for r in person.peran]
    if unit.kepala == person.id:
        roles.insert(0, "Kepala unit")
    if person.id in org.admins and "admin" not in person.peran:
        roles.append(ROLE_LABELS["admin"])
    return esc(", ".join(roles)) or "–"


def unit_block(org: Organisation, unit: Unit) -> str:
    """One unit: a Markdown heading (so it is in the page's table of contents) and its people."""
    members = sorted(org.members(unit.id), key=lambda p: p.id != unit.kepala)
    facts = [f"Singkatan: {esc(unit.singkatan)}", f"Kepala: {_person(org, unit.kepala)}"]
    if unit.induk:
        facts.append(f"Di bawah: {esc(_unit_name(org, unit.induk))}")
    facts.append(f"Id: <code>{esc(unit.id)}</code>")
    rows = [
        [
            esc(p.nama) + contoh_badge(p),
            f'<code class="kj-person-id">{esc(p.id)}</code>',
            esc(p.jabatan) or "–",
            esc(p.pangkat) or "–",
            f'<span class="kj-nowrap">{esc(p.nip)}</span>' if p.nip else "–",
            _roles(org, p, unit),
            _handles(p),
        ]
        for p in members
    ]
    body = (
        table(
            ["Nama", "Id pegawai", "Jabatan", "Pangkat/golongan", "NIP", "Peran", "Akun forge"],
            rows,
            caption=f"Pegawai {unit.nama}",
            css="kj-wide",
        )
        if rows
        else "<p>Belum ada pegawai di unit ini.</p>"
    )
    anchor = re.sub(r"[^a-z0-9-]", "-", unit.id.lower())
    title = heading(3, unit.nama, attrs=f"#unit-{anchor}")
    return title + block(
        f'<div class="kj-unit"><p class="kj-lead">{" · ".join(facts)}</p>{body}</div>'
    )


def _handles(person: Person) -> str:
    """Forge accounts as plain text (never links), one unbroken name each."""
    if not person.akun:
        return "–"
    return ", ".join(f'<span class="kj-handle">{esc(h)}</span>' for h in person.akun)


def pages(snapshot: Snapshot) -> dict[str, str | bytes]:
    config = snapshot.tracker.config
    out = ["---\nhide:\n  - navigation\n---\n\n# Organisasi\n\n", example_notice(snapshot)]
    if config is None:
        out.append(
            '!!! danger "organisasi.yml tidak dapat dibaca"\n'
            "    Susunan organisasi belum dapat ditampilkan. Jalankan "
            "`kinerja validate` untuk melihat kesalahannya.\n\n"
        )
        return {HERE: "".join(out)}
    org = config.organisation
    out.append(
        "Susunan organisasi dari `submissions/organisasi.yml`: unit kerja, pegawai dan "
        "perannya, serta siapa yang memberi paraf dan pengesahan. Paraf diberikan dengan "
        "menyetujui pengajuan di server repositori; pengesahan adalah persetujuan terakhir.\n\n"
        "Kolom **Id pegawai** adalah yang ditulis pada isian *Disampaikan oleh* "
        "(`disampaikan_oleh`) di templat data unit, dan di berkas lain yang menyebut pegawai.\n\n"
    )
    facts = [["Instansi", esc(org.nama) or "–"], ["Pemerintah", esc(org.pemerintah) or "–"]]
    if org.alamat:
        facts.append(["Alamat", esc(org.alamat)])
    forge = org.forge
    if forge.repo:
        url = repo_base(forge)
        shown = link(url, forge.repo, external=True) if url else esc(forge.repo)
        facts.append(["Repositori", f"{shown} ({esc(forge.jenis)}, cabang {esc(forge.cabang)})"])
    examples = sum(1 for p in org.people.values() if p.contoh)
    facts.append(
        [
            "Pegawai",
            f"{len(org.people)} orang"
            + (f", {examples} di antaranya data contoh" if examples else ""),
        ]
    )
    out.append(block(table(["Keterangan", "Isi"], facts, css="kj-facts")))

    out.append("## Paraf dan pengesahan\n\n")
    out.append(block(approvals_block(org)))

    out.append("## Unit kerja\n\n")
    for unit in org.units.values():
        out.append(unit_block(org, unit))
    loose = [p for p in org.people.values() if p.unit not in org.units]
    if loose:
        rows = [
            [esc(p.nama) + contoh_badge(p), esc(p.unit) or "–", esc(p.jabatan) or "–"]
            for p in loose
        ]
        out.append("### Pegawai tanpa unit yang dikenal\n\n")
        out.append(block(table(["Nama", "Unit tertulis", "Jabatan"], rows)))

    out.append("## Admin repositori\n\n")
    admins = [p for p in org.people.values() if org.is_admin(p)]
    unknown = [a for a in org.admins if a not in org.people]
    if admins or unknown:
        rows = [[esc(p.nama) + contoh_badge(p), esc(p.jabatan) or "–", _handles(p)] for p in admins]
        rows += [[f"{esc(a)} (tidak ada di daftar pegawai)", "–", "–"] for a in unknown]
        out.append(
            "Admin boleh mengubah `schema/`, `scripts/` dan `.github/`, dan memberi paraf "
            "perubahan organisasi, indikator dan SOP bila `persetujuan` tidak "
            "menentukan lain.\n\n"
        )
        out.append(block(table(["Nama", "Jabatan", "Akun forge"], rows)))
    else:
        out.append("Belum ada admin. Tulis id pegawai di `admin:` pada organisasi.yml.\n\n")

    out.append("## Arti peran\n\n")
    legend = [
        [esc(ROLE_LABELS[r]), f"<code>{esc(r)}</code>", esc(text)] for r, text in ROLE_HELP.items()
    ]
    out.append(block(table(["Peran", "Ditulis", "Arti"], legend)))
    return {HERE: "".join(out)}
