"""Planted scenarios: children whose cohort outcome is decided by design, at every rule boundary."""

from maca.synth.planted.builder import Expected, Plan
from maca.synth.planted.scenarios import SCENARIOS, plant_all

__all__ = ["SCENARIOS", "Expected", "Plan", "plant_all"]
