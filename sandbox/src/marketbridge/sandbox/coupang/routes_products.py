"""Seller products (v1 marketplace seller API), vendor items, display categories and shipping places."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.coupang import catalog
from marketbridge.sandbox.coupang.common import (
    OPENAPI,
    SELLER_API,
    coupang_state,
    decode_token,
    encode_token,
    json_body,
    ok,
    path_int,
    product_ok,
    query_int,
    vendor_store,
)
from marketbridge.sandbox.coupang.errors import bad_request
from marketbridge.sandbox.coupang.serialize import product_row, product_view

router = APIRouter()
STATUSES = frozenset({"SAVING", "SAVED", "APPROVING", "APPROVED", "PARTIAL_APPROVED", "DENIED", "DELETED"})


@router.post(f"{SELLER_API}/seller-products")
async def create_product(request: Request) -> ORJSONResponse:
    body = await json_body(request)
    state = coupang_state(request)
    with state.lock:
        product = catalog.create(state, vendor_store(request), body, state.now_ms())
    return product_ok(product.seller_product_id, message="상품이 등록되었습니다.")


@router.put(f"{SELLER_API}/seller-products")
async def update_product(request: Request) -> ORJSONResponse:
    body = await json_body(request)
    state = coupang_state(request)
    with state.lock:
        product = catalog.update(state, vendor_store(request), body, state.now_ms())
    return product_ok(product.seller_product_id, message="상품이 수정되었습니다.")


@router.get(f"{SELLER_API}/seller-products/{{seller_product_id}}")
async def get_product(seller_product_id: str, request: Request) -> ORJSONResponse:
    product = vendor_store(request).products.get(path_int(seller_product_id, "sellerProductId"))
    if product is None:
        raise bad_request("등록상품ID(sellerProductId)를 찾을 수 없습니다.")
    return product_ok(product_view(product))


@router.delete(f"{SELLER_API}/seller-products/{{seller_product_id}}")
async def delete_product(seller_product_id: str, request: Request) -> ORJSONResponse:
    with coupang_state(request).lock:
        product = vendor_store(request).products.get(path_int(seller_product_id, "sellerProductId"))
        if product is None:
            raise bad_request("등록상품ID(sellerProductId)를 찾을 수 없습니다.")
        if any(item.on_sale for item in product.items):
            raise bad_request("판매중지되지 않은 옵션이 있어 삭제할 수 없습니다.")
        product.status = "DELETED"
    return product_ok(product.seller_product_id)


@router.get(f"{SELLER_API}/seller-products")
async def list_products(request: Request) -> ORJSONResponse:
    store = vendor_store(request)
    if request.query_params.get("vendorId") != store.vendor_id:
        raise bad_request("vendorId가 올바르지 않습니다.")
    status = request.query_params.get("status") or None
    if status is not None and status not in STATUSES:
        raise bad_request("status가 유효하지 않습니다.")
    limit = query_int(request, "maxPerPage", 20, 1, 100)
    after = decode_token(request.query_params.get("nextToken"))
    rows: list[dict[str, Any]] = []
    token = ""
    with coupang_state(request).lock:
        for product in sorted(store.products.values(), key=lambda p: p.seller_product_id):
            position = (0, product.seller_product_id)
            if (after is not None and position <= after) or (status is not None and product.status != status):
                continue
            if len(rows) == limit:
                token = encode_token((0, rows[-1]["sellerProductId"]))
                break
            rows.append(product_row(product))
    return product_ok(rows, next_token=token)


@router.put(f"{SELLER_API}/vendor-items/{{vendor_item_id}}/sales/stop")
async def stop_sale(vendor_item_id: str, request: Request) -> ORJSONResponse:
    with coupang_state(request).lock:
        catalog.set_on_sale(vendor_store(request), path_int(vendor_item_id, "vendorItemId"), False)
    return product_ok(None, message="판매중지 처리되었습니다.")


@router.put(f"{SELLER_API}/vendor-items/{{vendor_item_id}}/sales/resume")
async def resume_sale(vendor_item_id: str, request: Request) -> ORJSONResponse:
    with coupang_state(request).lock:
        catalog.set_on_sale(vendor_store(request), path_int(vendor_item_id, "vendorItemId"), True)
    return product_ok(None, message="판매재개 처리되었습니다.")


@router.put(f"{SELLER_API}/vendor-items/{{vendor_item_id}}/quantities/{{quantity}}")
async def set_quantity(vendor_item_id: str, quantity: str, request: Request) -> ORJSONResponse:
    with coupang_state(request).lock:
        catalog.set_quantity(
            vendor_store(request), path_int(vendor_item_id, "vendorItemId"), path_int(quantity, "quantity")
        )
    return product_ok(None, message="재고가 변경되었습니다.")


@router.put(f"{SELLER_API}/vendor-items/{{vendor_item_id}}/prices/{{price}}")
async def set_price(vendor_item_id: str, price: str, request: Request) -> ORJSONResponse:
    with coupang_state(request).lock:
        catalog.set_price(vendor_store(request), path_int(vendor_item_id, "vendorItemId"), path_int(price, "price"))
    return product_ok(None, message="가격이 변경되었습니다.")


@router.get(f"{SELLER_API}/vendor-items/{{vendor_item_id}}/inventories")
async def inventories(vendor_item_id: str, request: Request) -> ORJSONResponse:
    _, item = catalog.vendor_item(vendor_store(request), path_int(vendor_item_id, "vendorItemId"))
    return product_ok(
        {
            "sellerItemId": item.seller_product_item_id,
            "amountInStock": item.stock,
            "salePrice": item.sale_price,
            "onSale": item.on_sale,
        }
    )


@router.get(f"{SELLER_API}/meta/display-categories")
async def display_categories(request: Request) -> ORJSONResponse:
    vendor_store(request)
    return product_ok(catalog.CATEGORY_TREE)


@router.get(f"{OPENAPI}/v5/vendors/{{vendor_id}}/outboundShippingCenters")
async def outbound_centers(vendor_id: str, request: Request) -> ORJSONResponse:
    store = vendor_store(request)
    place = {
        "outboundShippingPlaceCode": catalog.outbound_code(store.vendor_id),
        "shippingPlaceName": "기본 출고지",
        "usable": True,
        "placeAddresses": [
            {
                "addressType": "JIBUN",
                "countryCode": "KR",
                "companyContactNumber": "02-1234-5678",
                "returnZipCode": "06236",
                "returnAddress": "서울특별시 강남구 테헤란로 1",
                "returnAddressDetail": "1층",
            }
        ],
    }
    return ok(
        {"content": [place], "pagination": {"currentPage": 1, "totalPages": 1, "totalElements": 1, "countPerPage": 10}}
    )


@router.get(f"{OPENAPI}/v5/vendors/{{vendor_id}}/returnShippingCenters")
async def return_centers(vendor_id: str, request: Request) -> ORJSONResponse:
    store = vendor_store(request)
    center = {
        "returnCenterCode": catalog.return_center_code(store.vendor_id),
        "shippingPlaceName": "기본 반품지",
        "deliverCode": "CJGLS",
        "deliverName": "CJ 대한통운",
        "usable": True,
        "placeAddresses": [
            {
                "addressType": "JIBUN",
                "countryCode": "KR",
                "companyContactNumber": "02-1234-5678",
                "returnZipCode": "06236",
                "returnAddress": "서울특별시 강남구 테헤란로 1",
                "returnAddressDetail": "1층",
            }
        ],
    }
    return ok(
        {
            "content": [center],
            "pagination": {"currentPage": 1, "totalPages": 1, "totalElements": 1, "countPerPage": 10},
        },
        code="200",
        message="SUCCESS",
    )
