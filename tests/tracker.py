"""A small, hand-made tracker repository for rule tests: exact control over every file."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from signing import BOT, sign_args, write_trust

REPO = Path(__file__).resolve().parents[1]

REQUEST = """\
periode: 2026-q4
tanggal: "2026-10-01"
tenggat: "2026-10-08"
diminta_oleh: {requester}
penerima:
  - unit: irban-1
    indikator: [jumlah-lhp, persentase-tindak-lanjut]
    dokumen: [LHP, TLHP]
  - unit: irban-2
    indikator: [jumlah-lhp]
    dokumen: [LHP]
"""

SUBMISSION = """\
unit: irban-1
periode: 2026-q4
disampaikan_oleh: mira-andriani
tanggal: "2026-10-06"
dokumen:
  - jenis: LHP
    nomor: 700/045/LHP/Irban-I/2026
    tanggal: "2026-10-02"
    judul: Audit Kinerja Dinas Pendidikan
    objek: Dinas Pendidikan
    tautan: https://drive.example.go.id/lhp-45
    klasifikasi: terbatas
realisasi:
  - indikator: jumlah-lhp
    nilai: 3
    catatan: Sesuai PKPT
  - indikator: persentase-tindak-lanjut
    nilai: 85.5
kendala: Tidak ada
dokumen_nihil:
  - jenis: TLHP
    alasan: Belum ada tindak lanjut yang jatuh tempo pada triwulan ini.
"""


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], check=True, capture_output=True, text=True
    ).stdout


def make_tracker(root: Path, *, with_git: bool = True) -> Path:
    """The shipped configuration, one quarterly period with a request and one good submission."""
    (root / "submissions" / "2026-q4").mkdir(parents=True)
    for name in ("organisasi.yml", "indikator.yml"):
        shutil.copy(REPO / "submissions" / name, root / "submissions" / name)
    sop = REPO / "docs" / "sop"
    if sop.is_dir():
        shutil.copytree(sop, root / "docs" / "sop")
    write(root, "submissions/2026-q4/permintaan.yml", REQUEST.format(requester="rizki-ananda"))
    write(root, "submissions/2026-q4/irban-1.yml", SUBMISSION)
    if with_git:
        # The first commit is signed by the office key listed in its own trust file: the
        # anchor of the trust rule, so its files count as handed in.
        write_trust(root)
        git(root, "init", "-q", "-b", "main")
        git(root, "-c", "user.name=t", "-c", "user.email=t@example.go.id", "add", "-A")
        signed_commit(root, "awal")
    return root


def signed_commit(root: Path, message: str, *, who: tuple[str, str] = BOT) -> str:
    """Commit everything staged as the merge identity, signed with the office key."""
    name, email = who
    git(
        root,
        *sign_args(),
        "-c",
        f"user.name={name}",
        "-c",
        f"user.email={email}",
        "commit",
        "-qS",
        "--allow-empty",
        "-m",
        message,
    )
    return git(root, "rev-parse", "HEAD").strip()


def write(root: Path, rel: str, content: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
