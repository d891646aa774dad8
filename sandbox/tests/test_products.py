from __future__ import annotations

from typing import Any

import httpx


def product_body(**origin: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "statusType": "SALE", "leafCategoryId": "50000804", "name": "오버핏 반팔 티셔츠", "detailContent": "<p>상세</p>",
        "salePrice": 15000, "stockQuantity": 30,
        "images": {"representativeImage": {"url": "https://example.invalid/a.jpg"}},
        "detailAttribute": {
            "afterServiceInfo": {"afterServiceTelephoneNumber": "02-000-0000", "afterServiceGuideContent": "문의"},
            "originAreaInfo": {"originAreaCode": "00"},
            "sellerCodeInfo": {"sellerManagementCode": "OV-01"},
            "optionInfo": {
                "optionCombinationGroupNames": {"optionGroupName1": "색상"},
                "optionCombinations": [{"optionName1": "블랙", "stockQuantity": 5, "price": 0},
                                       {"optionName1": "네이비", "stockQuantity": 0, "price": 2000}],
            },
        },
    }
    base.update(origin)
    return {"originProduct": base, "smartstoreChannelProduct": {"naverShoppingRegistration": True,
                                                                "channelProductDisplayStatusType": "ON"}}


async def test_registers_a_product_with_combination_options(api: httpx.AsyncClient, client: httpx.AsyncClient) -> None:
    response = await api.post("/v2/products", json=product_body())
    assert response.status_code == 200, response.text
    numbers = response.json()
    assert set(numbers) == {"originProductNo", "smartstoreChannelProductNo"}
    view = (await api.get(f"/v2/products/origin-products/{numbers['originProductNo']}")).json()
    combos = view["originProduct"]["detailAttribute"]["optionInfo"]["optionCombinations"]
    assert [c["optionName1"] for c in combos] == ["블랙", "네이비"] and all(c["id"] for c in combos)
    assert view["originProduct"]["stockQuantity"] == 5 and view["originProduct"]["statusType"] == "SALE"
    received = (await client.get("/naver/admin/products")).json()
    assert received[0]["originProduct"]["name"] == "오버핏 반팔 티셔츠"


async def test_invalid_product_lists_every_invalid_input(api: httpx.AsyncClient) -> None:
    body = product_body(name=" ", salePrice=5, leafCategoryId="50000000", statusType="WAIT")
    body["originProduct"]["detailAttribute"]["optionInfo"]["optionCombinations"][1]["price"] = 90000
    response = await api.post("/v2/products", json=body)
    assert response.status_code == 400
    payload = response.json()
    assert payload["code"] == "BAD_REQUEST" and payload["traceId"]
    names = {i["name"] for i in payload["invalidInputs"]}
    assert names == {"originProduct.name", "originProduct.salePrice", "originProduct.leafCategoryId",
                     "originProduct.statusType",
                     "originProduct.detailAttribute.optionInfo.optionCombinations[1].price"}
    assert all(i["type"] and i["message"] for i in payload["invalidInputs"])


async def test_update_status_stock_and_delete(api: httpx.AsyncClient) -> None:
    numbers = (await api.post("/v2/products", json=product_body())).json()
    no = numbers["originProductNo"]
    updated = await api.put(f"/v2/products/origin-products/{no}", json=product_body(salePrice=17000, name="새 이름"))
    assert updated.status_code == 200
    view = (await api.get(f"/v2/products/origin-products/{no}")).json()["originProduct"]
    assert view["salePrice"] == 17000 and view["name"] == "새 이름"
    combos = view["detailAttribute"]["optionInfo"]["optionCombinations"]
    stock_body = {"productSalePrice": {"salePrice": 16000},
                  "optionInfo": {"optionCombinations": [{"id": c["id"], "stockQuantity": 0, "price": c["price"]}
                                                        for c in combos], "useStockManagement": True}}
    assert (await api.put(f"/v1/products/origin-products/{no}/option-stock", json=stock_body)).status_code == 200
    view = (await api.get(f"/v2/products/origin-products/{no}")).json()["originProduct"]
    assert view["statusType"] == "OUTOFSTOCK" and view["salePrice"] == 16000
    suspended = await api.put(f"/v1/products/origin-products/{no}/change-status", json={"statusType": "SUSPENSION"})
    assert suspended.json()["statusType"] == "SUSPENSION"
    bad = await api.put(f"/v1/products/origin-products/{no}/change-status", json={"statusType": "CLOSE"})
    assert bad.status_code == 400 and bad.json()["invalidInputs"]
    assert (await api.delete(f"/v2/products/origin-products/{no}")).status_code == 200
    gone = await api.get(f"/v2/products/origin-products/{no}")
    assert gone.status_code == 404 and gone.json()["code"] == "NOT_FOUND"


async def test_search_pages_own_products(api: httpx.AsyncClient) -> None:
    for i in range(3):
        await api.post("/v2/products", json=product_body(name=f"상품 {i}"))
    page = (await api.post("/v1/products/search", json={"page": 1, "size": 2})).json()
    assert page["totalElements"] == 3 and page["totalPages"] == 2 and page["last"] is False
    channel = page["contents"][0]["channelProducts"][0]
    assert channel["statusType"] == "SALE" and channel["sellerManagementCode"] == "OV-01"
    assert channel["wholeCategoryName"] == "패션의류>여성의류>티셔츠"


async def test_categories_tree(api: httpx.AsyncClient) -> None:
    everything = (await api.get("/v1/categories")).json()
    leaves = (await api.get("/v1/categories", params={"last": "true"})).json()
    assert len(everything) > len(leaves) > 20
    assert set(leaves[0]) == {"wholeCategoryName", "id", "name", "last"} and all(c["last"] for c in leaves)
    sub = (await api.get("/v1/categories/50000167/sub-categories")).json()
    assert {c["name"] for c in sub} >= {"원피스", "티셔츠"}
