"""dbt's events without the work for the ones nobody writes.

dbt builds every event as a protobuf message from a dict (`ParseDict`, protobuf's pure-Python JSON reader), wraps
it in another (`msg_from_base_event`) and hands it to each logger, which formats and scrubs a line before Python's
logging drops it below the logger's level: about 7,000 events in a whole build of the story warehouse, nearly all
of them debug (each statement, each connection, each node's steps), while the file log is at info and the console
at error (`--quiet`). That was about a fifth of the build's time. Within `unwritten_events_skipped`:
- an event below every logger's level is dropped before any of that work; dbt's own handling is unchanged for every
  event a logger writes, for warnings and errors (which `--warn-error` may turn into failures), for printed output,
  and whenever a callback asks for every event;
- an event's message is made by protobuf's own constructor, which takes the same fields (nested ones as dicts) in C;
  where it refuses them (a timestamp given as text, for one) dbt's `ParseDict` makes it as before. For each of the
  15,982 events the constructor made in two whole builds and a failed run, its message was `ParseDict`'s byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

_WARN = 30  # Python logging's level numbers, as dbt's loggers use them (dbt_common.events.logger._log_level_map)


@contextmanager
def unwritten_events_skipped() -> Iterator[None]:
    """Within this block, dbt drops an event below every logger's level and makes the others' messages in C (see
    the module's doc). One dbt invocation at a time, as warehouse/build.py runs them."""
    from dbt.tracking import track_behavior_change_warn
    from dbt_common.events.base_types import BaseEvent
    from dbt_common.events.event_manager import EventManager
    from dbt_common.events.logger import PRINT_EVENT_NAMES, _log_level_map

    original, original_init = EventManager.fire_event, BaseEvent.__init__

    def init(self: BaseEvent, *args: Any, **kwargs: Any) -> None:
        if not args and "msg" not in kwargs and "base_msg" not in kwargs:  # those two dbt turns into text first
            try:
                self.pb_msg = getattr(self.PROTO_TYPES_MODULE, type(self).__name__)(**kwargs)
                return
            except Exception:  # whatever the constructor refuses, ParseDict decides on
                pass
        original_init(self, *args, **kwargs)

    def fire_event(self: EventManager, e: Any, level: Any = None, *args: Any, **kwargs: Any) -> None:
        # dbt always registers track_behavior_change_warn, which reads warnings only; any other callback may want
        # every event (the crash point counts NodeFinished, a debug event).
        if (
            not args
            and not kwargs.get("force_warn_or_error_handling")
            and all(callback is track_behavior_change_warn for callback in self.callbacks)
            and type(e).__name__ not in PRINT_EVENT_NAMES
        ):
            needed = min([_WARN, *(_log_level_map[logger.level] for logger in self.loggers)])
            if _log_level_map[level or e.level_tag()] < needed:
                return
        original(self, e, level, *args, **kwargs)

    with mock.patch.object(EventManager, "fire_event", fire_event), mock.patch.object(BaseEvent, "__init__", init):
        yield
