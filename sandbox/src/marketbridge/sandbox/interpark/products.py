"""`/openapi/product/ProductAPIService.do`: the seller registers `citeKey`/`secretKey` and a `dataUrl`;
the emulator **fetches** the product XML from that URL (pull model) and answers a `<RESULT>`.

The feed document (modelled on the integrations' field names): `<result><item>` with `prdNo` (updates),
`prdNm`, `omDispNo` (category), `saleUnitcost`, `saleLmtQty`, `saleStatTp`, `originPrdNo` (seller code),
`brandNm`, `zoomImg`, `prdBasisExplanEd`, and `<optList><opt><optNm/><optVal/><optAddPrice/><optQty/>
<optEntrCd/></opt></optList>`. Response shapes and codes are modelled.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import httpx
from fastapi import APIRouter, Request
from marketbridge.sandbox.interpark.gateway import CALLER_KEY
from marketbridge.sandbox.interpark.models import Option, Product, SupplierData
from marketbridge.sandbox.interpark.state import InterparkState
from marketbridge.sandbox.interpark.xmlfmt import fields, result, xml_response
from starlette.responses import Response

router = APIRouter()
CATEGORIES = (
    ("001", "패션의류", "", "N"),
    ("001001", "여성의류", "001", "N"),
    ("001001001", "티셔츠", "001001", "Y"),
    ("001002", "남성의류", "001", "N"),
    ("001002001", "셔츠", "001002", "Y"),
    ("002", "생활용품", "", "N"),
    ("002001", "주방용품", "002", "Y"),
)
LEAVES = frozenset(c[0] for c in CATEGORIES if c[3] == "Y")
FEED_METHODS = frozenset({"InsertProductAPIData", "UpdateProductAPIData", "UpdateProductAPIStatTpQty"})


class Refused(Exception):
    def __init__(self, code: str, message: str | None = None) -> None:
        self.code, self.message = code, message
        super().__init__(code)


def parse_document(raw: bytes) -> ET.Element:
    head = raw[:100].decode("ascii", errors="ignore").lower()
    codec = "cp949" if "euc-kr" in head or "ks_c_5601" in head else "utf-8"
    text = raw.decode(codec)
    if text.startswith("<?xml"):
        text = text[text.index("?>") + 2 :]
    return ET.fromstring(text)


async def fetch(data: SupplierData, url: str) -> ET.Element:
    if not url.startswith(("http://", "https://")):
        raise Refused("400", "dataUrl 은 http(s) URL 이어야 합니다.")
    data.fetches.append(url)
    try:
        async with httpx.AsyncClient(timeout=10.0) as client:
            response = await client.get(url)
    except httpx.HTTPError as exc:
        raise Refused("400", f"상품 데이터(dataUrl)를 가져오지 못했습니다: {type(exc).__name__}") from None
    if response.status_code != 200:
        raise Refused("400", f"상품 데이터(dataUrl) 응답 오류: HTTP {response.status_code}")
    try:
        return parse_document(response.content)
    except (ET.ParseError, UnicodeDecodeError, ValueError) as exc:
        raise Refused("401", f"상품 데이터 XML 오류입니다: {exc}") from None


def _text(node: ET.Element, name: str) -> str | None:
    found = node.find(name)
    return None if found is None else (found.text or "").strip()


def _int(node: ET.Element, name: str) -> int | None:
    value = _text(node, name)
    if value is None or value == "":
        return None
    try:
        return int(value)
    except ValueError:
        raise Refused("401", f"{name} 값이 올바르지 않습니다.") from None


def _options(state: InterparkState, item: ET.Element) -> list[Option] | None:
    opts = item.find("optList")
    if opts is None:
        return None
    return [
        Option(
            state.next_small(),
            _text(o, "optNm") or "옵션",
            _text(o, "optVal") or "",
            _int(o, "optAddPrice") or 0,
            _int(o, "optQty") or 0,
            _text(o, "optEntrCd") or None,
        )
        for o in opts.findall("opt")
    ]


def _apply(product: Product, state: InterparkState, item: ET.Element) -> None:
    name, category, price = _text(item, "prdNm"), _text(item, "omDispNo"), _int(item, "saleUnitcost")
    if name is not None:
        if not name or len(name) > 100:
            raise Refused("401", "상품명(prdNm)은 1~100자로 입력해 주세요.")
        product.name = name
    if category is not None:
        if category not in LEAVES:
            raise Refused("401", f"전시카테고리(omDispNo) [{category}] 를 사용할 수 없습니다.")
        product.category = category
    if price is not None:
        if price < 10:
            raise Refused("401", "판매가(saleUnitcost)는 10원 이상이어야 합니다.")
        product.price = price
    qty, status, code = _int(item, "saleLmtQty"), _text(item, "saleStatTp"), _text(item, "originPrdNo")
    product.qty = qty if qty is not None else product.qty
    product.status = status or product.status
    product.seller_code = code if code is not None else product.seller_code
    options = _options(state, item)
    if options is not None:
        product.options = options


def _stat_qty(product: Product, item: ET.Element) -> None:
    status, qty = _text(item, "saleStatTp"), _int(item, "saleLmtQty")
    if status is not None:
        if status not in ("01", "02", "03"):
            raise Refused("401", "판매상태(saleStatTp)는 01, 02, 03 중 하나입니다.")
        product.status = status
    product.qty = qty if qty is not None else product.qty
    opts = item.find("optList")
    for o in opts.findall("opt") if opts is not None else ():
        code, value, quantity = _text(o, "optEntrCd"), _text(o, "optVal"), _int(o, "optQty")
        target = next((x for x in product.options if (code and x.seller_code == code) or x.value == value), None)
        if target is None or quantity is None:
            raise Refused("402", f"옵션 [{code or value}] 을 찾을 수 없습니다.")
        target.qty = quantity


def apply_feed(state: InterparkState, data: SupplierData, method: str, doc: ET.Element) -> int:
    item = doc.find("item")
    if item is None:
        raise Refused("401", "상품 데이터에 item 이 없습니다.")
    if method == "InsertProductAPIData":
        if not _text(item, "prdNm") or not _text(item, "omDispNo") or _int(item, "saleUnitcost") is None:
            raise Refused("401", "prdNm, omDispNo, saleUnitcost 는 필수입니다.")
        product = Product(
            state.next_prd_no(), data.supplier.entr_id, "", None, 0, 0, "", [], ET.tostring(doc, encoding="unicode")
        )
        _apply(product, state, item)
        data.products[product.prd_no] = product
        return product.prd_no
    found = data.products.get(_int(item, "prdNo") or 0)
    if found is None:
        raise Refused("402")
    product = found
    if method == "UpdateProductAPIData":
        _apply(product, state, item)
        product.xml, product.writes = ET.tostring(doc, encoding="unicode"), product.writes + 1
    else:
        _stat_qty(product, item)
    return product.prd_no


@router.api_route("/openapi/product/ProductAPIService.do", methods=["GET", "POST"])
async def product_api(request: Request) -> Response:
    state: InterparkState = request.app.state.interpark
    params = dict(request.query_params)
    if request.method == "POST":
        params.update({k: str(v) for k, v in (await request.form()).items()})
    supplier = state.product_caller(params.get("citeKey", ""), params.get("secretKey", ""))
    if supplier is None:
        return result("110")
    request.scope[CALLER_KEY] = supplier.entr_id
    if not state.limiter.take(supplier.entr_id, "product")[0]:
        return result("900", status=429)
    data, method = state.data[supplier.entr_id], params.get("_method", "")
    try:
        if method in FEED_METHODS:
            doc = await fetch(data, params.get("dataUrl", ""))
            with state.lock:
                prd_no = apply_feed(state, data, method, doc)
            return result("000", PRD_NO=prd_no)
        if method == "GetBasicCategoryForAPI":
            rows = "".join(
                f"<category>{fields(zip(('dispNo', 'dispNm', 'parentDispNo', 'leafYn'), c, strict=True))}</category>"
                for c in CATEGORIES
            )
            return xml_response(f"<result><RESULT><CODE>000</CODE><MESSAGE/></RESULT>{rows}</result>")
        if method == "GetPrdSaleQtyForAPI":
            number = params.get("prdNo", "")
            product = data.products.get(int(number)) if number.isdigit() else None
            if product is None:
                raise Refused("402")
            return result("000", PRD_NO=product.prd_no, SALE_STAT_TP=product.status, SALE_QTY=product.qty)
        raise Refused("990")
    except Refused as refused:
        return result(refused.code, refused.message)
