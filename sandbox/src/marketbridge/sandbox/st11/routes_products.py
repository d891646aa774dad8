"""Product services of the 11번가 emulator: register / modify / read / search (modelled body), sale
stop and restart, option stock rows, price, categories."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from fastapi import APIRouter, Request
from marketbridge.sandbox.st11 import catalog
from marketbridge.sandbox.st11.catalog import ProductRefused
from marketbridge.sandbox.st11.common import parse_xml, seller_data, st11_state, text_of
from marketbridge.sandbox.st11.models import Product, SellerData
from marketbridge.sandbox.st11.xmlfmt import client_message, fields, ns_list, product_fields
from starlette.responses import Response

router = APIRouter()


async def _product_xml(request: Request) -> tuple[ET.Element, str]:
    raw = await request.body()
    try:
        node = parse_xml(raw)
    except (ET.ParseError, UnicodeDecodeError, LookupError) as exc:
        raise ProductRefused(500, f"요청 XML을 해석할 수 없습니다: {exc}") from None
    return node, ET.tostring(node, encoding="unicode")


def _owned(data: SellerData, prd_no: int) -> Product:
    product = data.products.get(prd_no)
    if product is None:
        raise ProductRefused(404, f"상품번호 [{prd_no}] 에 해당하는 상품이 없습니다.")
    return product


def _refused(error: ProductRefused) -> Response:
    return client_message(error.code, error.message)


@router.post("/prodservices/product")
async def register(request: Request) -> Response:
    state, data = st11_state(request), seller_data(request)
    try:
        node, raw = await _product_xml(request)
        with state.lock:
            product = catalog.build(state, data, node, raw, None)
            data.products[product.prd_no] = product
    except ProductRefused as error:
        return _refused(error)
    return client_message(200, "상품이 정상적으로 등록되었습니다.", product.prd_no)


@router.put("/prodservices/product/{prd_no}")
async def modify(prd_no: int, request: Request) -> Response:
    state, data = st11_state(request), seller_data(request)
    try:
        node, raw = await _product_xml(request)
        with state.lock:
            catalog.build(state, data, node, raw, prd_no)
    except ProductRefused as error:
        return _refused(error)
    return client_message(200, "상품이 정상적으로 수정되었습니다.", prd_no)


@router.get("/prodmarketservice/prodmarket/{prd_no}")
async def read(prd_no: int, request: Request) -> Response:
    try:
        product = _owned(seller_data(request), prd_no)
    except ProductRefused as error:
        return _refused(error)
    return ns_list("products", "product", [product_fields(product)])


@router.post("/prodmarketservice/prodmarket")
async def search(request: Request) -> Response:
    """Multi-product search; body `<SearchProduct><start>0</start><limit>100</limit></SearchProduct>` (modelled)."""
    try:
        node, _ = await _product_xml(request)
    except ProductRefused as error:
        return _refused(error)
    start, limit = int(text_of(node, "start", "0") or 0), min(int(text_of(node, "limit", "100") or 100), 500)
    products = sorted(seller_data(request).products.values(), key=lambda p: p.prd_no)[start : start + limit]
    return ns_list("products", "product", [product_fields(p) for p in products])


def _set_status(request: Request, prd_no: int, status: str, message: str) -> Response:
    try:
        product = _owned(seller_data(request), prd_no)
    except ProductRefused as error:
        return _refused(error)
    product.status = status
    return client_message(200, f"{message} [STAT : {status}]", prd_no)


@router.put("/prodstatservice/stat/stopdisplay/{prd_no}")
async def stop_display(prd_no: int, request: Request) -> Response:
    return _set_status(request, prd_no, "105", "판매중지 처리되었습니다.")


@router.put("/prodstatservice/stat/restartdisplay/{prd_no}")
async def restart_display(prd_no: int, request: Request) -> Response:
    return _set_status(request, prd_no, "103", "판매재개 처리되었습니다.")


@router.get("/prodmarketservice/prodmarket/stck/{prd_no}")
async def stocks(prd_no: int, request: Request) -> Response:
    try:
        product = _owned(seller_data(request), prd_no)
    except ProductRefused as error:
        return _refused(error)
    rows = [
        fields(
            (
                ("prdNo", prd_no),
                ("prdStckNo", s.stck_no),
                ("mixDtlOptNm", s.name),
                ("addPrc", s.price),
                ("stckQty", s.qty),
                ("sellerStockCd", s.seller_code or ""),
            )
        )
        for s in product.stocks
    ]
    return ns_list("ProductStocks", "ProductStock", rows)


@router.put("/prodservices/stockqty/{stck_no}")
async def stock_qty(stck_no: int, request: Request) -> Response:
    """Body `<ProductStock><prdNo/><prdStckNo/><stckQty/></ProductStock>` (element names modelled)."""
    data = seller_data(request)
    try:
        node, _ = await _product_xml(request)
        product = _owned(data, int(text_of(node, "prdNo") or 0))
        row = next((s for s in product.stocks if s.stck_no == stck_no), None)
        if row is None:
            raise ProductRefused(404, f"재고번호 [{stck_no}] 에 해당하는 옵션이 없습니다.")
        qty = int(text_of(node, "stckQty") or -1)
        if qty < 0:
            raise ProductRefused(500, "재고수량(stckQty)이 올바르지 않습니다.")
    except (ProductRefused, ValueError) as error:
        return _refused(error if isinstance(error, ProductRefused) else ProductRefused(500, str(error)))
    row.qty = qty
    return client_message(200, "재고수량이 수정되었습니다.", product.prd_no)


@router.get("/prodservices/product/price/{prd_no}/{price}")
async def change_price(prd_no: int, price: int, request: Request) -> Response:
    try:
        product = _owned(seller_data(request), prd_no)
        if price < 10 or price % 10:
            raise ProductRefused(500, "판매가(selPrc)는 10원 단위로 10원 이상 입력해 주세요.")
    except ProductRefused as error:
        return _refused(error)
    product.sel_prc = price
    return client_message(200, "판매가가 수정되었습니다.", prd_no)


@router.get("/cateservice/category")
async def categories(request: Request) -> Response:
    rows = [
        fields(
            (
                ("depth", len(no) // 2 - 1),
                ("dispNm", name),
                ("dispNo", no),
                ("parentDispNo", parent or "0"),
                ("leafYn", "Y" if leaf else "N"),
            )
        )
        for no, name, parent, leaf in catalog.CATEGORIES
    ]
    return ns_list("categorys", "category", rows)
