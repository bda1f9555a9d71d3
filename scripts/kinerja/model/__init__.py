"""Stage 3: the domain model built from validated data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kinerja.model.indicators import Indicator, Renstra, Sasaran
from kinerja.model.organisation import Organisation, Person, Unit
from kinerja.model.periods import Period, parse_period
from kinerja.model.settings import Settings

__all__ = [
    "Config",
    "Indicator",
    "Organisation",
    "Period",
    "Person",
    "Renstra",
    "Sasaran",
    "Settings",
    "Unit",
    "parse_period",
]


@dataclass(frozen=True)
class Config:
    """The repository's configuration: organisation, indicator catalogue and settings."""

    organisation: Organisation
    indicators: Mapping[str, Indicator]
    #: The Renstra period and the strategic goals (indikator.yml ``renstra``/``sasaran``).
    renstra: Renstra | None = None
    sasaran: Mapping[str, Sasaran] = field(default_factory=dict)

    @property
    def settings(self) -> Settings:
        return self.organisation.settings

    @classmethod
    def from_data(cls, organisation: Mapping[str, Any], indicators: Mapping[str, Any]) -> Config:
        settings = Settings.from_override(organisation.get("pengaturan"))
        return cls(
            organisation=Organisation.from_data(organisation, settings),
            indicators={
                item["id"]: Indicator.from_data(item) for item in indicators.get("indikator", [])
            },
            renstra=Renstra.from_data(indicators.get("renstra")),
            sasaran={
                item["id"]: Sasaran(item["id"], item["nama"])
                for item in indicators.get("sasaran", []) or []
                if isinstance(item, Mapping) and "id" in item and "nama" in item
            },
        )
