"""The Order aggregate: one marketplace order line, event-sourced (stream `Order-<order_id>`).

    events = decide(state, command)          # pure; raises DomainError when a rule refuses
    for event in events: state = evolve(state, event)

`replay(events)` rebuilds the state from a stream; `parse_event(json)` rebuilds a stored event.
"""

from marketbridge.fulfillment.domain.decision import decide
from marketbridge.fulfillment.domain.events import OrderEvent, parse_event
from marketbridge.fulfillment.domain.evolution import CorruptStream, evolve, replay
from marketbridge.fulfillment.domain.state import Order

STREAM_PREFIX = "Order-"


def stream_id(order_id: str) -> str:
    return f"{STREAM_PREFIX}{order_id}"


__all__ = [
    "STREAM_PREFIX",
    "CorruptStream",
    "Order",
    "OrderEvent",
    "decide",
    "evolve",
    "parse_event",
    "replay",
    "stream_id",
]
