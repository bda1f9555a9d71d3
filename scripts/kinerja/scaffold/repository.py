"""Write a new office's tracker repository to disk (the impure half of ``kinerja init``).

The repository is self-contained, like the shipped one: the office's data, the package and its
schemas (the workflows install ``kinerja`` from the repository itself with ``pip install -e .``),
the forge's workflows, CODEOWNERS and the trust file. The merge identity's private key is written
only OUTSIDE the repository; the root commit is signed with it by the merge identity, so that the
trust file anchors itself (docs/dev/trust.md: the root commit is judged against its own trust
file).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kinerja.forge.codeowners import codeowners_text, path_for
from kinerja.history.trust import TRUST_FILE, TRUST_HEADER, trust_line
from kinerja.resources import schema_dir
from kinerja.scaffold import office as skeleton
from kinerja.scaffold.texts import mkdocs_yml, readme
from kinerja.write import dump_yaml

#: Name written as author and committer of landings (the merge identity's e-mail is the
#: principal in the trust file).
MERGE_NAME = "kinerja merge"
_PACKAGE = Path(__file__).resolve().parents[1]
_CHECKOUT = _PACKAGE.parents[1]
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo")


class ScaffoldError(Exception):
    """The folder or the key path cannot be used; ``str()`` is the Indonesian message."""


@dataclass(frozen=True, slots=True)
class Result:
    root: Path
    files: tuple[str, ...]
    key_path: Path
    public_line: str
    commit: str | None


def new_key() -> tuple[bytes, str]:
    """A fresh Ed25519 key: (private key in OpenSSH format, ``ssh-ed25519 AAAA...``), written
    by the same helpers that sign the demo's landings (:mod:`kinerja.signing`)."""
    from kinerja.signing import private_openssh, public_line

    key = Ed25519PrivateKey.generate()
    return private_openssh(key).encode("ascii"), public_line(key)


def workflows_source() -> Path | None:
    """The shipped workflow files: bundled with the package, or the checkout's .github/."""
    for candidate in (_PACKAGE / "workflows", _CHECKOUT / ".github" / "workflows"):
        if candidate.is_dir():
            return candidate
    return None


def check_target(root: Path, key_path: Path) -> None:
    if root.exists() and not root.is_dir():
        raise ScaffoldError(f"'{root}' sudah ada dan bukan folder.")
    if root.is_dir() and any(root.iterdir()):
        raise ScaffoldError(
            f"folder '{root}' tidak kosong. `kinerja init` hanya mengisi folder baru atau "
            "kosong; pilih folder lain."
        )
    resolved = key_path.resolve()
    if resolved == root.resolve() or root.resolve() in resolved.parents:
        raise ScaffoldError(
            f"kunci privat '{key_path}' tidak boleh di dalam repositori '{root}': kunci "
            "penggabung tidak pernah di-commit. Pilih tempat lain dengan --kunci-keluar."
        )
    if key_path.exists():
        raise ScaffoldError(f"berkas kunci '{key_path}' sudah ada; tidak ditimpa.")


def _write(root: Path, rel: str, text: str, written: list[str]) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    written.append(rel)


#: Folders an installed wheel adds to the package (pyproject.toml's force-include) that an
#: office's copy of the package does not carry: its schemas live in its own schema/.
_WHEEL_ONLY = frozenset({"schema", "workflows", "project"})
#: Lines of pyproject.toml that only this source checkout can honour (they name files an office
#: repository does not have, e.g. .github/workflows in a Forgejo office): marked in the file.
WHEEL_ONLY_MARK = "# wheel-only"


def _ignore(folder: str, names: list[str]) -> set[str]:
    ignored = set(_IGNORE(folder, names))
    if Path(folder).resolve() == _PACKAGE:
        ignored |= _WHEEL_ONLY & set(names)
    return ignored


def _project_file(name: str) -> Path | None:
    """pyproject.toml or requirements.lock: of the checkout, else the copy in the wheel."""
    for candidate in (_CHECKOUT / name, _PACKAGE / "project" / name):
        if candidate.is_file():
            return candidate
    return None


def office_pyproject(text: str) -> str:
    """The package's pyproject.toml for an office repository: without the wheel-only lines."""
    return "".join(
        line
        for line in text.splitlines(keepends=True)
        if not line.rstrip().endswith(WHEEL_ONLY_MARK)
    )


