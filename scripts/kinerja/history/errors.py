"""Errors of the history reader, each with an Indonesian message a user can act on.

They are raised (not returned as findings) because without a readable history there is nothing
to report: the CLI catches :class:`HistoryError` and prints ``str(error)``.
"""

from __future__ import annotations


class HistoryError(Exception):
    """The Git history could not be read. ``str(error)`` is the message for the user."""


class NotARepositoryError(HistoryError):
    def __init__(self, path: str) -> None:
        super().__init__(
            f"{path} bukan repositori Git (atau Git tidak terpasang). "
            "Jalankan perintah ini di dalam salinan repositori kinerja."
        )


class ShallowRepositoryError(HistoryError):
    """A shallow clone: its history is cut off, so it must never be read as a short history."""

    def __init__(self, path: str) -> None:
        super().__init__(
            f"Riwayat Git di {path} tidak lengkap (shallow clone), sehingga riwayat audit "
            "tidak bisa dibaca dengan benar. Ambil seluruh riwayat dengan "
            "`git fetch --unshallow`; di GitHub Actions / Forgejo Actions pakai "
            "`actions/checkout` dengan `fetch-depth: 0`."
        )


class GitCommandError(HistoryError):
    def __init__(self, command: str, detail: str) -> None:
        detail = detail.strip()
        super().__init__(f"Perintah Git gagal ({command}): {detail or 'tanpa keterangan'}")
