"""dbt's events within `unwritten_events_skipped`: an event no logger writes costs nothing, every other one is
handled as dbt handles it (dbt-common's own event manager and text logger, writing to a string)."""

from __future__ import annotations

import io
from unittest import mock

import pytest
from dbt.tracking import track_behavior_change_warn
from dbt_common.events import event_manager
from dbt_common.events.base_types import EventLevel, EventMsg
from dbt_common.events.event_manager import EventManager
from dbt_common.events.logger import LineFormat, LoggerConfig
from dbt_common.events.types import Note, PrintEvent, SystemExecutingCmd

from warehouse.dbt_events import unwritten_events_skipped


def _manager(*levels: EventLevel) -> tuple[EventManager, list[io.StringIO]]:
    """An event manager as dbt sets one up: its behaviour-change callback and a text logger per level."""
    manager, streams = EventManager(), []
    manager.add_callback(track_behavior_change_warn)
    for i, level in enumerate(levels):
        streams.append(io.StringIO())
        manager.add_logger(
            LoggerConfig(name=f"test_log_{i}", level=level, line_format=LineFormat.PlainText, output_stream=streams[-1])
        )
    return manager, streams


def _fired(manager: EventManager, *events: object) -> int:
    """Fire `events` within the block; how many messages dbt made of them."""
    with (
        unwritten_events_skipped(),
        mock.patch.object(event_manager, "msg_from_base_event", wraps=event_manager.msg_from_base_event) as made,
    ):
        for event in events:
            manager.fire_event(event)
    return made.call_count


def test_a_debug_event_below_every_logger_is_dropped_before_its_message_is_made() -> None:
    manager, (console, file) = _manager(EventLevel.ERROR, EventLevel.INFO)
    made = _fired(manager, SystemExecutingCmd(cmd=["select 1"]), Note(msg="1 of 3 OK created model"))
    assert made == 1  # the note only
    assert console.getvalue() == ""
    assert file.getvalue().strip().endswith("1 of 3 OK created model")
    assert "select 1" not in file.getvalue()


def test_a_logger_at_debug_still_gets_every_debug_event() -> None:
    manager, (console, file) = _manager(EventLevel.ERROR, EventLevel.DEBUG)
    assert _fired(manager, SystemExecutingCmd(cmd=["select 1"])) == 1
    assert "select 1" in file.getvalue() and console.getvalue() == ""


@pytest.mark.parametrize("level", [EventLevel.ERROR, EventLevel.INFO])
def test_printed_output_reaches_the_console_at_any_level(level: EventLevel) -> None:
    manager, (console,) = _manager(level)
    _fired(manager, PrintEvent(msg="De gevraagde rijen"))
    assert console.getvalue() == "De gevraagde rijen\n"


def test_a_callback_of_its_own_gets_every_event() -> None:
    manager, (file,) = _manager(EventLevel.INFO)
    seen: list[str] = []

    def callback(msg: EventMsg) -> None:
        seen.append(msg.info.name)

    manager.add_callback(callback)
    assert _fired(manager, SystemExecutingCmd(cmd=["select 1"]), Note(msg="klaar")) == 2
    assert seen == ["SystemExecutingCmd", "Note"]
    assert "select 1" not in file.getvalue()


def test_outside_the_block_dbt_makes_every_message() -> None:
    manager, _ = _manager(EventLevel.ERROR)
    with mock.patch.object(event_manager, "msg_from_base_event", wraps=event_manager.msg_from_base_event) as made:
        manager.fire_event(SystemExecutingCmd(cmd=["select 1"]))
    assert made.call_count == 1


NODE = {
    "node_path": "marts/referentie/mart_labels.sql",
    "node_name": "mart_labels",
    "unique_id": "model.semon.mart_labels",
    "resource_type": "model",
    "materialized": "table",
    "node_status": "started",
    "node_started_at": "2026-12-06T21:00:00.000000",
    "node_finished_at": "",
    "meta": {"eigenaar": "semon"},
    "node_relation": {"database": "semon", "schema": "marts", "alias": "mart_labels", "relation_name": "x"},
}
TIMING = [{"name": "compile", "started_at": "2026-12-06T21:00:00Z", "completed_at": "2026-12-06T21:00:01Z"}]


def _events() -> list[object]:
    """Events as dbt fires them: fields of every kind, nested ones as dicts, a timestamp as text (which protobuf's
    constructor refuses), and a note whose text dbt converts first."""
    from dbt.adapters.events.types import SQLQuery
    from dbt.events.types import NodeFinished

    return [
        SQLQuery(conn_name="model.semon.mart_labels", sql="select 1", node_info=NODE),
        SystemExecutingCmd(cmd=["dbt", "build"]),
        NodeFinished(node_info=NODE, run_result={"status": "success", "timing_info": TIMING, "execution_time": 0.5}),
        Note(msg=42),
    ]


def test_an_event_made_within_the_block_is_the_event_dbt_makes() -> None:
    with unwritten_events_skipped():
        made = _events()
    assert [e.pb_msg.SerializeToString(deterministic=True) for e in made] == [
        e.pb_msg.SerializeToString(deterministic=True) for e in _events()
    ]
    assert made[0].node_info.node_relation.alias == "mart_labels" and made[3].msg == "42"
    assert made[2].run_result.timing_info[0].completed_at.seconds == 1796590801
