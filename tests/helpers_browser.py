"""Waiting for the app in Chromium without a clock: the page counts the script runs Streamlit finishes.

Streamlit marks its root element with the state of the script run (`data-test-script-state`: initial, running,
notRunning, ...). RUN_COUNTER, added to every browser context of the tests, counts the changes into "notRunning"
in `window.__semonRuns`. A test waits for a run to finish after a count it took before its action, so it never
mistakes the state before a rerun for the state after it, and never sleeps to let a rerun begin.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

RUN_COUNTER = """
(() => {
  const ATTR = "data-test-script-state";
  window.__semonRuns = 0;
  new MutationObserver((records) => {
    // Records come in order; a record's oldValue is the value before its change, so the value after change i is
    // the oldValue of change i + 1 (or the current one): a running -> notRunning pair in one batch still counts.
    const changes = records.filter((r) => r.attributeName === ATTR && r.target.dataset.testid === "stApp");
    changes.forEach((r, i) => {
      const after = i + 1 < changes.length ? changes[i + 1].oldValue : r.target.getAttribute(ATTR);
      if (after === "notRunning" && r.oldValue !== "notRunning") window.__semonRuns += 1;
    });
  }).observe(document, { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: [ATTR] });
})();
"""
# A run finished beyond `before` (a new document, as after a full page load, counts from 0), and none running.
_FINISHED_AFTER = """(before) => {
  const runs = window.__semonRuns ?? 0;
  const state = document.querySelector("[data-testid='stApp']")?.getAttribute("data-test-script-state");
  return runs > 0 && (performance.timeOrigin !== before.document || runs > before.runs) && state === "notRunning";
}"""
Runs = dict[str, float]


def finished_runs(page: Page) -> Runs:
    """The document and how many script runs the app has finished in it."""
    return page.evaluate("({document: performance.timeOrigin, runs: window.__semonRuns ?? 0})")


def wait_for_app(page: Page, after: Runs | None = None) -> None:
    """Until the app has finished a script run after `after` and is not running; without `after` (just after
    `page.goto`), the first run of the document."""
    page.wait_for_function(_FINISHED_AFTER, arg=after or {"document": -1, "runs": 0}, timeout=60_000)


@contextmanager
def rerun(page: Page) -> Iterator[None]:
    """The action inside makes the app run its script again (a click on a link, a widget, a redirect back to the
    app): wait for that run."""
    before = finished_runs(page)
    yield
    wait_for_app(page, before)
