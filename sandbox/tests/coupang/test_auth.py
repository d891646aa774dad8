"""CEA HMAC verification: signature recomputation, clock skew, revoked keys, vendor ownership."""

from __future__ import annotations

import hashlib
import hmac

from marketbridge.sandbox.coupang.auth import authorization, signature, signed_date
from marketbridge.sandbox.coupang.models import Vendor

from .conftest import OPENAPI, SELLER_API, Admin, Signed

CATEGORIES = f"{SELLER_API}/meta/display-categories"


def test_signature_matches_an_independently_computed_vector() -> None:
    date = signed_date(1_753_758_900)  # 2025-07-29 03:15:00 UTC
    assert date == "250729T031500Z"
    path = "/v2/providers/openapi/apis/api/v5/vendors/A00012345/ordersheets"
    query = "createdAtFrom=2025-07-15&createdAtTo=2025-07-16&status=ACCEPT"
    expected = hmac.new(b"secret-key", f"{date}GET{path}{query}".encode(), hashlib.sha256).hexdigest()
    assert signature("secret-key", date, "get", path, query) == expected
    header = authorization("access-key", "secret-key", "GET", path, query, 1_753_758_900)
    assert header == f"CEA algorithm=HmacSHA256, access-key=access-key, signed-date={date}, signature={expected}"


async def test_a_signed_call_passes(api: Signed) -> None:
    response = await api("GET", CATEGORIES)
    assert response.status_code == 200
    assert response.json()["code"] == "SUCCESS"


async def test_a_wrong_secret_is_refused_in_coupangs_shape(api: Signed) -> None:
    response = await api("GET", CATEGORIES, secret="not-the-secret")
    assert response.status_code == 401
    assert response.json() == {"code": 401, "message": "Specified signature is not matched.", "data": None}


async def test_a_stale_signed_date_is_refused(api: Signed) -> None:
    assert (await api("GET", CATEGORIES, skew=-299)).status_code == 200
    response = await api("GET", CATEGORIES, skew=-301)
    assert response.status_code == 401 and response.json()["message"] == "Specified signature is expired."
    assert (await api("GET", CATEGORIES, skew=+301)).status_code == 401


async def test_the_query_string_is_part_of_the_signature(api: Signed, vendor: Vendor) -> None:
    path = f"{OPENAPI}/v5/vendors/{vendor.vendor_id}/ordersheets"
    params = [("createdAtFrom", "2024-05-01"), ("createdAtTo", "2024-05-02"), ("status", "ACCEPT")]
    assert (await api("GET", path, params)).status_code == 200
    tampered = await api("GET", path, params, signed_query="createdAtFrom=2024-05-01")
    assert tampered.status_code == 401


async def test_a_missing_or_foreign_scheme_is_refused(client: object, api: Signed) -> None:
    response = await api.client.get(f"/coupang/external{CATEGORIES}", headers={"Authorization": "Bearer x"})
    assert response.status_code == 401 and response.json()["code"] == 401


async def test_revoked_keys_stop_working(api: Signed, admin: Admin, vendor: Vendor) -> None:
    await admin("POST", f"/sellers/{vendor.vendor_id}/revoke")
    response = await api("GET", CATEGORIES)
    assert response.status_code == 401 and response.json()["message"] == "Invalid access key."


async def test_another_vendors_path_is_forbidden(api: Signed) -> None:
    response = await api("GET", f"{OPENAPI}/v5/vendors/A99999999/ordersheets/1")
    assert response.status_code == 403
