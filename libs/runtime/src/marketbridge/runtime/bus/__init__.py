from marketbridge.runtime.bus.base import (
    DeadLetter,
    Handler,
    MessageBus,
    OutgoingMessage,
    PermanentError,
    RetryPolicy,
    Subscription,
)

__all__ = [
    "DeadLetter",
    "Handler",
    "MessageBus",
    "OutgoingMessage",
    "PermanentError",
    "RetryPolicy",
    "Subscription",
]
