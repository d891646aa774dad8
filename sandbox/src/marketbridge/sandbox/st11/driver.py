"""Driver of the 11번가 emulator for the shared contract suite and the benchmarks (see CONNECTORS.md).

Ids handed back are the adapter's: order lines `"{ordNo}-{ordPrdSeq}"`, product Q&A
`"{brdInfoNo}-{prdNo}"` (answering needs both), claims the claim sequence (`ordPrdCnSeq` / `clmReqSeq`).
"""

from __future__ import annotations

from typing import Any

from marketbridge.sandbox.core.driver import AdminDriver

ADMIN = "/st11/admin"


class Driver(AdminDriver):
    admin, failure, label = ADMIN, AssertionError, "st11"
    marketplace = "st11"
    category_id = "10010101"  # a leaf of the emulator's category tree

    async def create_seller(self) -> dict[str, str]:
        body = await self._call("POST", "/sellers", json={})
        return {"api_key": body["api_key"], "seller_id": body["seller_id"]}

    async def create_order(self, seller: dict[str, str], market_product_id: str, quantity: int = 1) -> str:
        body = await self._call("POST", "/orders", json={"prd_no": int(market_product_id), "quantity": quantity})
        return str(body["line_ids"][0])

    async def create_orders_bulk(self, seller: dict[str, str], market_product_id: str, count: int) -> None:
        await self._call(
            "POST", "/orders", json={"prd_no": int(market_product_id), "count": count, "return_ids": False}
        )

    async def create_claim(self, seller: dict[str, str], order_line_id: str, kind: str) -> str:
        body = await self._call("POST", "/claims", json={"line_id": order_line_id, "type": kind})
        return str(body["claim_seq"])

    async def create_inquiry(
        self, seller: dict[str, str], market_product_id: str | None, order_line_id: str | None
    ) -> str:
        """A product Q&A (11번가 has no order-inquiry API; a question about an order line is asked on its product)."""
        if market_product_id is None:
            if order_line_id is None:
                raise ValueError("a product or an order line is required")
            market_product_id = str((await self._call("GET", f"/lines/{order_line_id}"))["prdNo"])
        body = await self._call("POST", "/qnas", json={"prd_no": int(market_product_id)})
        return f"{body['ids'][0]}-{market_product_id}"

    async def inquiry_answer(self, seller: dict[str, str], inquiry_id: str) -> str | None:
        number = int(inquiry_id.split("-", 1)[0])
        for row in await self._call("GET", "/qnas", params={"seller_id": seller["seller_id"]}):
            if row["brdInfoNo"] == number:
                answer: str | None = row["answer"]
                return answer
        return None

    async def dispatches(self, seller: dict[str, str]) -> list[dict[str, Any]]:
        body = await self._call("GET", "/dispatches", params={"seller_id": seller["seller_id"]})
        return [
            {"order_line_id": r["line_id"], "courier_code": r["dlvEtprsCd"], "tracking_number": r["invcNo"]}
            for r in body["dispatches"]
        ]

    async def revoke_credentials(self, seller: dict[str, str]) -> None:
        await self._call("POST", f"/sellers/{seller['seller_id']}/revoke")

    async def peak_rate(self, seller: dict[str, str]) -> float:
        body = await self._call("GET", "/calls", params={"seller_id": seller["seller_id"], "recent": 0})
        return float(body["peak_per_second"])
