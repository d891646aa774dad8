"""The 롯데홈쇼핑 emulator: daily session id, XML answers, registDeliver with the second-dispatch refusal,
products needing the notice, Q&A, claims, faults and rate limit."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import httpx
from marketbridge.sandbox.testing import FakeClock

API = "/lottehs/external/openapi"
DAY = {"start_date": "20261118", "end_date": "20261118"}


def xml(response: httpx.Response) -> ET.Element:
    return ET.fromstring(response.content)


async def test_wrong_password_is_refused(client: httpx.AsyncClient, seller: dict[str, Any]) -> None:
    root = xml(await client.get(f"{API}/createCertification.lotte", params={"strUserId": "lt031234", "strPassWd": "x"}))
    assert root.findtext("Result") == "0" and root.findtext("ErrorCode") == "E1001"


async def test_session_works_today_and_expires_at_kst_midnight(
    client: httpx.AsyncClient, session: str, clock: FakeClock
) -> None:
    ok = xml(await client.get(f"{API}/searchNewOrdLstOpenApi.lotte", params={"subscriptionId": session, **DAY}))
    assert ok.find("Result") is not None and ok.findtext("ErrorCode") is None
    clock.advance(8 * 3600)  # past 00:00 KST
    refused = xml(await client.get(f"{API}/searchNewOrdLstOpenApi.lotte", params={"subscriptionId": session, **DAY}))
    assert refused.findtext("ErrorCode") == "E0001"


async def test_orders_and_second_dispatch_refused(
    client: httpx.AsyncClient, session: str, product: dict[str, Any]
) -> None:
    line = (await client.post("/lottehs/admin/orders", json={"product_id": product["product_id"]})).json()[
        "order_line_ids"
    ][0]
    listed = xml(await client.get(f"{API}/searchNewOrdLstOpenApi.lotte", params={"subscriptionId": session, **DAY}))
    info = listed.find("Result/OrderInfo")
    assert info is not None and f"{info.findtext('OrdNo')}:{info.findtext('OrdDtlSn')}" == line
    assert info.findtext("OrdProcStat") == "01" and info.findtext("DelvInfo/recvHp", "").endswith("****")
    order_no, seq = line.split(":")
    form = {
        "subscriptionId": session,
        "ord_no": order_no,
        "ord_dtl_sn": seq,
        "proc_gubun": "sfin",
        "hdc_cd": "12",
        "inv_no": "612345678901",
    }
    assert xml(await client.post(f"{API}/registDeliver.lotte", data=form)).findtext("Result") == "1"
    again = xml(await client.post(f"{API}/registDeliver.lotte", data={**form, "inv_no": "612345678902"}))
    assert (again.findtext("Result"), again.findtext("ErrorCode")) == ("0", "E2003")
    ledger = (await client.get("/lottehs/admin/dispatches")).json()
    assert ledger["count"] == 1 and ledger["refused_attempts"] == 1


async def test_goods_need_the_notice(client: httpx.AsyncClient, session: str) -> None:
    form = {
        "subscriptionId": session,
        "goods_nm": "침구 세트",
        "sale_prc": "89000",
        "disp_no": "500",
        "entr_goods_no": "BED",
    }
    assert xml(await client.post(f"{API}/registApiGoodsInfo.lotte", data=form)).findtext("ErrorCode") == "E3002"
    ok = xml(
        await client.post(
            f"{API}/registApiGoodsInfo.lotte", data={**form, "ntc_item_nm": "품목", "ntc_item_cont": "침구류"}
        )
    )
    assert ok.findtext("Result") == "1" and ok.findtext("GoodsNo")


async def test_qna_and_claims(client: httpx.AsyncClient, session: str, product: dict[str, Any]) -> None:
    line = (await client.post("/lottehs/admin/orders", json={"product_id": product["product_id"]})).json()[
        "order_line_ids"
    ][0]
    await client.post("/lottehs/admin/claims", json={"order_line_id": line, "kind": "cancel"})
    claims = xml(await client.get(f"{API}/searchCnclList.lotte", params={"subscriptionId": session, **DAY}))
    assert claims.findtext("Result/CnclInfo/ClmGbn") == "10"
    qna = (await client.post("/lottehs/admin/inquiries", json={"product_id": product["product_id"]})).json()
    listed = xml(await client.get(f"{API}/searchQnAListOpenApi.lotte", params={"subscriptionId": session, **DAY}))
    assert listed.findtext("Result/QnAInfo/QnaNo") == qna["inquiry_id"]
    answered = xml(
        await client.post(
            f"{API}/updateQnaAnswerOpenApi.lotte",
            data={"subscriptionId": session, "qna_no": qna["inquiry_id"], "ans_cont": "내일 출고됩니다."},
        )
    )
    assert answered.findtext("Result") == "1"
    assert (await client.get(f"/lottehs/admin/inquiries/{qna['inquiry_id']}")).json()["answer"] == "내일 출고됩니다."


async def test_faults_rate_limit_and_admin_session_expiry(client: httpx.AsyncClient, session: str) -> None:
    params = {"subscriptionId": session, **DAY}
    await client.post("/lottehs/admin/faults", json={"path_pattern": "searchNew", "kind": "http_500", "count": 1})
    assert (await client.get(f"{API}/searchNewOrdLstOpenApi.lotte", params=params)).status_code == 500
    await client.put("/lottehs/admin/rate-limit", json={"rate": 0.01, "burst": 1})
    assert (await client.get(f"{API}/searchNewOrdLstOpenApi.lotte", params=params)).status_code == 200
    assert (await client.get(f"{API}/searchNewOrdLstOpenApi.lotte", params=params)).status_code == 429
    calls = (await client.get("/lottehs/admin/calls", params={"seller_id": "031234"})).json()
    assert calls["seller_peak_per_second"] == 3
    await client.post("/lottehs/admin/sessions/expire")
    refused = xml(await client.get(f"{API}/searchNewOrdLstOpenApi.lotte", params=params))
    assert refused.findtext("ErrorCode") == "E0001"
