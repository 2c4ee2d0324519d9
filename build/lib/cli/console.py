"""Progress and summaries: a live line on a terminal, plain log lines when output goes to a file or pipe."""

from __future__ import annotations

import sys
from collections import defaultdict
from typing import TextIO

from ingest.load import FileOutcome, IngestReport


class Progress:
    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty()
        self._open = False

    def step(self, text: str) -> None:
        if self.live:
            self.stream.write("\r\033[K" + text[:118])
            self._open = True
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def done(self) -> None:
        if self._open:
            self.stream.write("\n")
            self._open = False
        self.stream.flush()


def describe(outcome: FileOutcome) -> str:
    if outcome.status in ("geweigerd", "overgeslagen"):
        return f"{outcome.status:<10} {outcome.bestand}: {outcome.reden}"
    return f"{outcome.status:<10} {outcome.bestand}: {outcome.rijen} rijen, {outcome.quarantaine} in quarantaine"


def ingest_summary(report: IngestReport, examples: int = 8) -> str:
    """One screen: files per status, rows and quarantined rows per entity, refusals, a few bad rows."""
    counts = {
        status: len(report.with_status(status)) for status in ("geladen", "correctie", "ongewijzigd", "geweigerd")
    }
    skipped = report.with_status("overgeslagen")
    if skipped:  # only named when there are any, so the usual line stays as it was
        counts["overgeslagen"] = len(skipped)
    lines = ["Inlezen klaar: " + ", ".join(f"{n} {status}" for status, n in counts.items())]
    per_entity: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for outcome in report.with_status("geladen", "correctie"):
        row = per_entity[f"{outcome.bron}_{outcome.entiteit}"]
        row[0] += 1
        row[1] += outcome.rijen
        row[2] += outcome.quarantaine
    if per_entity:
        lines.append(f"  {'entiteit':<28}{'bestanden':>10}{'rijen':>12}{'quarantaine':>13}")
        for entity, (files, rows, bad) in sorted(per_entity.items()):
            lines.append(f"  {entity:<28}{files:>10}{rows:>12}{bad:>13}")
    refused = report.with_status("geweigerd")
    if refused:
        lines.append("Geweigerd (verplaatst naar rejected/, met .reason.txt):")
        lines.extend(f"  {o.bestand}: {o.reden}" for o in refused)
    if skipped:
        lines.append("Overgeslagen (blijft in de inbox staan):")
        lines.extend(f"  {o.bestand}: {o.reden}" for o in skipped)
    shown = [text for o in report.files for text in o.voorbeelden][:examples]
    if shown:
        total = sum(o.quarantaine for o in report.files)
        lines.append(f"Voorbeelden uit de quarantaine ({total} rijen; alles op de pagina Datakwaliteit):")
        lines.extend(f"  {text}" for text in shown)
    warnings = [w for o in report.files for w in o.waarschuwingen]
    if warnings:
        lines.append("Waarschuwingen:")
        lines.extend(f"  {w}" for w in warnings[:examples])
        if len(warnings) > examples:
            lines.append(f"  … en {len(warnings) - examples} meer")
    return "\n".join(lines)
