"""The 공영홈쇼핑 emulator — (modelled) dialect, our invention: auth in the body, orders, confirm, invoice refusal, Q&A, faults."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import httpx

from .conftest import Send

DAY = "<contents><ordDt>2026-11-18</ordDt></contents>"


def xml(response: httpx.Response) -> ET.Element:
    return ET.fromstring(response.content)


async def test_wrong_key_is_401(send: Send) -> None:
    response = await send("PH_04_01", DAY, key="bad")
    assert response.status_code == 401 and xml(response).findtext("resultCode") == "9001"


async def test_orders_confirm_invoice_and_second_invoice_refused(
    send: Send, client: httpx.AsyncClient, product: dict[str, Any]
) -> None:
    line = (await client.post("/publichs/admin/orders", json={"product_id": product["product_id"]})).json()[
        "order_line_ids"
    ][0]
    order = xml(await send("PH_04_01", DAY)).find("order")
    assert order is not None and f"{order.findtext('ordNo')}:{order.findtext('ordSeq')}" == line
    o, s = line.split(":")
    confirmed = xml(await send("PH_04_03", f"<confirm><ordNo>{o}</ordNo><ordSeq>{s}</ordSeq></confirm>"))
    assert confirmed.findtext("result/resultCode") == "0000"
    invoice = (
        f"<invoice><ordNo>{o}</ordNo><ordSeq>{s}</ordSeq><dlvCoCd>22</dlvCoCd><invNo>612345678901</invNo></invoice>"
    )
    assert xml(await send("PH_04_04", invoice)).findtext("result/resultCode") == "0000"
    assert xml(await send("PH_04_04", invoice)).findtext("result/resultCode") == "4002"
    assert (await client.get("/publichs/admin/dispatches")).json()["refused_attempts"] == 1


async def test_goods_need_notice_and_qna(send: Send, client: httpx.AsyncClient, product: dict[str, Any]) -> None:
    goods = "<goods><vendorGoodsCd>G1</vendorGoodsCd><goodsNm>감귤</goodsNm><salePrc>25000</salePrc><ctgrCd>0101</ctgrCd></goods>"
    assert xml(await send("PH_03_01", goods)).findtext("resultCode") == "3002"
    ok = xml(await send("PH_03_01", goods + "<notice><itemNm>품목</itemNm><itemCntn>농산물</itemCntn></notice>"))
    assert ok.findtext("resultCode") == "0000" and ok.findtext("goodsCd")
    qna = (await client.post("/publichs/admin/inquiries", json={"product_id": product["product_id"]})).json()
    listed = xml(await send("PH_05_01", "<contents><qnaDt>2026-11-18</qnaDt></contents>"))
    assert listed.findtext("qna/qnaNo") == qna["inquiry_id"]
    answer = f"<answer><qnaNo>{qna['inquiry_id']}</qnaNo><answer>발송했습니다.</answer></answer>"
    assert xml(await send("PH_05_02", answer)).findtext("resultCode") == "0000"


async def test_faults_and_rate_limit(send: Send, client: httpx.AsyncClient) -> None:
    await client.post("/publichs/admin/faults", json={"path_pattern": "supplier", "kind": "http_503", "count": 1})
    assert (await send("PH_04_01", DAY)).status_code == 503
    await client.put("/publichs/admin/rate-limit", json={"rate": 0.01, "burst": 1})
    assert (await send("PH_04_01", DAY)).status_code == 200
    assert (await send("PH_04_01", DAY)).status_code == 429
