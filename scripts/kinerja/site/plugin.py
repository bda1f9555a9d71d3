"""The ``kinerja`` MkDocs plugin: generates the pages at build time; nothing generated is committed.

It reads the tracker repository in which ``mkdocs.yml`` lives (``root`` option to override), takes
one :class:`~kinerja.snapshot.Snapshot`, asks :func:`kinerja.site.pages.build_pages` for the files
and adds them to the build. ``mkdocs serve`` watches ``submissions/`` so a changed submission
rebuilds the site.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config as MkConfig
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.plugins.kinerja")

ASSETS = ("assets/kinerja/kinerja.css",)


class KinerjaConfig(MkConfig):
    root = config_options.Optional(config_options.Type(str))
    now = config_options.Optional(config_options.Type(str))  # ISO time, for reproducible builds


class KinerjaPlugin(BasePlugin[KinerjaConfig]):
    def _root(self, config: MkDocsConfig) -> Path:
        base = Path(config.config_file_path or ".").resolve().parent
        return (base / self.config.root).resolve() if self.config.root else base

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        for asset in ASSETS:
            if asset not in config.extra_css:
                config.extra_css.append(asset)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        from datetime import datetime

        from kinerja.site.pages import build_pages, static_assets
        from kinerja.snapshot import take_snapshot

        root = self._root(config)
        now = datetime.fromisoformat(self.config.now) if self.config.now else None
        try:
            snapshot = take_snapshot(root, now=now)
        except Exception as exc:
            raise PluginError(f"kinerja: data di {root} tidak dapat dibaca: {exc}") from exc
        generated = {**static_assets(), **build_pages(snapshot)}
        for src_uri, content in sorted(generated.items()):
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                # A hand-written page of the same name wins; say so rather than hide it.
                log.info("kinerja: %s ditulis tangan, halaman buatan dilewati", src_uri)
                continue
            files.append(File.generated(config, src_uri, content=content))
        return files

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        root = self._root(config)
        for folder in ("submissions", "docs/sop"):
            path = root / folder
            if path.is_dir():
                server.watch(str(path))
        return server
