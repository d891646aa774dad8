"""Gateway behaviour: ~10 calls/s per vendor (429), fault injection, call log with per-vendor peaks;
inquiries and products through the API."""

from __future__ import annotations

from typing import Any

from marketbridge.sandbox.coupang.models import Vendor
from marketbridge.sandbox.coupang.state import CoupangState
from marketbridge.sandbox.testing import FakeClock

from .conftest import OPENAPI, SELLER_API, Admin, PlaceOrders, Signed

CATEGORIES = f"{SELLER_API}/meta/display-categories"


async def test_rate_limit_is_ten_per_second_per_vendor(
    api: Signed, clock: FakeClock, coupang: CoupangState, admin: Admin
) -> None:
    statuses = [(await api("GET", CATEGORIES)).status_code for _ in range(11)]
    assert statuses == [200] * 10 + [429]
    limited = await api("GET", CATEGORIES)
    assert limited.json() == {"code": 429, "message": "Too Many Requests", "data": None}
    assert limited.headers["Retry-After"] == "1"
    other = coupang.register_vendor(vendor_id="A00099999")
    other_api = Signed(api.client, other, clock)
    assert (await other_api("GET", CATEGORIES)).status_code == 200  # buckets are per vendor
    clock.advance(0.5)
    assert [(await api("GET", CATEGORIES)).status_code for _ in range(6)] == [200] * 5 + [429]
    calls = await admin("GET", "/calls", params={"vendor_id": api.vendor.vendor_id})
    assert calls["peak_per_second"] == 18


async def test_faults_before_and_after(api: Signed, admin: Admin, vendor: Vendor, place_orders: PlaceOrders) -> None:
    await admin("POST", "/faults", json={"path_pattern": "display-categories", "kind": "http_503", "count": 1})
    assert (await api("GET", CATEGORIES)).status_code == 503
    assert (await api("GET", CATEGORIES)).status_code == 200
    await admin("POST", "/faults", json={"path_pattern": "display-categories", "kind": "malformed", "count": 1})
    malformed = await api("GET", CATEGORIES)
    assert malformed.status_code == 200 and malformed.text.startswith('{"code":200')
    box = (await place_orders())["shipment_box_ids"][0]
    await admin(
        "POST", "/faults", json={"path_pattern": "acknowledgement", "kind": "http_500", "phase": "after", "count": 1}
    )
    answer = await api(
        "PATCH",
        f"{OPENAPI}/v4/vendors/{vendor.vendor_id}/ordersheets/acknowledgement",
        json={"vendorId": vendor.vendor_id, "shipmentBoxIds": [box]},
    )
    assert answer.status_code == 500
    assert (await admin("GET", f"/ordersheets/{box}"))["detail"]["status"] == "INSTRUCT"  # applied anyway
    await admin("POST", "/faults", json={"path_pattern": "display", "kind": "timeout", "latency_ms": 10, "count": 1})
    assert (await api("GET", CATEGORIES)).status_code == 504
    assert (await admin("GET", "/faults"))[0]["injected"] == 1


async def test_online_inquiries_page_and_take_replies(
    api: Signed, admin: Admin, vendor: Vendor, product: dict[str, Any]
) -> None:
    ids = (await admin("POST", "/inquiries", json={"seller_product_id": product["sellerProductId"], "count": 12}))[
        "ids"
    ]
    path = f"{OPENAPI}/v5/vendors/{vendor.vendor_id}/onlineInquiries"
    params = [
        ("vendorId", vendor.vendor_id),
        ("answeredType", "ALL"),
        ("inquiryStartAt", "2024-05-11"),
        ("inquiryEndAt", "2024-05-11"),
        ("pageNum", 2),
        ("pageSize", 10),
    ]
    data = (await api("GET", path, params)).json()["data"]
    assert len(data["content"]) == 2 and data["pagination"]["totalElements"] == 12
    reply = await api(
        "POST",
        f"{OPENAPI}/v4/vendors/{vendor.vendor_id}/onlineInquiries/{ids[0]}/replies",
        json={"content": "네, 정사이즈입니다.", "vendorId": vendor.vendor_id, "replyBy": "wing-user"},
    )
    assert reply.status_code == 200
    unanswered = [("answeredType", "NOANSWER") if k == "answeredType" else (k, v) for k, v in params]
    assert (await api("GET", path, unanswered)).json()["data"]["pagination"]["totalElements"] == 11
    too_long = [("inquiryStartAt", "2024-05-01") if k == "inquiryStartAt" else (k, v) for k, v in params]
    assert (await api("GET", path, too_long)).status_code == 400


async def test_call_center_inquiries_are_answered(
    api: Signed, admin: Admin, vendor: Vendor, place_orders: PlaceOrders
) -> None:
    line = (await place_orders())["order_line_ids"][0]
    [iid] = (await admin("POST", "/inquiries", json={"kind": "callcenter", "order_line_id": line}))["ids"]
    path = f"{OPENAPI}/v5/vendors/{vendor.vendor_id}/callCenterInquiries"
    window = [("inquiryStartAt", "2024-05-11"), ("inquiryEndAt", "2024-05-11"), ("partnerCounselingStatus", "NONE")]
    [row] = (await api("GET", path, window)).json()["data"]["content"]
    assert row["csPartnerCounselingStatus"] == "NO_ANSWER" and row["orderId"]
    reply = await api(
        "POST",
        f"{OPENAPI}/v4/vendors/{vendor.vendor_id}/callCenterInquiries/{iid}/replies",
        json={
            "vendorId": vendor.vendor_id,
            "inquiryId": iid,
            "content": "확인 후 연락드리겠습니다.",
            "replyBy": "wing-user",
            "parentAnswerId": None,
        },
    )
    assert reply.status_code == 200
    one = (await api("GET", f"{OPENAPI}/v5/vendors/callCenterInquiries/{iid}")).json()["data"]
    assert one["csPartnerCounselingStatus"] == "ANSWER" and one["replies"][0]["content"].startswith("확인")


async def test_products_price_stock_and_stop(api: Signed, vendor: Vendor, product: dict[str, Any]) -> None:
    vid = product["items"][0]["vendorItemId"]
    assert (await api("PUT", f"{SELLER_API}/vendor-items/{vid}/prices/18905")).status_code == 400  # 10-won units
    assert (await api("PUT", f"{SELLER_API}/vendor-items/{vid}/prices/18900")).json()["code"] == "SUCCESS"
    assert (await api("PUT", f"{SELLER_API}/vendor-items/{vid}/quantities/7")).status_code == 200
    assert (await api("PUT", f"{SELLER_API}/vendor-items/{vid}/sales/stop")).status_code == 200
    inventory = (await api("GET", f"{SELLER_API}/vendor-items/{vid}/inventories")).json()["data"]
    assert inventory == {
        "sellerItemId": product["items"][0]["sellerProductItemId"],
        "amountInStock": 7,
        "salePrice": 18900,
        "onSale": False,
    }
    listing = (await api("GET", f"{SELLER_API}/seller-products", [("vendorId", vendor.vendor_id)])).json()
    assert [r["sellerProductId"] for r in listing["data"]] == [product["sellerProductId"]]
    assert listing["data"][0]["statusName"] == "승인완료"
