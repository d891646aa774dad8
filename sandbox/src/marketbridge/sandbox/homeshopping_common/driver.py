"""The Driver of CONNECTORS.md for the home-shopping emulators (their admin APIs share one shape);
each dialect's `driver.py` subclasses it with its prefix."""

from __future__ import annotations

from typing import Any, ClassVar

import httpx
from marketbridge.sandbox.core.driver import AdminDriver


class HomeShoppingDriver(AdminDriver):
    prefix: ClassVar[str] = ""
    failure = RuntimeError

    def __init__(self, client: httpx.AsyncClient) -> None:
        super().__init__(client)
        self.admin, self.label = f"{self.prefix}/admin", self.prefix

    def seller_body(self) -> dict[str, Any]:
        return {}

    async def create_seller(self) -> dict[str, str]:
        seller = await self._call("POST", "/sellers", json=self.seller_body())
        return {**seller["credentials"], "seller_id": seller["seller_id"]}

    async def create_order(self, seller: dict[str, str], market_product_id: str, quantity: int = 1) -> str:
        body = await self._call("POST", "/orders", json={"product_id": market_product_id, "quantity": quantity})
        line_id: str = body["order_line_ids"][0]
        return line_id

    async def create_orders_bulk(self, seller: dict[str, str], market_product_id: str, count: int) -> None:
        await self._call(
            "POST", "/orders", json={"product_id": market_product_id, "count": count, "return_ids": False}
        )

    async def create_claim(self, seller: dict[str, str], order_line_id: str, kind: str) -> str:
        body = await self._call("POST", "/claims", json={"order_line_id": order_line_id, "kind": kind})
        claim_id: str = body["claim_id"]
        return claim_id

    async def create_inquiry(
        self, seller: dict[str, str], market_product_id: str | None, order_line_id: str | None
    ) -> str:
        body = await self._call(
            "POST",
            "/inquiries",
            json={"seller_id": seller["seller_id"], "product_id": market_product_id, "order_line_id": order_line_id},
        )
        inquiry_id: str = body["inquiry_id"]
        return inquiry_id

    async def inquiry_answer(self, seller: dict[str, str], inquiry_id: str) -> str | None:
        answer: str | None = (await self._call("GET", f"/inquiries/{inquiry_id}"))["answer"]
        return answer

    async def dispatches(self, seller: dict[str, str]) -> list[dict[str, Any]]:
        body = await self._call("GET", "/dispatches", params={"seller_id": seller["seller_id"]})
        return [
            {
                "order_line_id": d["order_line_id"],
                "courier_code": d["courier_code"],
                "tracking_number": d["tracking_number"],
            }
            for d in body["dispatches"]
        ]

    async def revoke_credentials(self, seller: dict[str, str]) -> None:
        await self._call("POST", f"/sellers/{seller['seller_id']}/revoke")

    async def peak_rate(self, seller: dict[str, str]) -> float:
        body = await self._call("GET", "/calls", params={"seller_id": seller["seller_id"], "recent": 0})
        return float(body.get("seller_peak_per_second", 0))
