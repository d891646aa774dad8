"""Driver of the GS SHOP emulator for the contract suite and benchmarks (see CONNECTORS.md).

GS pushes orders to the supplier's receiver, so a seller needs a receiver URL. Pass `receiver_base_url`
(where the connector's receiver router is mounted, e.g. `http://127.0.0.1:8013/webhooks/gsshop`) and each
seller gets `{receiver_base_url}/{sup_cd}/{receiver_token}` registered. Without it (the shared contract suite),
the driver plays the connectors service: it serves the connector's own receiver router
(`marketbridge.connectors.gsshop.receiver`, writing into `gsshop.store.default_store()`, which adapters built by
the factory read) on a free port in the running loop, for the sellers it created. Test tooling only.
"""

from __future__ import annotations

import importlib
from contextlib import AsyncExitStack
from typing import Any

import httpx
from fastapi import FastAPI
from marketbridge.sandbox.core.server import serve_in_loop
from marketbridge.sandbox.homeshopping_common.driver import HomeShoppingDriver

MOUNT = "/webhooks/gsshop"


class Driver(HomeShoppingDriver):
    prefix = "/gsshop"
    marketplace = "gsshop"

    def __init__(self, client: httpx.AsyncClient, receiver_base_url: str | None = None) -> None:
        super().__init__(client)
        self.receiver_base_url = receiver_base_url
        self._tokens: dict[str, str] = {}
        self._stack: AsyncExitStack | None = None

    async def create_seller(self) -> dict[str, str]:
        seller = await super().create_seller()
        self._tokens[seller["sup_cd"]] = seller["receiver_token"]
        base = self.receiver_base_url or await self._own_receiver()
        url = f"{base.rstrip('/')}/{seller['sup_cd']}/{seller['receiver_token']}"
        await self._call("PUT", f"/sellers/{seller['seller_id']}/receiver", json={"receiver_url": url})
        return seller

    async def _own_receiver(self) -> str:
        if self.receiver_base_url is None:
            receiver = importlib.import_module("marketbridge.connectors.gsshop.receiver")
            store = importlib.import_module("marketbridge.connectors.gsshop.store").default_store()

            async def resolve(sup_cd: str) -> Any:
                token = self._tokens.get(sup_cd)
                return None if token is None else receiver.ReceiverAccount(sup_cd, token)

            app = FastAPI()
            app.include_router(receiver.create_receiver_router(store, resolve), prefix=MOUNT)
            self._stack = AsyncExitStack()
            url = await self._stack.enter_async_context(serve_in_loop(app))
            self.receiver_base_url = f"{url}{MOUNT}"
        return self.receiver_base_url

    async def aclose(self) -> None:
        if self._stack is not None:
            await self._stack.aclose()
            self._stack = None
