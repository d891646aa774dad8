"""Driver of the 인터파크 emulator for the shared contract suite and the benchmarks (see CONNECTORS.md).

Order line ids are the adapter's `"{ORD_NO}-{ORD_SEQ}"`; claims are `CLMREQ_SEQ`. 인터파크 has no Q&A API,
so `create_inquiry` / `inquiry_answer` raise LookupError (the adapter raises UnsupportedOperation).
"""

from __future__ import annotations

from typing import Any

from marketbridge.sandbox.core.driver import AdminDriver

ADMIN = "/interpark/admin"


class Driver(AdminDriver):
    admin, failure, label = ADMIN, AssertionError, "interpark"
    marketplace = "interpark"
    category_id = "001001001"  # a leaf of the emulator's category tree

    async def create_seller(self) -> dict[str, str]:
        body = await self._call("POST", "/suppliers", json={})
        return {
            "entr_id": body["entr_id"],
            "supply_entr_no": body["supply_entr_no"],
            "supply_ctrt_seq": body["supply_ctrt_seq"],
            "cite_key": body["cite_key"],
            "secret_key": body["secret_key"],
            "seller_id": body["entr_id"],
        }

    async def create_order(self, seller: dict[str, str], market_product_id: str, quantity: int = 1) -> str:
        body = await self._call("POST", "/orders", json={"prd_no": int(market_product_id), "quantity": quantity})
        return str(body["line_ids"][0])

    async def create_orders_bulk(self, seller: dict[str, str], market_product_id: str, count: int) -> None:
        await self._call(
            "POST", "/orders", json={"prd_no": int(market_product_id), "count": count, "return_ids": False}
        )

    async def create_claim(self, seller: dict[str, str], order_line_id: str, kind: str) -> str:
        body = await self._call("POST", "/claims", json={"line_id": order_line_id, "type": kind})
        return str(body["clmreq_seq"])

    async def create_inquiry(
        self, seller: dict[str, str], market_product_id: str | None, order_line_id: str | None
    ) -> str:
        raise LookupError("인터파크에는 문의 API가 없습니다 (the emulator keeps no inquiries).")

    async def inquiry_answer(self, seller: dict[str, str], inquiry_id: str) -> str | None:
        raise LookupError("인터파크에는 문의 API가 없습니다 (the emulator keeps no inquiries).")

    async def dispatches(self, seller: dict[str, str]) -> list[dict[str, Any]]:
        body = await self._call("GET", "/dispatches", params={"entr_id": seller["seller_id"]})
        return [
            {"order_line_id": r["line_id"], "courier_code": r["delvEntrNo"], "tracking_number": r["invoNo"]}
            for r in body["dispatches"]
        ]

    async def revoke_credentials(self, seller: dict[str, str]) -> None:
        await self._call("POST", f"/suppliers/{seller['seller_id']}/revoke")

    async def peak_rate(self, seller: dict[str, str]) -> float:
        body = await self._call("GET", "/calls", params={"entr_id": seller["seller_id"], "recent": 0})
        return float(body["peak_per_second"])
