"""A unit's YAML template as text: what the forge's editor opens pre-filled ("Kirim data") and
what the site publishes as ``<unit>.yml``. One function, shared by the site and the forge
notices, so both hand out the same template."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kinerja.model import Config
from kinerja.write.template import template, template_header
from kinerja.write.yaml_files import submission_yaml

__all__ = ["template_text"]


def template_text(config: Config, period: str, unit: str, request: Mapping[str, Any] | None) -> str:
    """The unit's YAML template, with the comment header that says what to fill in."""
    data = template(config, unit, period, request)
    return submission_yaml(data, header=template_header(config, unit, period, request))
