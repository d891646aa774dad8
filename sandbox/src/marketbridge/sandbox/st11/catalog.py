"""Products of the 11번가 emulator: `<Product>` XML in, `<ClientMessage>` out; sale status, stock rows,
price, and a small category tree (`/cateservice/category`; node element names are modelled)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from marketbridge.sandbox.st11.common import text_of
from marketbridge.sandbox.st11.models import Product, SellerData, StockRow
from marketbridge.sandbox.st11.state import St11State

MAX_OPTIONS = 99  # "옵션은 100개 이상 등록할 수 없습니다" (OPT-7: 100 or more are refused)
MAX_NAME = 100
# (dispNo, name, parent, leaf)
CATEGORIES: tuple[tuple[str, str, str | None, bool], ...] = (
    ("1001", "패션의류", None, False),
    ("100101", "여성의류", "1001", False),
    ("10010101", "티셔츠", "100101", True),
    ("10010102", "원피스", "100101", True),
    ("100102", "남성의류", "1001", False),
    ("10010201", "셔츠", "100102", True),
    ("1002", "생활/주방", None, False),
    ("100201", "주방용품", "1002", False),
    ("10020101", "냄비/프라이팬", "100201", True),
    ("10020102", "수납/정리", "100201", True),
    ("1003", "식품", None, False),
    ("100301", "가공식품", "1003", False),
    ("10030101", "과자/간식", "100301", True),
)
LEAVES = frozenset(c[0] for c in CATEGORIES if c[3])


class ProductRefused(Exception):
    def __init__(self, code: int, message: str) -> None:
        self.code, self.message = code, message
        super().__init__(message)


def _int(node: ET.Element, name: str, default: int | None = None) -> int:
    raw = text_of(node, name)
    if not raw:
        if default is None:
            raise ProductRefused(500, f"{name} 값은 필수입니다.")
        return default
    try:
        return int(raw)
    except ValueError:
        raise ProductRefused(500, f"{name} 값이 올바르지 않습니다.") from None


def _stocks(state: St11State, node: ET.Element, total: int) -> tuple[list[StockRow], bool]:
    rows = node.findall("ProductOption")
    if not rows:
        return [StockRow(state.next_small(), "", 0, total)], False
    if len(rows) > MAX_OPTIONS:
        raise ProductRefused(500, f"옵션은 100개 이상 등록할 수 없습니다. (요청 옵션 수: {len(rows)}개)")
    titles = [t.strip() for t in text_of(node, "colTitle").split(",") if t.strip()]
    out: list[StockRow] = []
    for row in rows:
        values = [text_of(row, f"colValue{i}") for i in range(max(len(titles), 1))]
        name = ",".join(f"{t}:{v}" for t, v in zip(titles, values, strict=False)) if titles else values[0]
        out.append(
            StockRow(
                state.next_small(),
                name,
                _int(row, "colOptPrice", 0),
                _int(row, "colCount", 0),
                text_of(row, "colSellerStockCd") or None,
            )
        )
    return out, True


def build(state: St11State, data: SellerData, node: ET.Element, raw: str, prd_no: int | None) -> Product:
    if node.tag != "Product":
        raise ProductRefused(500, "요청 XML의 최상위 요소는 Product 이어야 합니다.")
    name = text_of(node, "prdNm")
    if not name or len(name) > MAX_NAME:
        raise ProductRefused(500, f"상품명(prdNm)은 1~{MAX_NAME}자로 입력해 주세요.")
    category = text_of(node, "dispCtgrNo")
    if category not in LEAVES:
        raise ProductRefused(500, f"전시카테고리 번호(dispCtgrNo) [{category}] 는 사용할 수 없는 카테고리입니다.")
    price = _int(node, "selPrc")
    if price < 10 or price % 10:
        raise ProductRefused(500, "판매가(selPrc)는 10원 단위로 10원 이상 입력해 주세요.")
    stocks, has_options = _stocks(state, node, _int(node, "prdSelQty", 0))
    seller_code = text_of(node, "sellerPrdCd") or None
    if prd_no is None:
        return Product(
            state.next_prd_no(), data.seller.seller_id, name, seller_code, price, category, stocks, has_options, raw
        )
    product = data.products.get(prd_no)
    if product is None:
        raise ProductRefused(404, f"상품번호 [{prd_no}] 에 해당하는 상품이 없습니다.")
    product.name, product.seller_prd_cd, product.sel_prc, product.category = name, seller_code, price, category
    product.stocks, product.has_options, product.xml = stocks, has_options, raw
    product.writes += 1
    return product
