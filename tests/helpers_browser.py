"""Waiting for the app in Chromium without a clock: the page counts the script runs Streamlit finishes.

RUN_COUNTER, added to every browser context of the tests, counts in `window.__semonRuns` the messages in which
the server reports a script run finished (`ForwardMsg.script_finished`), read off Streamlit's own WebSocket. A test
waits for a run to finish after a count it took before its action, and for the app's root element to say it is not
running (`data-test-script-state`), so it never mistakes the state before a rerun for the state after it, and never
sleeps to let a rerun begin.

The root element's state alone is not enough: while the browser's main thread is busy (the Plotly code loading
just after a run, on a loaded machine), the messages of a whole rerun are handled in one go and React draws only the
last state, so the element never leaves "notRunning" and an observer of it misses the run (a rare timeout, seen
after a click right after logging in).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

RUN_COUNTER = """
(() => {
  window.__semonRuns = 0;
  // A ForwardMsg's top-level fields, read as protobuf's wire format: script_finished is field 6, an enum; its value
  // 2 (FINISHED_EARLY_FOR_RERUN) means another run follows, so it is not counted.
  const finished = (buffer) => {
    const bytes = new Uint8Array(buffer);
    let i = 0;
    const varint = () => {
      let value = 0, shift = 0, byte;
      do {
        byte = bytes[i++];
        value += (byte & 0x7f) * 2 ** shift;
        shift += 7;
      } while (byte & 0x80 && i < bytes.length);
      return value;
    };
    while (i < bytes.length) {
      const key = varint(), field = Math.floor(key / 8), wire = key % 8;
      if (wire === 0) { const value = varint(); if (field === 6) return value !== 2; }
      else if (wire === 2) { const length = varint(); i += length; }  // not `i += varint()`: i is read first
      else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else return false;
    }
    return false;
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        // Counted two frames later: by then Streamlit has handled the message and React has drawn the page.
        if (event.data instanceof ArrayBuffer && finished(event.data)) {
          requestAnimationFrame(() => requestAnimationFrame(() => { window.__semonRuns += 1; }));
        }
      });
    }
  };
})();
"""
# A run finished beyond `before` (a new document, as after a full page load, counts from 0), and none running.
_FINISHED_AFTER = """(before) => {
  const runs = window.__semonRuns ?? 0;
  const state = document.querySelector("[data-testid='stApp']")?.getAttribute("data-test-script-state");
  return runs > 0 && (performance.timeOrigin !== before.document || runs > before.runs) && state === "notRunning";
}"""
Runs = dict[str, float]


# The tiles' labels and values a screen cuts off with an ellipsis: Streamlit cuts an element inside the tile, so
# the tile's descendants are looked at, not the tile itself (which never overflows).
TEGELS = "[data-testid='stMetricLabel'], [data-testid='stMetricValue']"
AFGEKAPT = """els => els.flatMap((e) => [e, ...e.querySelectorAll('*')])
  .filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.innerText)"""


def finished_runs(page: Page) -> Runs:
    """The document and how many script runs the app has finished in it."""
    return page.evaluate("({document: performance.timeOrigin, runs: window.__semonRuns ?? 0})")


_STATE = """() => ({
  url: location.href,
  document: performance.timeOrigin,
  runs: window.__semonRuns ?? null,
  state: document.querySelector("[data-testid='stApp']")?.getAttribute("data-test-script-state") ?? null,
  main: document.querySelector("[data-testid='stMain']")?.innerText.slice(0, 300) ?? null,
})"""


def wait_for_app(page: Page, after: Runs | None = None) -> None:
    """Until the app has finished a script run after `after` and is not running; without `after` (just after
    `page.goto`), the first run of the document. A timeout names what the page showed instead."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(_FINISHED_AFTER, arg=after or {"document": -1, "runs": 0}, timeout=60_000)
    except PlaywrightTimeout as error:
        raise AssertionError(f"no finished script run after {after}; the page: {page.evaluate(_STATE)}") from error


# Plotly draws a chart in steps: the element appears, then text and margins are laid out (automargin draws again).
# Settled: at least `count` charts, each drawn (`_fullLayout`) with no drawing step pending (`_promises`), and every
# chart text where it was for three frames in a row. Frames, not a clock: a busy browser draws fewer of them.
_CHARTS_SETTLED = """(count) => {
  const charts = Array.from(document.querySelectorAll('.js-plotly-plot'));
  const drawn = charts.length >= count && charts.every(c => c._fullLayout && !(c._promises || []).length);
  const now = drawn ? charts.map(c => Array.from(c.querySelectorAll('svg text')).map(t => {
    const r = t.getBoundingClientRect();
    return `${t.textContent}@${r.x},${r.y},${r.width},${r.height}`;
  }).join('|')).join('||') : null;
  const before = window.__semonCharts;
  window.__semonCharts = {now, frames: now !== null && before && before.now === now ? before.frames + 1 : 0};
  return window.__semonCharts.frames >= 3;
}"""


def wait_for_charts(page: Page, count: int) -> None:
    """Until the page shows at least `count` Plotly charts, each wholly laid out (_CHARTS_SETTLED)."""
    page.wait_for_function(_CHARTS_SETTLED, arg=count, polling="raf", timeout=60_000)


@contextmanager
def rerun(page: Page) -> Iterator[None]:
    """The action inside makes the app run its script again (a click on a link, a widget, a redirect back to the
    app): wait for that run."""
    before = finished_runs(page)
    yield
    wait_for_app(page, before)
