"""Named points where a writer can be killed on purpose, so the crash test hits each phase on any machine.

With `SEMON_STOP_BIJ=<phase>` (tests only) the process kills itself with SIGKILL, the signal no code can catch,
when it reaches that phase: `ingest` (after the first file of a refresh is loaded), `build` (in the middle of
the dbt build), `publish` (after the old warehouse was kept as a generation, before the new one replaces it).
A timed kill from outside could miss a phase on a faster or slower machine and still pass; this cannot.
"""

from __future__ import annotations

import os
import signal
import sys

from semon import settings

PHASES = ("ingest", "build", "publish")


def crash_point(phase: str) -> None:
    assert phase in PHASES, phase
    if settings.stop_bij() == phase:
        print(f"semon: gestopt bij fase {phase} (SEMON_STOP_BIJ)", file=sys.stderr, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
