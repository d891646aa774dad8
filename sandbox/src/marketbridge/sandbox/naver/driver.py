"""Driver of the Naver emulator for the shared contract suite and the benchmarks (docs/CONNECTORS.md)."""

from __future__ import annotations

from typing import Any

from marketbridge.sandbox.core.driver import AdminDriver

ADMIN = "/naver/admin"


class Driver(AdminDriver):
    admin = ADMIN
    marketplace = "naver"
    category_id = "50000804"  # a leaf of the emulator's category tree

    async def create_seller(self) -> dict[str, str]:
        app = await self._call("POST", "/apps", json={"name": "contract"})
        return {"client_id": app["client_id"], "client_secret": app["client_secret"], "seller_id": app["account_id"]}

    async def create_order(self, seller: dict[str, str], market_product_id: str, quantity: int = 1) -> str:
        body = await self._call("POST", "/orders", json={"product_no": int(market_product_id), "quantity": quantity})
        return str(body["product_order_ids"][0])

    async def create_orders_bulk(self, seller: dict[str, str], market_product_id: str, count: int) -> None:
        await self._call(
            "POST", "/orders", json={"product_no": int(market_product_id), "count": count, "return_ids": False}
        )

    async def create_claim(self, seller: dict[str, str], order_line_id: str, kind: str) -> str:
        await self._call("POST", "/claims", json={"product_order_id": order_line_id, "type": kind})
        return order_line_id  # Naver identifies a claim by its product order

    async def create_inquiry(
        self, seller: dict[str, str], market_product_id: str | None, order_line_id: str | None
    ) -> str:
        body: dict[str, Any] = {"kind": "inquiry" if order_line_id else "qna", "account_id": seller["seller_id"]}
        if order_line_id:
            body["product_order_id"] = order_line_id
        if market_product_id:
            body["product_no"] = int(market_product_id)
        return str((await self._call("POST", "/inquiries", json=body))["ids"][0])

    async def inquiry_answer(self, seller: dict[str, str], inquiry_id: str) -> str | None:
        body = await self._call("GET", "/inquiries", params={"account_id": seller["seller_id"]})
        for item in body["qnas"]:
            if str(item["questionId"]) == inquiry_id:
                return item["answer"]  # type: ignore[no-any-return]
        for item in body["inquiries"]:
            if str(item["inquiryNo"]) == inquiry_id:
                return item["answer"]  # type: ignore[no-any-return]
        return None

    async def dispatches(self, seller: dict[str, str]) -> list[dict[str, str]]:
        body = await self._call("GET", "/dispatches", params={"account_id": seller["seller_id"]})
        return [
            {
                "order_line_id": d["productOrderId"],
                "courier_code": d["deliveryCompanyCode"],
                "tracking_number": d["trackingNumber"],
            }
            for d in body["dispatches"]
        ]

    async def revoke_credentials(self, seller: dict[str, str]) -> None:
        await self._call("DELETE", f"/apps/{seller['client_id']}")

    async def peak_rate(self, seller: dict[str, str]) -> float:
        return float((await self._call("GET", "/calls", params={"recent": 0}))["peak_per_second"])
