"""The site's pages as a pure function of a snapshot: ``{src_uri: Markdown text or bytes}``.

Each page type is a module here with a ``pages(snapshot) -> dict`` function; ``build_pages``
merges them. Nothing here reads the repository or runs Git: the snapshot carries everything.
Charts and workbooks go through the artefact cache (:mod:`kinerja.site.artefacts`) when the
snapshot was taken with the cache on.
"""

from __future__ import annotations

import importlib
from importlib import resources

from kinerja.site import artefacts
from kinerja.snapshot import Snapshot

#: Page modules in build order; each contributes ``pages(snapshot) -> dict[str, str | bytes]``.
MODULES = (
    "home",
    "status",
    "periods",
    "units",
    "indicators",
    "sop",
    "sop_evaluation",
    "history",
    "downloads",
    "laporan",
    "organisation",
    "submit",
    "figures",
    "guides",
)

Pages = dict[str, str | bytes]


def build_pages(snapshot: Snapshot) -> Pages:
    out: Pages = {}
    cache = None
    if snapshot.use_cache:
        from kinerja.validate.cache import cache_dir

        cache = artefacts.Artefacts(cache_dir(snapshot.tracker.root))
    with artefacts.active(cache):
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
