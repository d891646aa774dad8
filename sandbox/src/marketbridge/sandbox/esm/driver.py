"""Driver of the ESM emulator for the shared contract suite and the benchmarks (see docs/CONNECTORS.md).

`Driver(client, site="gmarket" | "auction")`: the client's base URL is the sandbox root; the site chooses
which ESM site (G마켓 or 옥션) orders, claims and questions are placed on.
"""

from __future__ import annotations

from typing import Any

import httpx
from marketbridge.sandbox.core.driver import AdminDriver

ADMIN = "/esm/admin"
SITES = {"gmarket": "G", "auction": "A"}
OUR_CARRIERS = {
    10013: "CJ_LOGISTICS",
    10008: "LOTTE",
    10007: "HANJIN",
    10005: "EPOST",
    10003: "LOGEN",
    10022: "DHL",
    10023: "FEDEX",
    10036: "EMS",
    10143: "NONGHYUP",
}


class Driver(AdminDriver):
    admin = ADMIN

    def __init__(self, client: httpx.AsyncClient, site: str = "gmarket") -> None:
        if site not in SITES:
            raise ValueError(f"site must be one of {sorted(SITES)}")
        super().__init__(client)
        self.site = SITES[site]
        self.marketplace = site
        # a leaf category of the site's own tree (the contract suite publishes into it)
        self.category_id = "200000101" if site == "gmarket" else "01010000"

    async def create_seller(self) -> dict[str, str]:
        body = await self._call("POST", "/sellers", json={})
        seller_id = body["gmarket_seller_id"] if self.site == "G" else body["auction_seller_id"]
        return {
            "master_id": body["master_id"],
            "secret_key": body["secret_key"],
            "site_seller_id": seller_id,
            "seller_id": seller_id,
        }

    async def create_order(self, seller: dict[str, str], market_product_id: str, quantity: int = 1) -> str:
        body = await self._call(
            "POST", "/orders", json={"goods_no": int(market_product_id), "site": self.site, "quantity": quantity}
        )
        return str(body["order_nos"][0])

    async def create_orders_bulk(self, seller: dict[str, str], market_product_id: str, count: int) -> None:
        await self._call(
            "POST",
            "/orders",
            json={"goods_no": int(market_product_id), "site": self.site, "count": count, "return_ids": False},
        )

    async def create_claim(self, seller: dict[str, str], order_line_id: str, kind: str) -> str:
        # returns and exchanges need a dispatched order (the admin API answers 409 otherwise)
        body = await self._call("POST", "/claims", json={"order_no": int(order_line_id), "kind": kind})
        return str(body["claim_id"])

    async def create_inquiry(
        self, seller: dict[str, str], market_product_id: str | None, order_line_id: str | None
    ) -> str:
        payload: dict[str, Any] = {"site": self.site, "master_id": seller["master_id"]}
        if market_product_id is not None:
            payload["goods_no"] = int(market_product_id)
        if order_line_id is not None:
            payload["order_no"] = int(order_line_id)
        body = await self._call("POST", "/messages", json=payload)
        return str(body["ids"][0])

    async def inquiry_answer(self, seller: dict[str, str], inquiry_id: str) -> str | None:
        body = await self._call("GET", f"/messages/{inquiry_id}")
        answer: str | None = body.get("AnswerComments")
        return answer

    async def dispatches(self, seller: dict[str, str]) -> list[dict[str, Any]]:
        body = await self._call("GET", "/dispatches", params={"seller_id": seller["seller_id"]})
        return [
            {
                "order_line_id": str(d["OrderNo"]),
                "courier_code": OUR_CARRIERS.get(d["DeliveryCompanyCode"], str(d["DeliveryCompanyCode"])),
                "raw_courier_code": str(d["DeliveryCompanyCode"]),
                "tracking_number": d["InvoiceNo"],
            }
            for d in body["dispatches"]
        ]

    async def revoke_credentials(self, seller: dict[str, str]) -> None:
        await self._call("POST", f"/sellers/{seller['master_id']}/revoke")

    async def peak_rate(self, seller: dict[str, str]) -> float:
        body = await self._call("GET", "/calls", params={"recent": 0})
        return float(body["peak_per_second_by_seller"].get(seller["seller_id"], 0))