def _copy_package(root: Path, written: list[str]) -> None:
    from kinerja.resources import schemas_in
    from kinerja.site.schema_examples import strip_examples

    shutil.copytree(_PACKAGE, root / "scripts" / "kinerja", ignore=_ignore)
    written.append("scripts/kinerja/")
    # The schemas without the examples of the organisation the package was made for: the
    # office's site fills them from its own data (kinerja.site.schema_examples).
    for name, schema in schemas_in(schema_dir()).items():
        text = json.dumps(strip_examples(schema), ensure_ascii=False, indent=2) + "\n"
        _write(root, f"schema/{name}.schema.json", text, [])
    written.append("schema/")
    for name in ("pyproject.toml", "requirements.lock"):
        source = _project_file(name)
        if source is None:
            continue
        text = source.read_text(encoding="utf-8")
        _write(root, name, office_pyproject(text) if name == "pyproject.toml" else text, written)


def write_repository(
    root: Path, office: skeleton.Office, key_path: Path, *, today: date, git: bool = True
) -> Result:
    """Fill the empty folder ``root``; the private key goes to ``key_path`` (mode 0600)."""
    check_target(root, key_path)
    root.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    org = skeleton.organisation(office)
    _write(
        root,
        "submissions/organisasi.yml",
        dump_yaml(org, header=skeleton.ORGANISATION_HEADER.format(nama=office.nama), spaced=True),
        written,
    )
    _write(
        root,
        "submissions/indikator.yml",
        dump_yaml(
            skeleton.indicators(office, today.year),
            header=skeleton.INDICATORS_HEADER.format(nama=office.nama),
            spaced=True,
        ),
        written,
    )
    _write(
        root,
        "docs/sop/pengumpulan-data-kinerja.yml",
        dump_yaml(
            skeleton.sop(office, today.isoformat()),
            header=skeleton.SOP_HEADER.format(nama=office.nama),
            spaced=True,
        ),
        written,
    )
    _write(root, "mkdocs.yml", mkdocs_yml(office), written)
    _write(root, "README.md", readme(office), written)
    _write(root, ".gitignore", "site/\n.venv/\n__pycache__/\n*.pyc\n", written)
    _write(root, path_for(office.forge), codeowners_text(org, office.forge), written)
    source = workflows_source()
    if source is not None:
        target = skeleton.WORKFLOW_DIRS[office.forge]
        for workflow in sorted(source.glob("*.yml")):
            _write(root, f"{target}/{workflow.name}", workflow.read_text("utf-8"), written)
    _copy_package(root, written)

    private, public = new_key()
    key_path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(private)
    trusted = TRUST_HEADER + trust_line(office.merge_email, public, MERGE_NAME)
    _write(root, TRUST_FILE, trusted, written)
    commit = _root_commit(root, office, key_path) if git else None
    return Result(root, tuple(written), key_path, public, commit)


def _root_commit(root: Path, office: skeleton.Office, key_path: Path) -> str:
    """The repository's first commit, signed by the merge identity in-process
    (:func:`kinerja.signing.sign_commit`, the format ``ssh-keygen -Y sign`` writes): no
    ``ssh-keygen`` needed on the admin's computer."""
    from cryptography.hazmat.primitives.serialization import load_ssh_private_key

    from kinerja.signing import sign_commit

    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": MERGE_NAME,
        "GIT_AUTHOR_EMAIL": office.merge_email,
        "GIT_COMMITTER_NAME": MERGE_NAME,
        "GIT_COMMITTER_EMAIL": office.merge_email,
    }

    def run(*args: str, data: bytes | None = None) -> bytes:
        try:
            return subprocess.run(
                ["git", "-C", str(root), *args],
                check=True,
                capture_output=True,
                input=data,
                env=env,
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError) as exc:
            raw = getattr(exc, "stderr", b"") or str(exc).encode()
            detail = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
            raise ScaffoldError(f"git gagal ({' '.join(args[:1])}): {detail.strip()}") from exc

    key = load_ssh_private_key(key_path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):  # new_key() makes Ed25519 only
        raise ScaffoldError(f"kunci '{key_path}' bukan kunci Ed25519.")
    run("init", "-q", "-b", "main")
    run("add", "-A")
    tree = run("write-tree").decode()
    message = f"Repositori pelacak kinerja {office.nama} (kinerja init)\n".encode()
    unsigned = run("commit-tree", tree, "-F", "-", data=message).decode()
    raw = run("cat-file", "commit", unsigned) + b"\n"
    signed = run("hash-object", "-t", "commit", "-w", "--stdin", data=sign_commit(raw, key))
    run("update-ref", "refs/heads/main", signed.decode())
    return signed.decode()
