"""The site's pages as a pure function of a snapshot: ``{src_uri: Markdown text or bytes}``.

Each page type is a module here with a ``pages(snapshot) -> dict`` function; ``build_pages``
merges them. Nothing here reads files or runs Git: the snapshot carries everything.
"""

from __future__ import annotations

import importlib
from importlib import resources

from kinerja.snapshot import Snapshot

#: Page modules in build order; each contributes ``pages(snapshot) -> dict[str, str | bytes]``.
MODULES = (
    "home",
    "status",
    "periods",
    "units",
    "indicators",
    "sop",
    "history",
    "downloads",
    "organisation",
    "submit",
)

Pages = dict[str, str | bytes]


def build_pages(snapshot: Snapshot) -> Pages:
    out: Pages = {}
    for name in MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        out.update(module.pages(snapshot))
    return out


def static_assets() -> Pages:
    base = resources.files("kinerja.site") / "assets"
    return {
        f"assets/kinerja/{item.name}": item.read_bytes()
        for item in base.iterdir()
        if item.is_file() and not item.name.startswith(".")
    }
