"""Driver of the 롯데ON emulator for the shared contract suite and the benchmarks (see docs/CONNECTORS.md).
Order line ids are `"{odNo}-{odSeq}"`, as the adapter reports them."""

from __future__ import annotations

from typing import Any

from marketbridge.sandbox.core.driver import AdminDriver

ADMIN = "/lotteon/admin"
OUR_CARRIERS = {
    "0002": "CJ_LOGISTICS",
    "0001": "LOTTE",
    "0006": "HANJIN",
    "0004": "EPOST",
    "0005": "LOGEN",
    "0024": "KDEXP",
    "0041": "ILYANG",
    "0043": "CHUNIL",
    "0049": "HDEXP",
    "0028": "DAESIN",
    "0023": "KUNYOUNG",
    "0044": "CVSNET",
}


class Driver(AdminDriver):
    admin = ADMIN

    async def create_seller(self) -> dict[str, str]:
        body = await self._call("POST", "/sellers", json={})
        return {"api_key": body["api_key"], "tr_no": body["tr_no"], "seller_id": body["tr_no"]}

    async def create_order(self, seller: dict[str, str], market_product_id: str, quantity: int = 1) -> str:
        body = await self._call("POST", "/orders", json={"spd_no": market_product_id, "quantity": quantity})
        return str(body["line_ids"][0])

    async def create_orders_bulk(self, seller: dict[str, str], market_product_id: str, count: int) -> None:
        await self._call("POST", "/orders", json={"spd_no": market_product_id, "count": count, "return_ids": False})

    async def create_claim(self, seller: dict[str, str], order_line_id: str, kind: str) -> str:
        body = await self._call("POST", "/claims", json={"line_id": order_line_id, "kind": kind})
        return str(body["clm_no"])

    async def create_inquiry(
        self, seller: dict[str, str], market_product_id: str | None, order_line_id: str | None
    ) -> str:
        payload: dict[str, Any] = {"kind": "inquiry" if order_line_id else "qna", "tr_no": seller["tr_no"]}
        if market_product_id is not None:
            payload["spd_no"] = market_product_id
        if order_line_id is not None:
            payload["line_id"] = order_line_id
        body = await self._call("POST", "/questions", json=payload)
        return str(body["ids"][0])

    async def inquiry_answer(self, seller: dict[str, str], inquiry_id: str) -> str | None:
        answer: str | None = (await self._call("GET", f"/questions/{inquiry_id}")).get("ansCnts")
        return answer

    async def dispatches(self, seller: dict[str, str]) -> list[dict[str, Any]]:
        body = await self._call("GET", "/dispatches", params={"tr_no": seller["tr_no"]})
        return [
            {
                "order_line_id": f"{d['odNo']}-{d['odSeq']}",
                "courier_code": OUR_CARRIERS.get(d["dvCoCd"], d["dvCoCd"]),
                "raw_courier_code": d["dvCoCd"],
                "tracking_number": d["invcNo"],
            }
            for d in body["dispatches"]
        ]

    async def revoke_credentials(self, seller: dict[str, str]) -> None:
        await self._call("POST", f"/sellers/{seller['tr_no']}/revoke")

    async def peak_rate(self, seller: dict[str, str]) -> float:
        body = await self._call("GET", "/calls", params={"recent": 0})
        return float(body["peak_per_second_by_seller"].get(seller["tr_no"], 0))
