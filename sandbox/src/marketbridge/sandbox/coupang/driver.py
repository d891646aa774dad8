"""Driver of the Coupang emulator for the shared contract suite and the benchmarks (see docs/CONNECTORS.md).

Order line ids are `<shipmentBoxId>-<vendorItemId>`; `market_product_id` is the sellerProductId;
`dispatches()` reports Coupang's own `deliveryCompanyCode` (e.g. CJGLS) as `courier_code`.
"""

from __future__ import annotations

from typing import Any

from marketbridge.sandbox.core.driver import AdminDriver

ADMIN = "/coupang/admin"


class Driver(AdminDriver):
    admin = ADMIN

    async def create_seller(self) -> dict[str, str]:
        body = await self._call("POST", "/sellers", json={})
        return {
            "access_key": body["access_key"],
            "secret_key": body["secret_key"],
            "vendor_id": body["vendor_id"],
            "seller_id": body["vendor_id"],
        }

    async def create_order(self, seller: dict[str, str], market_product_id: str, quantity: int = 1) -> str:
        body = await self._call(
            "POST",
            "/orders",
            json={
                "vendor_id": seller["vendor_id"],
                "quantity": quantity,
                "seller_product_id": int(market_product_id),
                "count": 1,
            },
        )
        return str(body["order_line_ids"][0])

    async def create_orders_bulk(self, seller: dict[str, str], market_product_id: str, count: int) -> None:
        await self._call(
            "POST",
            "/orders",
            json={
                "vendor_id": seller["vendor_id"],
                "count": count,
                "seller_product_id": int(market_product_id),
                "return_ids": False,
            },
        )

    async def create_claim(self, seller: dict[str, str], order_line_id: str, kind: str) -> str:
        body = await self._call("POST", "/claims", json={"order_line_id": order_line_id, "kind": kind})
        return str(body["claim_id"])

    async def create_inquiry(
        self, seller: dict[str, str], market_product_id: str | None, order_line_id: str | None
    ) -> str:
        payload: dict[str, Any] = {"kind": "online", "vendor_id": seller["vendor_id"]}
        if market_product_id is not None:
            payload["seller_product_id"] = int(market_product_id)
        if order_line_id is not None:
            payload["order_line_id"] = order_line_id
        body = await self._call("POST", "/inquiries", json=payload)
        return str(body["ids"][0])

    async def inquiry_answer(self, seller: dict[str, str], inquiry_id: str) -> str | None:
        body = await self._call("GET", "/inquiries", params={"vendor_id": seller["vendor_id"]})
        for row in body["online"]:
            if str(row["inquiryId"]) == inquiry_id:
                comments = row["commentDtoList"]
                return str(comments[-1]["content"]) if comments else None
        for row in body["callcenter"]:
            if str(row["inquiryId"]) == inquiry_id:
                replies = row["replies"]
                return str(replies[-1]["content"]) if replies else None
        return None

    async def dispatches(self, seller: dict[str, str]) -> list[dict[str, Any]]:
        body = await self._call("GET", "/dispatches", params={"vendor_id": seller["vendor_id"]})
        return [
            {
                "order_line_id": d["order_line_id"],
                "courier_code": d["deliveryCompanyCode"],
                "tracking_number": d["invoiceNumber"],
            }
            for d in body["dispatches"]
        ]

    async def revoke_credentials(self, seller: dict[str, str]) -> None:
        await self._call("POST", f"/sellers/{seller['vendor_id']}/revoke")

    async def peak_rate(self, seller: dict[str, str]) -> float:
        body = await self._call("GET", "/calls", params={"vendor_id": seller["vendor_id"], "recent": 0})
        return float(body["peak_per_second"])
