"""Write a whole Git history in one ``git fast-import`` stream.

Thousands of ``git commit`` calls would take minutes and could not set the committer freely;
one fast-import process writes twenty thousand commits in seconds, with every author,
committer, date and parent exactly as planned.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import IO

from kinerja.demo.source import DemoError
from kinerja.history.gitlog import git_env

Who = tuple[str, str, datetime]  # name, e-mail, time (aware)


#: Variables that would point Git at another repository than the one being written (set, for
#: example, when the demo is made from inside a Git hook).
_RELOCATING = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
)


def _env() -> dict[str, str]:
    env = git_env()
    for name in _RELOCATING:
        env.pop(name, None)
    return env


def _clean(text: str) -> str:
    return "".join(ch for ch in text if ch not in "<>\n\r\0").strip()


def _stamp(who: Who) -> bytes:
    name, email, moment = who
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    zone = f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
    return f"{_clean(name)} <{_clean(email)}> {int(moment.timestamp())} {zone}".encode()


class FastImport:
    """A running ``git fast-import`` for the repository at ``repo``."""

    def __init__(self, repo: Path) -> None:
        self._marks_dir = tempfile.TemporaryDirectory(prefix="kinerja-demo-")
        self.marks_file = Path(self._marks_dir.name) / "marks"
        # Kept open for the life of the process; closed in finish() or abort().
        self._errors: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        self.proc = subprocess.Popen(
            [
                "git",
                "-C",
                str(repo),
                "fast-import",
                "--quiet",
                "--done",
                f"--export-marks={self.marks_file}",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=self._errors,
            env=_env(),
            bufsize=1 << 20,
        )
        if self.proc.stdin is None:
            raise DemoError("git fast-import tidak dapat dijalankan")
        self.out: IO[bytes] = self.proc.stdin
        self.next_mark = 1
        self.commits = 0

    def _mark(self) -> int:
        mark = self.next_mark
        self.next_mark += 1
        return mark

    def _data(self, payload: bytes) -> None:
        self.out.write(b"data %d\n" % len(payload))
        self.out.write(payload)
        self.out.write(b"\n")

    def blob(self, content: bytes) -> int:
        mark = self._mark()
        self.out.write(b"blob\nmark :%d\n" % mark)
        self._data(content)
        return mark

    def commit(
        self,
        ref: str,
        *,
        author: Who,
        committer: Who,
        message: str,
        parents: Sequence[int],
        files: Sequence[tuple[str, int]],
    ) -> int:
        mark = self._mark()
        self.commits += 1
        out = self.out
        out.write(f"commit {ref}\n".encode())
        out.write(b"mark :%d\n" % mark)
        out.write(b"author " + _stamp(author) + b"\n")
        out.write(b"committer " + _stamp(committer) + b"\n")
        self._data(message.encode("utf-8"))
        if parents:
            out.write(b"from :%d\n" % parents[0])
            for parent in parents[1:]:
                out.write(b"merge :%d\n" % parent)
        for path, blob in files:
            if "\n" in path or path.startswith('"'):
                raise ValueError(f"unsupported path {path!r}")
            out.write(f"M 100644 :{blob} {path}\n".encode())
        out.write(b"\n")
        return mark

    def finish(self) -> dict[int, str]:
        """End the stream; the object id of every mark."""
        try:
            self.out.write(b"done\n")
            self.out.close()
        except BrokenPipeError:
            pass
        code = self.proc.wait()
        self._errors.seek(0)
        errors = self._errors.read().decode("utf-8", "replace").strip()
        self._errors.close()
        if code != 0:
            raise DemoError(f"git fast-import gagal (kode {code}): {errors[-2000:]}")
        marks: dict[int, str] = {}
        for line in self.marks_file.read_text().splitlines():
            mark, _, sha = line.partition(" ")
            marks[int(mark.lstrip(":"))] = sha
        self._marks_dir.cleanup()
        return marks

    def abort(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._errors.close()
        self._marks_dir.cleanup()


def run_git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, env=_env(), check=False
    )
    if done.returncode != 0:
        problem = done.stderr.decode("utf-8", "replace").strip()
        raise DemoError(f"git {' '.join(args)} gagal: {problem}")
    return done.stdout.decode("utf-8", "replace")


def init_repository(repo: Path, branch: str) -> None:
    repo.mkdir(parents=True, exist_ok=True)
    run_git(repo, "init", "--quiet", f"--initial-branch={branch}")
    for key, value in (("core.autocrlf", "false"), ("core.quotePath", "false")):
        run_git(repo, "config", key, value)
