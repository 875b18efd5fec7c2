"""Mapping provider payloads to local records: declarative field maps (maps.py), payload models (payloads.py),
transforms, and the lead score (score.py). `docs/field-mappings.md` is generated from the maps (docs.py)."""

from lumio_desktop.sync.mapping.maps import (
    MAPS,
    MappingError,
    ObjectMap,
    Rule,
    get_map,
    snapshot_value,
    source_fields,
)
from lumio_desktop.sync.mapping.score import lead_score

__all__ = ["MAPS", "MappingError", "ObjectMap", "Rule", "get_map", "lead_score", "snapshot_value", "source_fields"]
