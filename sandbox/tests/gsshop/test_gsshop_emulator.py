"""The GS SHOP emulator: request-then-push to the registered receiver, DLVINF with the second-dispatch
refusal, supplier identification, products needing the notice, faults."""

from __future__ import annotations

from typing import Any

import httpx

from .conftest import Capture

API = "/gsshop/external"


def ordinf(seller: dict[str, Any], process_type: str = "A", sd_dt: str = "20261118") -> dict[str, str]:
    c = seller["credentials"]
    return {
        "sender": c["sender_id"],
        "receiver": "GS SHOP",
        "documentId": "ORDINF",
        "processType": process_type,
        "supCd": c["sup_cd"],
        "sdDt": sd_dt,
    }


async def test_orders_are_pushed_to_the_receiver(
    client: httpx.AsyncClient, seller: dict[str, Any], product: dict[str, Any], receiver: tuple[str, Capture]
) -> None:
    ids = (await client.post("/gsshop/admin/orders", json={"product_id": product["product_id"], "count": 2})).json()[
        "order_line_ids"
    ]
    answer = (await client.post(f"{API}/b2b/SupSendOrderInfo.gs", json=ordinf(seller))).json()
    assert answer == {"resultCd": "S", "resultMsg": "정상처리되었습니다.", "resultCnt": 2}
    pushed = receiver[1].bodies[0]
    assert (pushed["token"], pushed["sender"], pushed["receiver"], pushed["documentId"]) == (
        "tok",
        "GS SHOP",
        "100234",
        "ORDINF",
    )
    rows = pushed["resultList"]
    assert [f"{r['ordNo']}:{r['ordItemNo']}" for r in rows] == ids
    assert {r["ordTypeCd"] for r in rows} == {"O"} and len(rows[0]["ordNo"]) == 10


async def test_cancel_rows_follow_process_type(
    client: httpx.AsyncClient, seller: dict[str, Any], product: dict[str, Any], receiver: tuple[str, Capture]
) -> None:
    line = (await client.post("/gsshop/admin/orders", json={"product_id": product["product_id"]})).json()[
        "order_line_ids"
    ][0]
    await client.post("/gsshop/admin/claims", json={"order_line_id": line, "kind": "cancel"})
    await client.post(f"{API}/b2b/SupSendOrderInfo.gs", json=ordinf(seller, "C"))
    assert [r["ordTypeCd"] for r in receiver[1].bodies[-1]["resultList"]] == ["C"]
    await client.post(f"{API}/b2b/SupSendOrderInfo.gs", json=ordinf(seller, "A"))
    assert sorted(r["ordTypeCd"] for r in receiver[1].bodies[-1]["resultList"]) == ["C", "O"]


async def test_refused_push_answers_e(
    client: httpx.AsyncClient, seller: dict[str, Any], receiver: tuple[str, Capture]
) -> None:
    receiver[1].reply = {"resultCd": "E", "resultMsg": "no"}
    answer = (await client.post(f"{API}/b2b/SupSendOrderInfo.gs", json=ordinf(seller))).json()
    assert answer["resultCd"] == "E" and "수신처" in answer["resultMsg"]
    await client.put("/gsshop/admin/sellers/100234/receiver", json={"receiver_url": "http://127.0.0.1:9/none"})
    answer = (await client.post(f"{API}/b2b/SupSendOrderInfo.gs", json=ordinf(seller))).json()
    assert answer["resultCd"] == "E" and "전송" in answer["resultMsg"]


async def test_unknown_supplier_is_403(client: httpx.AsyncClient, seller: dict[str, Any]) -> None:
    response = await client.post(f"{API}/b2b/SupSendOrderInfo.gs", json={**ordinf(seller), "sender": "nobody"})
    assert response.status_code == 403 and response.json()["resultCd"] == "E"


async def test_dlvinf_and_second_dispatch_refused(
    client: httpx.AsyncClient, seller: dict[str, Any], product: dict[str, Any]
) -> None:
    line = (await client.post("/gsshop/admin/orders", json={"product_id": product["product_id"]})).json()[
        "order_line_ids"
    ][0]
    order_no, item_no = line.split(":")
    body = {
        "sender": seller["credentials"]["sender_id"],
        "receiver": "GS SHOP",
        "documentId": "DLVINF",
        "processType": "C",
        "ordNo": order_no,
        "ordItemNo": item_no,
        "deliveryCd": "DH",
        "deliveryNo": "612345678901",
    }
    assert (await client.post(f"{API}/b2b/aliaSupCommonReceiveOrderInfo.gs", json=body)).json()["resultCd"] == "S"
    again = (await client.post(f"{API}/b2b/aliaSupCommonReceiveOrderInfo.gs", json=body)).json()
    assert again == {"resultCd": "E", "resultMsg": f"이미 송장이 등록된 주문입니다. ({line})"}
    ledger = (await client.get("/gsshop/admin/dispatches")).json()
    assert ledger["count"] == 1 and ledger["refused_attempts"] == 1


async def test_product_form_needs_notice(client: httpx.AsyncClient, seller: dict[str, Any]) -> None:
    form = {
        "regGbn": "I",
        "supCd": "100234",
        "supPrdCd": "RG-1",
        "prdNm": "홍삼",
        "prdClsCd": "B101",
        "prdPrcSalePrc": "59000",
    }
    refused = (await client.post(f"{API}/alia/aliaCommonPrd.gs", data=form)).json()
    assert refused["success"] == "False" and "고시" in refused["msg"]
    ok = (
        await client.post(
            f"{API}/alia/aliaCommonPrd.gs",
            data={**form, "prdGovPublsItmList": '[{"itmNm": "품목", "itmCntnt": "건강기능식품"}]'},
        )
    ).json()
    assert ok["success"] == "True" and ok["prdCd"] and ok["supCd"] == "100234"


async def test_faults(client: httpx.AsyncClient, seller: dict[str, Any]) -> None:
    await client.post("/gsshop/admin/faults", json={"path_pattern": "SupSend", "kind": "malformed", "count": 1})
    malformed = await client.post(f"{API}/b2b/SupSendOrderInfo.gs", json=ordinf(seller))
    assert malformed.status_code == 200 and malformed.content == b'{"resultCd":"S","resultMsg":"'
