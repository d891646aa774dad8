"""The Driver of CONNECTORS.md for the home-shopping emulators (their admin APIs share one shape);
each dialect's `driver.py` subclasses it with its prefix."""

from __future__ import annotations

from typing import Any, ClassVar

import httpx


class HomeShoppingDriver:
    prefix: ClassVar[str] = ""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def _admin(self, method: str, path: str, **kwargs: Any) -> Any:
        response = await self.client.request(method, f"{self.prefix}/admin{path}", **kwargs)
        if response.status_code >= 300:
            raise RuntimeError(f"{self.prefix} admin {method} {path}: {response.status_code} {response.text}")
        return response.json() if response.content else None

    def seller_body(self) -> dict[str, Any]:
        return {}

    async def create_seller(self) -> dict[str, str]:
        seller = await self._admin("POST", "/sellers", json=self.seller_body())
        return {**seller["credentials"], "seller_id": seller["seller_id"]}

    async def create_order(self, seller: dict[str, str], market_product_id: str, quantity: int = 1) -> str:
        body = await self._admin("POST", "/orders", json={"product_id": market_product_id, "quantity": quantity})
        line_id: str = body["order_line_ids"][0]
        return line_id

    async def create_orders_bulk(self, seller: dict[str, str], market_product_id: str, count: int) -> None:
        await self._admin(
            "POST", "/orders", json={"product_id": market_product_id, "count": count, "return_ids": False}
        )

    async def create_claim(self, seller: dict[str, str], order_line_id: str, kind: str) -> str:
        body = await self._admin("POST", "/claims", json={"order_line_id": order_line_id, "kind": kind})
        claim_id: str = body["claim_id"]
        return claim_id

    async def create_inquiry(
        self, seller: dict[str, str], market_product_id: str | None, order_line_id: str | None
    ) -> str:
        body = await self._admin(
            "POST",
            "/inquiries",
            json={"seller_id": seller["seller_id"], "product_id": market_product_id, "order_line_id": order_line_id},
        )
        inquiry_id: str = body["inquiry_id"]
        return inquiry_id

    async def inquiry_answer(self, seller: dict[str, str], inquiry_id: str) -> str | None:
        answer: str | None = (await self._admin("GET", f"/inquiries/{inquiry_id}"))["answer"]
        return answer

    async def dispatches(self, seller: dict[str, str]) -> list[dict[str, Any]]:
        body = await self._admin("GET", "/dispatches", params={"seller_id": seller["seller_id"]})
        return [
            {
                "order_line_id": d["order_line_id"],
                "courier_code": d["courier_code"],
                "tracking_number": d["tracking_number"],
            }
            for d in body["dispatches"]
        ]

    async def inject_fault(
        self, path_pattern: str, kind: str, probability: float = 1.0, count: int | None = None, phase: str = "before"
    ) -> None:
        await self._admin(
            "POST",
            "/faults",
            json={
                "path_pattern": path_pattern,
                "kind": kind,
                "probability": probability,
                "count": count,
                "phase": phase,
            },
        )

    async def clear_faults(self) -> None:
        await self._admin("DELETE", "/faults")

    async def revoke_credentials(self, seller: dict[str, str]) -> None:
        await self._admin("POST", f"/sellers/{seller['seller_id']}/revoke")

    async def peak_rate(self, seller: dict[str, str]) -> float:
        body = await self._admin("GET", "/calls", params={"seller_id": seller["seller_id"], "recent": 0})
        return float(body.get("seller_peak_per_second", 0))
