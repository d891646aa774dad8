"""Pieces every dialect's front door (a pure ASGI middleware) shares; what the doors check and how
they word their failures stays in each dialect's gateway.py."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from marketbridge.sandbox.core.faults import FaultRule
from starlette.types import ASGIApp, Message, Receive, Scope, Send


def relative_path(scope: Scope) -> str:
    """The path below the dialect's mount (what the call log and the routes speak of)."""
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    return path[len(root) :] if root and path.startswith(root) else path


async def run_then_fault(
    app: ASGIApp, scope: Scope, receive: Receive, send: Send, fault: FaultRule, answer: Callable[[], Awaitable[None]]
) -> None:
    """A fault of phase "after": the handler runs and its effect is applied; only the answer goes wrong
    (held back for `latency`, else replaced by `answer()`), so the client cannot tell what happened."""
    held: list[Message] = []

    async def hold(message: Message) -> None:
        held.append(message)

    await app(scope, receive, hold)
    if fault.kind == "latency":
        await asyncio.sleep(fault.latency_ms / 1000)
        for message in held:
            await send(message)
        return
    await answer()
