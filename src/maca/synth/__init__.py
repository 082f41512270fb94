"""Synthetic partnership data in every input format, with planted cohort truth (issue 4)."""

from maca.synth.generate import DEFAULT_PERIOD, FORMATS, SynthProblem, SynthResult, generate

__all__ = ["DEFAULT_PERIOD", "FORMATS", "SynthProblem", "SynthResult", "generate"]
