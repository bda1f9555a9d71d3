"""``kinerja init``: a new office's repository that validates, builds and anchors its trust file.

Real parts: the CLI in-process, real Git with ssh signing (``ssh-keygen``), a real
``mkdocs build --strict`` of the output as written.
"""

from __future__ import annotations

import stat
import subprocess
import tomllib
from pathlib import Path

import pytest

from browser import mkdocs_build
from kinerja.cli import main

FLAGS = [
    "--nama",
    "Inspektorat Kota Contoh",
    "--pemerintah",
    "Pemerintah Kota Contoh",
    "--kode",
    "kota-contoh",
    "--zona-waktu",
    "Asia/Makassar",
    "--admin-id",
    "admin-satu",
    "--admin-nama",
    "Admin Satu",
    "--admin-akun",
    "admin1",
    "--admin-email",
    "admin@kota-contoh.example",
]


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], check=True, capture_output=True, text=True
    ).stdout


def init(tmp_path: Path, *extra: str, name: str = "kantor") -> tuple[int, Path, Path]:
    root, key = tmp_path / name, tmp_path / f"{name}.kunci"
    code = main(["init", str(root), *FLAGS, "--kunci-keluar", str(key), *extra])
    return code, root, key


def test_init_output_validates_builds_and_is_signed(tmp_path: Path) -> None:
    code, root, _ = init(tmp_path, "--forge", "forgejo", "--forge-url", "https://git.example")
    assert code == 0
    assert main(["validate", "-C", str(root)]) == 0
    site = mkdocs_build(root)
    assert (site / "index.html").is_file()
    # The root commit is signed by the merge identity with the key of its own trust file.
    verified = subprocess.run(
        [
            "git",
            "-C",
            str(root),
            "-c",
            "gpg.ssh.allowedSignersFile=.kinerja/allowed_signers",
            "verify-commit",
            "HEAD",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert verified.returncode == 0, verified.stderr
    assert "kinerja-merge@kota-contoh.invalid" in verified.stderr
    assert git(root, "log", "--format=%ce", "-1").strip() == "kinerja-merge@kota-contoh.invalid"
    assert git(root, "rev-list", "--count", "HEAD").strip() == "1"
    # The same verdict from the trust core, and the founding commit asks no paraf.
    from kinerja.history import read_history

    history = read_history(root)
    assert all(v.verified for v in history.verdicts.values())
    assert history.events and not [e for e in history.events if e.problems]


def test_init_private_key_outside_repository_and_never_committed(tmp_path: Path) -> None:
    code, root, key = init(tmp_path)
    assert code == 0
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    private = key.read_text()
    assert "OPENSSH PRIVATE KEY" in private
    tracked = git(root, "ls-files").split("\n")
    body = private.splitlines()[1]
    for path in filter(None, tracked):
        assert body not in (root / path).read_text(errors="replace")
    trust = (root / ".kinerja" / "allowed_signers").read_text()
    assert 'kinerja-merge@kota-contoh.invalid namespaces="git" ssh-ed25519 ' in trust


@pytest.mark.parametrize(
    ("forge", "folder", "owners"),
    [
        ("github", ".github/workflows", ".github/CODEOWNERS"),
        ("forgejo", ".forgejo/workflows", ".gitea/CODEOWNERS"),
        ("gitea", ".gitea/workflows", ".gitea/CODEOWNERS"),
    ],
)
def test_init_forge_workflows_and_codeowners(
    tmp_path: Path, forge: str, folder: str, owners: str
) -> None:
    extra = ["--forge", forge, "--no-git"]
    if forge != "github":
        extra += ["--forge-url", "https://git.example"]
    code, root, _ = init(tmp_path, *extra)
    assert code == 0
    workflows = sorted(p.name for p in (root / folder).glob("*.yml"))
    assert {"validate.yml", "pages.yml"} <= set(workflows)
    assert (root / owners).is_file()
    assert main(["codeowners", "--check", "-C", str(root)]) == 0
    assert not (root / ".git").exists()
    # The office's workflows run `pip install -e .`: every file its pyproject.toml tells the
    # build backend to include must exist in the office's repository (no .github/ on Forgejo).
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = project["tool"]["hatch"]["build"]["targets"]["wheel"]
    for source in wheel.get("force-include", {}):
        assert (root / source).exists(), source
    assert (root / "requirements.lock").is_file()
    # The schemas the office keeps carry no example of the organisation the package came from.
    assert '"examples"' not in (root / "schema" / "organisasi.schema.json").read_text("utf-8")
    assert not (root / "scripts" / "kinerja" / "workflows").exists()


def test_init_refuses_non_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "kantor").mkdir()
    (tmp_path / "kantor" / "catatan.txt").write_text("isi")
    code, root, key = init(tmp_path)
    assert code == 2
    assert "tidak kosong" in capsys.readouterr().err
    assert not key.exists()
    assert sorted(p.name for p in root.iterdir()) == ["catatan.txt"]


def test_init_refuses_key_inside_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "kantor"
    code = main(["init", str(root), *FLAGS, "--kunci-keluar", str(root / "kunci")])
    assert code == 2
    assert "tidak boleh di dalam repositori" in capsys.readouterr().err
    assert not root.exists()


@pytest.mark.parametrize(
    ("flag", "value", "words"),
    [
        ("--kode", "Kota Contoh", "--kode"),
        ("--zona-waktu", "Asia/Atlantis", "--zona-waktu"),
        ("--forge-repo", "tanpa-garis-miring", "--forge-repo"),
    ],
)
def test_init_bad_flags_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: str, value: str, words: str
) -> None:
    code, root, _ = init(tmp_path, flag, value)
    assert code == 2
    assert words in capsys.readouterr().err
    assert not root.exists()


def test_init_forgejo_needs_url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = init(tmp_path, "--forge", "forgejo")
    assert code == 2
    assert "--forge-url wajib" in capsys.readouterr().err
