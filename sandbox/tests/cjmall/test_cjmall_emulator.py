"""The CJ온스타일 emulator: EUC-KR both ways, keys in the body, IF ids, takeout refusal, CS, products."""

from __future__ import annotations

from typing import Any

import httpx

from .conftest import Send

DAY = "<tns:contents><tns:instructionCls>1</tns:instructionCls><tns:wbCrtDt>2026-11-18</tns:wbCrtDt></tns:contents>"


def text(response: httpx.Response) -> str:
    assert response.content.startswith(b'<?xml version="1.0" encoding="EUC-KR"?>')
    return response.content.decode("euc-kr")


async def test_answers_are_euc_kr_bytes(send: Send, client: httpx.AsyncClient, product: dict[str, Any]) -> None:
    await client.post("/cjmall/admin/orders", json={"product_id": product["product_id"], "count": 2})
    response = await send("IF_04_01", DAY)
    assert response.headers["content-type"] == "text/xml; charset=EUC-KR"
    body = text(response)
    assert "한우 선물세트" in body and body.count("<ns1:instruction>") == 2
    assert "한우".encode() not in response.content  # not UTF-8


async def test_utf8_request_and_wrong_key_are_refused(send: Send) -> None:
    assert "E-0002" in text(await send("IF_04_01", DAY, encoding="UTF-8"))
    refused = text(await send("IF_04_01", DAY, key="bad"))
    assert "<ns1:successYn>false</ns1:successYn>" in refused and "E-0001" in refused


async def test_takeout_then_second_takeout_refused(
    send: Send, client: httpx.AsyncClient, product: dict[str, Any]
) -> None:
    line = (await client.post("/cjmall/admin/orders", json={"product_id": product["product_id"]})).json()[
        "order_line_ids"
    ][0]
    o, g, d, w = line.split(":")
    takeout = (
        f"<tns:takeout><tns:ordNo>{o}</tns:ordNo><tns:ordGSeq>{g}</tns:ordGSeq><tns:ordDSeq>{d}</tns:ordDSeq>"
        f"<tns:ordWSeq>{w}</tns:ordWSeq><tns:delicompCd>22</tns:delicompCd><tns:wbNo>612345678901</tns:wbNo>"
        "</tns:takeout>"
    )
    assert "<ns1:successYn>true</ns1:successYn><ns1:errorCode />" in text(await send("IF_04_04", takeout))
    again = text(await send("IF_04_04", takeout))
    assert "E-0402" in again
    ledger = (await client.get("/cjmall/admin/dispatches")).json()
    assert ledger["count"] == 1 and ledger["refused_attempts"] == 1


async def test_cancel_instruction_and_cs(send: Send, client: httpx.AsyncClient, product: dict[str, Any]) -> None:
    line = (await client.post("/cjmall/admin/orders", json={"product_id": product["product_id"]})).json()[
        "order_line_ids"
    ][0]
    await client.post("/cjmall/admin/claims", json={"order_line_id": line, "kind": "cancel"})
    cancelled = text(await send("IF_04_01", DAY.replace("<tns:instructionCls>1", "<tns:instructionCls>2")))
    assert "<ns1:ordDtlClsCd>20</ns1:ordDtlClsCd>" in cancelled
    cs = text(await send("IF_04_02", "<tns:contents><tns:wbCrtDt>2026-11-18</tns:wbCrtDt></tns:contents>"))
    assert "<ns1:csCls>01</ns1:csCls>" in cs


async def test_item_registration_needs_notice(send: Send) -> None:
    item = (
        "<tns:item><tns:vendorItemCd>H1</tns:vendorItemCd><tns:itemName>한우</tns:itemName>"
        "<tns:salePrice>150000</tns:salePrice><tns:categoryCd>1010</tns:categoryCd></tns:item>"
    )
    assert "E-0302" in text(await send("IF_03_01", item))
    notice = "<tns:notice><tns:noticeNm>품목</tns:noticeNm><tns:noticeCntn>농수산물</tns:noticeCntn></tns:notice>"
    assert "<ns1:itemCd>" in text(await send("IF_03_01", item + notice))


async def test_faults_and_rate_limit(send: Send, client: httpx.AsyncClient) -> None:
    await client.post("/cjmall/admin/faults", json={"path_pattern": "IFPA", "kind": "malformed", "count": 1})
    assert not (await send("IF_04_01", DAY)).content.endswith(b">")
    await client.put("/cjmall/admin/rate-limit", json={"rate": 0.01, "burst": 1})
    assert (await send("IF_04_01", DAY)).status_code == 200
    assert (await send("IF_04_01", DAY)).status_code == 429
    assert (await client.get("/cjmall/admin/calls", params={"seller_id": "412345"})).json()[
        "seller_peak_per_second"
    ] == 2
