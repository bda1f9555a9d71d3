"""The ``kinerja`` MkDocs plugin: generates the pages at build time; nothing generated is committed.

It reads the tracker repository in which ``mkdocs.yml`` lives (``root`` option to override), takes
one :class:`~kinerja.snapshot.Snapshot`, asks :func:`kinerja.site.pages.build_pages` for the files
and adds them to the build. ``mkdocs serve`` watches ``submissions/`` so a changed submission
rebuilds the site.

With the Material theme it also puts its own templates (:data:`THEME_DIR`: an Indonesian 404 page,
a named search dialog) ahead of the theme's, after a ``custom_dir`` of the site's own, and marks
the menu tab of the section a generated detail page belongs to (those pages are ``not_in_nav``).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config as MkConfig
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.kinerja")

ASSETS = ("assets/kinerja/kinerja.css",)
#: Template overrides for Material, shipped with the package.
THEME_DIR = Path(__file__).resolve().parent / "theme"


class KinerjaConfig(MkConfig):
    root = config_options.Optional(config_options.Type(str))
    now = config_options.Optional(config_options.Type(str))  # ISO time, for reproducible builds


class KinerjaPlugin(BasePlugin[KinerjaConfig]):
    #: The nav page marked active for the page being rendered (see on_page_context).
    _tab: Page | None = None

    def _root(self, config: MkDocsConfig) -> Path:
        base = Path(config.config_file_path or ".").resolve().parent
        return (base / self.config.root).resolve() if self.config.root else base

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        for asset in ASSETS:
            if asset not in config.extra_css:
                config.extra_css.append(asset)
        theme = config.theme
        if theme.name == "material" and str(THEME_DIR) not in theme.dirs:
            # After the site's own custom_dir (which may override ours), before the theme.
            theme.dirs.insert(1 if theme.custom_dir else 0, str(THEME_DIR))
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        from datetime import datetime

        from kinerja.site.pages import build_pages, static_assets
        from kinerja.snapshot import IncompleteHistoryError, take_snapshot

        root = self._root(config)
        now = datetime.fromisoformat(self.config.now) if self.config.now else None
        started = time.perf_counter()
        try:
            snapshot = take_snapshot(root, now=now)
        except IncompleteHistoryError as exc:
            raise PluginError(f"kinerja: {exc}") from exc
        except Exception as exc:
            raise PluginError(f"kinerja: data di {root} tidak dapat dibaca: {exc}") from exc
        generated = {**static_assets(), **build_pages(snapshot)}
        report = snapshot.tracker.report
        # What the cache saved is worth a line: after a one-file change, "1 dibaca".
        log.info(
            "kinerja: %d berkas data (%d dibaca, sisanya dari cache); %d halaman dan berkas "
            "dibuat dalam %.1f dtk",
            len(report.results),
            report.read,
            len(generated),
            time.perf_counter() - started,
        )
        for src_uri, content in sorted(generated.items()):
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                # A hand-written page of the same name wins; say so rather than hide it.
                log.info("kinerja: %s ditulis tangan, halaman buatan dilewati", src_uri)
                continue
            files.append(File.generated(config, src_uri, content=content))
        return files

    def on_page_context(
        self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> Any:
        # A detail page (periode/2026-q4.md) is not in the nav, so no menu tab would be marked;
        # mark the tab of its section's index page (periode/index.md) while it is rendered.
        self._tab = None
        if page not in nav.pages:
            section = section_index(page, nav)
            if section is not None and not section.active:
                section.active = True
                self._tab = section
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if self._tab is not None:
            self._tab.active = False
            self._tab = None
        return output

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        root = self._root(config)
        for folder in ("submissions", "docs/sop"):
            path = root / folder
            if path.is_dir():
                server.watch(str(path))
        return server


def section_index(page: Page, nav: Navigation) -> Page | None:
    """The nav page ``<folder>/index.md`` nearest above a page that is not in the nav, or None.

    ``unit/wilayah-1.md`` gives ``unit/index.md``; a page of a folder without one gives None.
    """
    by_uri = {p.file.src_uri: p for p in nav.pages}
    parts = page.file.src_uri.split("/")[:-1]
    while parts:
        found = by_uri.get("/".join([*parts, "index.md"]))
        if found is not None and found is not page:
            return found
        parts.pop()
    return None
