"""Product group ("상품"): v2 origin products, sale status, option stock, search, categories."""

from __future__ import annotations

from fastapi import APIRouter, Request
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.naver import catalog
from marketbridge.sandbox.naver.categories import BY_ID, CATEGORIES, children
from marketbridge.sandbox.naver.errors import NaverError, product_error
from marketbridge.sandbox.naver.routes.common import json_body, naver_state, seller_store
from marketbridge.sandbox.naver.serialize import product_view, search_content
from starlette.responses import Response

router = APIRouter()


def _no(raw: str) -> int:
    if not raw.isdigit():
        raise NaverError(404, "NOT_FOUND", "상품이 존재하지 않습니다.", [])
    return int(raw)


@router.post("/v2/products")
async def create_product(request: Request) -> ORJSONResponse:
    body = await json_body(request, product_group=True)
    state, store = naver_state(request), seller_store(request)
    with state.lock:
        product = catalog.create(state, store, body, state.now_ms())
    answer: dict[str, int] = {"originProductNo": product.origin_no,
                              "smartstoreChannelProductNo": product.channel_no}
    if isinstance(body, dict) and body.get("windowChannelProduct"):
        answer["windowChannelProductNo"] = product.channel_no + 1
    return ORJSONResponse(answer)


@router.get("/v2/products/origin-products/{origin_no}")
async def read_product(origin_no: str, request: Request) -> ORJSONResponse:
    return ORJSONResponse(product_view(catalog.get(seller_store(request), _no(origin_no))))


@router.put("/v2/products/origin-products/{origin_no}")
async def update_product(origin_no: str, request: Request) -> ORJSONResponse:
    body = await json_body(request, product_group=True)
    state, store = naver_state(request), seller_store(request)
    with state.lock:
        product = catalog.update(state, store, _no(origin_no), body, state.now_ms())
    return ORJSONResponse({"originProductNo": product.origin_no, "smartstoreChannelProductNo": product.channel_no})


@router.delete("/v2/products/origin-products/{origin_no}")
async def delete_product(origin_no: str, request: Request) -> Response:
    state, store = naver_state(request), seller_store(request)
    with state.lock:
        product = catalog.get(store, _no(origin_no))
        product.status, product.updated_ms = "DELETE", state.now_ms()
    return Response(status_code=200)


@router.put("/v1/products/origin-products/{origin_no}/change-status")
async def change_status(origin_no: str, request: Request) -> ORJSONResponse:
    body = await json_body(request, product_group=True)
    state, store = naver_state(request), seller_store(request)
    with state.lock:
        product = catalog.get(store, _no(origin_no))
        catalog.change_status(product, body, state.now_ms())
    return ORJSONResponse({"originProductNo": product.origin_no, "statusType": product.status})


@router.put("/v1/products/origin-products/{origin_no}/option-stock")
async def option_stock(origin_no: str, request: Request) -> ORJSONResponse:
    body = await json_body(request, product_group=True)
    state, store = naver_state(request), seller_store(request)
    with state.lock:
        product = catalog.get(store, _no(origin_no))
        catalog.option_stock(product, body, state.now_ms())
    return ORJSONResponse({"originProductNo": product.origin_no, "statusType": product.status})


@router.post("/v1/products/search")
async def search_products(request: Request) -> ORJSONResponse:
    body = await json_body(request, product_group=True)
    body = body if isinstance(body, dict) else {}
    page, size = int(body.get("page") or 1), int(body.get("size") or 50)
    if page < 1 or not 1 <= size <= 500:
        raise product_error("page는 1 이상, size는 1~500이어야 합니다.",
                            [{"name": "size", "type": "Range", "message": "1~500"}])
    origin_nos = {int(n) for n in body.get("originProductNos") or []}
    channel_nos = {int(n) for n in body.get("channelProductNos") or []}
    statuses = set(body.get("productStatusTypes") or [])
    seller_code = body.get("sellerManagementCode")
    store = seller_store(request)
    rows = [p for p in sorted(store.products.values(), key=lambda p: p.origin_no)
            if p.status != "DELETE" and (not origin_nos or p.origin_no in origin_nos)
            and (not channel_nos or p.channel_no in channel_nos) and (not statuses or p.status in statuses)
            and (not seller_code or p.seller_code == seller_code)]
    chunk = rows[(page - 1) * size: page * size]
    total_pages = (len(rows) + size - 1) // size
    contents = [search_content(p, BY_ID[p.leaf_category_id].whole_name if p.leaf_category_id in BY_ID else None)
                for p in chunk]
    return ORJSONResponse({"contents": contents, "page": page, "size": size, "totalElements": len(rows),
                           "totalPages": total_pages, "first": page == 1, "last": page >= total_pages,
                           "sort": {"sorted": True, "fields": [{"name": "originProductNo", "direction": "ASC"}]}})


@router.get("/v1/categories")
async def categories(request: Request) -> ORJSONResponse:
    last_only = request.query_params.get("last") == "true"
    return ORJSONResponse([c.as_dict() for c in CATEGORIES if c.last or not last_only])


@router.get("/v1/categories/{category_id}")
async def category(category_id: str) -> ORJSONResponse:
    found = BY_ID.get(category_id)
    if found is None:
        raise NaverError(404, "NOT_FOUND", "카테고리가 존재하지 않습니다.", [])
    return ORJSONResponse(found.as_dict())


@router.get("/v1/categories/{category_id}/sub-categories")
async def sub_categories(category_id: str) -> ORJSONResponse:
    if category_id not in BY_ID:
        raise NaverError(404, "NOT_FOUND", "카테고리가 존재하지 않습니다.", [])
    return ORJSONResponse([c.as_dict() for c in children(category_id)])
