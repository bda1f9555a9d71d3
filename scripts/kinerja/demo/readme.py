"""The demo repository's README: says loudly that it is example data, and what to look at."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from kinerja.demo.model import PeriodInfo, Status
from kinerja.demo.timeline import Direct, Landing, PullRequest
from kinerja.model import Organisation


def _names(org: Organisation, pairs: Sequence[tuple[str, str]]) -> str:
    def name(unit: str) -> str:
        return org.units[unit].singkatan if unit in org.units else unit

    return "; ".join(f"{name(u)} {p}" for p, u in pairs[:8]) + (" ..." if len(pairs) > 8 else "")


def readme_text(
    org: Organisation,
    *,
    today: date,
    seed: int,
    synthetic: bool,
    periods: Sequence[PeriodInfo],
    statuses: Mapping[tuple[str, str], Status],
    marked: Mapping[str, Landing],
) -> str:
    def having(status: Status) -> list[tuple[str, str]]:
        return sorted(k for k, v in statuses.items() if v is status)

    lines = [
        f"# Repositori contoh pelacak kinerja: {org.nama}",
        "",
        "> **DATA CONTOH.** Seluruh isi repositori ini dibuat oleh `kinerja demo` pada "
        f"{today.isoformat()} (benih acak {seed}) untuk memperlihatkan cara kerja pelacak. Pegawai "
        "bertanda `contoh: true` di `submissions/organisasi.yml`, nomor dan judul dokumen, angka "
        "realisasi, tautan dan analisis adalah rekaan. Jangan dipakai sebagai data sungguhan.",
        "",
    ]
    if synthetic:
        lines += [
            "Organisasi dan katalog indikator di sini **sintetis** (unit-001 dan seterusnya), "
            "dibuat untuk uji dan tolok ukur.",
            "",
        ]
    lines += [
        "Riwayat Git repositori ini dimundurkan tanggalnya, supaya status dan lama setiap langkah "
        "SOP tampak seperti di kantor sungguhan. Setiap permintaan data, data unit dan analisis "
        "masuk melalui *pull request* yang digabungkan ke `main`; pesan merge-nya memuat paraf "
        "(`Reviewed-by`), pengesahan Inspektur (`Approved-by`), alamat pull request "
        "(`Reviewed-on`) dan waktu pull request dibuka (`Opened-at`), yang menjadi dasar penilaian "
        "tenggat.",
        "",
        "## Cara melihat",
        "",
        "```sh",
        "mkdocs serve            # situs di http://127.0.0.1:8000/",
        "kinerja validate        # periksa semua berkas data",
        "kinerja history         # riwayat audit dari Git",
        "git log --first-parent --date=iso --format='%h %ad %an: %s'",
        "```",
        "",
        "## Yang dapat diamati",
        "",
        "* Data unit disampaikan dalam tiga format: YAML, CSV (seperti disimpan Excel: pemisah "
        "titik koma, koma desimal, UTF-8 dengan BOM) dan XLSX; setiap periode memuat ketiganya.",
    ]
    open_periods = [p for p in periods if p.open]
    for period in open_periods:
        lines.append(
            f"* Periode berjalan **{period.label}**: permintaan terbit {period.requested}, tenggat "
            f"{period.deadline}; baru {len(period.formats)} dari {len(period.recipients)} unit "
            "menyampaikan data, sisanya *menunggu*."
        )
    for status, text in (
        (Status.DITERIMA_TERLAMBAT, "Diterima setelah tenggat"),
        (Status.TERLAMBAT, "Tidak menyampaikan sampai tenggat lewat"),
        (Status.DIREVISI, "Direvisi setelah diterima"),
    ):
        pairs = having(status)
        if pairs:
            lines.append(f"* {text}: {_names(org, pairs)}.")
    unsigned = marked.get("belum-disahkan")
    if isinstance(unsigned, PullRequest):
        lines.append(
            f"* Analisis {unsigned.period} (#{unsigned.number}) sudah diparaf tetapi belum "
            "disahkan Inspektur."
        )
    wrong = marked.get("paraf-salah")
    if isinstance(wrong, PullRequest):
        lines.append(
            f"* Pull request #{wrong.number} ({wrong.title}) diparaf oleh pegawai yang bukan "
            "kepala unit: riwayat menandainya sebagai paraf yang tidak memenuhi syarat."
        )
    push = marked.get("push-langsung")
    if isinstance(push, Direct):
        lines.append(
            "* Satu perubahan didorong langsung ke `main` oleh admin, tanpa pull request dan tanpa "
            f'paraf: "{push.commit.message}".'
        )
    lines += [
        "",
        "## Periode",
        "",
        "| Periode | Permintaan | Tenggat | Status | Unit diminta | Sudah menyampaikan |",
        "|---|---|---|---|---:|---:|",
    ]
    for period in periods:
        lines.append(
            f"| {period.label} | {period.requested} | {period.deadline} | {period.status} | "
            f"{len(period.recipients)} | {len(period.formats)} |"
        )
    lines.append("")
    return "\n".join(lines)


GITIGNORE = "site/\n.cache/\n__pycache__/\n"
GITATTRIBUTES = "*.xlsx binary\n*.csv -text\n"
