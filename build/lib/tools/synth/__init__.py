"""Synthetic Twente extracts for the monitor: every file of shared/extracts.md, messy on purpose.

`generate(out, seed=…, scale=…, start=…, months=…, bad_share=…)` writes the files and `out/.manifest.json`.
"""

from tools.synth.generate import FileSummary, GenerateSummary, generate

__all__ = ["FileSummary", "GenerateSummary", "generate"]
