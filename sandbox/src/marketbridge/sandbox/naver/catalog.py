"""Product registration rules of the Naver emulator (v2 origin products, status, option stock)."""

from __future__ import annotations

from typing import Any

from marketbridge.sandbox.naver.categories import BY_ID
from marketbridge.sandbox.naver.errors import NaverError, product_error
from marketbridge.sandbox.naver.models import OptionCombination, Product
from marketbridge.sandbox.naver.state import NaverState
from marketbridge.sandbox.naver.store import SellerStore

MAX_PRICE = 999_999_990
MAX_STOCK = 99_999_999
MAX_COMBINATIONS = 500


class _Invalid:
    def __init__(self) -> None:
        self.items: list[dict[str, str]] = []

    def add(self, name: str, kind: str, message: str) -> None:
        self.items.append({"name": name, "type": kind, "message": message})

    def raise_if_any(self) -> None:
        if self.items:
            raise product_error("상품 정보가 올바르지 않습니다. invalidInputs를 확인해 주세요.", self.items)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def option_price_range(sale_price: int) -> tuple[int, int]:
    """Option surcharge bounds by sale price (below 2,000: 0..+100 %; below 10,000: -50..+100 %;
    from 10,000: -50..+50 %)."""
    if sale_price < 2000:
        return 0, sale_price
    if sale_price < 10000:
        return -(sale_price // 2), sale_price
    return -(sale_price // 2), sale_price // 2


def _options(origin: dict[str, Any], sale_price: int | None, bad: _Invalid
             ) -> tuple[tuple[str, ...], list[tuple[int | None, tuple[str, ...], int, int, str | None, bool]]]:
    info = (origin.get("detailAttribute") or {}).get("optionInfo") or {}
    combos = info.get("optionCombinations") or []
    if not combos:
        return (), []
    prefix = "originProduct.detailAttribute.optionInfo"
    names = info.get("optionCombinationGroupNames") or {}
    groups = tuple(str(names[k]) for k in ("optionGroupName1", "optionGroupName2", "optionGroupName3")
                   if isinstance(names.get(k), str) and names[k].strip())
    if not groups:
        bad.add(f"{prefix}.optionCombinationGroupNames.optionGroupName1", "NotBlank", "조합형 옵션명을 입력해 주세요.")
    if not isinstance(combos, list) or len(combos) > MAX_COMBINATIONS:
        bad.add(f"{prefix}.optionCombinations", "Size", f"조합형 옵션은 최대 {MAX_COMBINATIONS}개입니다.")
        return groups, []
    low, high = option_price_range(sale_price or 0)
    parsed: list[tuple[int | None, tuple[str, ...], int, int, str | None, bool]] = []
    seen: set[tuple[str, ...]] = set()
    for i, combo in enumerate(combos):
        where = f"{prefix}.optionCombinations[{i}]"
        values = tuple(str(combo.get(f"optionName{n}") or "").strip() for n in range(1, len(groups) + 1))
        if not groups or any(not v for v in values):
            bad.add(f"{where}.optionName1", "NotBlank", "조합형 옵션값을 입력해 주세요.")
            continue
        if values in seen:
            bad.add(where, "Duplicated", f"중복된 옵션값입니다: {'/'.join(values)}")
        seen.add(values)
        stock = _int(combo.get("stockQuantity", 0))
        price = _int(combo.get("price", 0))
        if stock is None or not 0 <= stock <= MAX_STOCK:
            bad.add(f"{where}.stockQuantity", "Range", f"재고 수량은 0~{MAX_STOCK} 사이여야 합니다.")
            stock = 0
        if price is None or (sale_price is not None and not low <= price <= high):
            bad.add(f"{where}.price", "Range", f"옵션가는 {low}~{high}원 사이여야 합니다.")
            price = 0
        code = combo.get("sellerManagerCode")
        parsed.append((_int(combo.get("id")), values, stock, price, str(code) if code else None,
                       combo.get("usable", True) is not False))
    return groups, parsed


def validate(body: Any, *, creating: bool) -> tuple[dict[str, Any], dict[str, Any], Any, Any]:
    bad = _Invalid()
    origin = body.get("originProduct") if isinstance(body, dict) else None
    if not isinstance(origin, dict):
        bad.add("originProduct", "NotNull", "원상품 정보를 입력해 주세요.")
        bad.raise_if_any()
    assert isinstance(body, dict) and isinstance(origin, dict)
    status = origin.get("statusType")
    allowed = ("SALE", "SUSPENSION")
    if status not in allowed:
        bad.add("originProduct.statusType", "InvalidValue",
                "상품 등록 시 판매 상태는 SALE만 입력할 수 있습니다." if creating
                else "상품 수정 시 판매 상태는 SALE, SUSPENSION만 입력할 수 있습니다.")
    name = origin.get("name")
    if not isinstance(name, str) or not name.strip():
        bad.add("originProduct.name", "NotBlank", "상품명을 입력해 주세요.")
    elif len(name) > 100:
        bad.add("originProduct.name", "Size", "상품명은 100자 이내로 입력해 주세요.")
    category = origin.get("leafCategoryId")
    if category is not None or creating:
        leaf = BY_ID.get(str(category))
        if leaf is None or not leaf.last:
            bad.add("originProduct.leafCategoryId", "InvalidCategory", "유효한 리프 카테고리 ID를 입력해 주세요.")
    price = _int(origin.get("salePrice"))
    if price is None or not 10 <= price <= MAX_PRICE:
        bad.add("originProduct.salePrice", "Range", f"판매가는 10~{MAX_PRICE}원 사이여야 합니다.")
    raw_stock = origin.get("stockQuantity")
    stock = _int(raw_stock)
    if (raw_stock is not None or creating) and (stock is None or not 0 <= stock <= MAX_STOCK):
        bad.add("originProduct.stockQuantity", "Range", f"재고 수량은 0~{MAX_STOCK} 사이여야 합니다.")
    if creating:
        _require_content(origin, body, bad)
    groups, options = _options(origin, price, bad)
    bad.raise_if_any()
    channel = body.get("smartstoreChannelProduct") or {}
    return origin, channel, groups, options


def _require_content(origin: dict[str, Any], body: dict[str, Any], bad: _Invalid) -> None:
    if not isinstance(origin.get("detailContent"), str) or not origin["detailContent"].strip():
        bad.add("originProduct.detailContent", "NotBlank", "상품 상세 정보를 입력해 주세요.")
    image = ((origin.get("images") or {}).get("representativeImage") or {}).get("url")
    if not isinstance(image, str) or not image:
        bad.add("originProduct.images.representativeImage.url", "NotBlank", "대표 이미지를 입력해 주세요.")
    detail = origin.get("detailAttribute")
    if not isinstance(detail, dict):
        bad.add("originProduct.detailAttribute", "NotNull", "원상품 상세 속성을 입력해 주세요.")
        return
    after_service = detail.get("afterServiceInfo") or {}
    for key in ("afterServiceTelephoneNumber", "afterServiceGuideContent"):
        if not after_service.get(key):
            bad.add(f"originProduct.detailAttribute.afterServiceInfo.{key}", "NotBlank", "A/S 정보를 입력해 주세요.")
    if not (detail.get("originAreaInfo") or {}).get("originAreaCode"):
        bad.add("originProduct.detailAttribute.originAreaInfo.originAreaCode", "NotBlank", "원산지 정보를 입력해 주세요.")
    if not isinstance(body.get("smartstoreChannelProduct"), dict):
        bad.add("smartstoreChannelProduct", "NotNull", "스마트스토어 채널 상품 정보를 입력해 주세요.")


def _status_for(requested: str, stock: int) -> str:
    return "OUTOFSTOCK" if stock == 0 else ("SUSPENSION" if requested == "SUSPENSION" else "SALE")


def _build_options(state: NaverState, parsed: list[Any], existing: list[OptionCombination]
                   ) -> list[OptionCombination]:
    by_id = {o.id: o for o in existing}
    by_names = {o.names: o for o in existing}
    out: list[OptionCombination] = []
    for option_id, names, stock, price, code, usable in parsed:
        old = by_id.get(option_id) if option_id is not None else by_names.get(names)
        out.append(OptionCombination(old.id if old else state.next_option_id(), names, stock, price, code, usable))
    return out


def create(state: NaverState, store: SellerStore, body: Any, now: int) -> Product:
    origin, channel, groups, parsed = validate(body, creating=True)
    options = _build_options(state, parsed, [])
    stock = sum(o.stock for o in options) if options else int(origin["stockQuantity"])
    seller_code = ((origin.get("detailAttribute") or {}).get("sellerCodeInfo") or {}).get("sellerManagementCode")
    product = Product(state.next_product_no(), state.next_product_no(), store.account_id, origin, channel,
                      _status_for("SALE", stock), origin["name"].strip(), origin["salePrice"], stock,
                      str(origin["leafCategoryId"]), seller_code, groups, options, now, now)
    store.add_product(product)
    return product


def get(store: SellerStore, number: int) -> Product:
    product = store.products.get(number)
    if product is None or product.status == "DELETE":
        raise NaverError(404, "NOT_FOUND", "상품이 존재하지 않습니다.", [])
    return product


def update(state: NaverState, store: SellerStore, number: int, body: Any, now: int) -> Product:
    product = get(store, number)
    origin, channel, groups, parsed = validate(body, creating=False)
    if parsed:
        product.options = _build_options(state, parsed, product.options)
        product.group_names = groups
    stock = sum(o.stock for o in product.options) if product.options else (
        int(origin["stockQuantity"]) if origin.get("stockQuantity") is not None else product.stock)
    merged = dict(product.origin)
    merged.update(origin)
    product.origin, product.name, product.sale_price, product.stock = merged, origin["name"].strip(), \
        origin["salePrice"], stock
    if origin.get("leafCategoryId") is not None:
        product.leaf_category_id = str(origin["leafCategoryId"])
    if channel:
        product.channel = {**product.channel, **channel}
    seller = ((merged.get("detailAttribute") or {}).get("sellerCodeInfo") or {}).get("sellerManagementCode")
    product.seller_code = seller
    product.status = _status_for(origin["statusType"], stock)
    product.updated_ms, product.writes = now, product.writes + 1
    return product


_TRANSITIONS = {"OUTOFSTOCK": {"SALE"}, "SALE": {"SUSPENSION", "OUTOFSTOCK"},
                "SUSPENSION": {"SALE", "OUTOFSTOCK", "WAIT"}}


def change_status(product: Product, body: Any, now: int) -> None:
    target = body.get("statusType") if isinstance(body, dict) else None
    if target not in _TRANSITIONS:
        raise product_error("변경할 수 없는 판매 상태입니다.",
                            [{"name": "statusType", "type": "InvalidValue", "message": "SALE, OUTOFSTOCK, SUSPENSION"}])
    assert isinstance(body, dict)
    if product.status == target:
        return  # same state again: accepted without change (modelled)
    if product.status not in _TRANSITIONS[target]:
        raise product_error(f"{product.status} 상태에서 {target}(으)로 변경할 수 없습니다.",
                            [{"name": "statusType", "type": "InvalidTransition", "message": product.status}])
    stock = _int(body.get("stockQuantity"))
    if target == "SALE" and product.status == "OUTOFSTOCK" and not product.options and not stock:
        raise product_error("품절 상태를 판매 중으로 변경하려면 재고 수량을 입력해 주세요.",
                            [{"name": "stockQuantity", "type": "NotNull", "message": "재고 수량 필수"}])
    if target == "OUTOFSTOCK":
        product.stock = 0
        for option in product.options:
            option.stock = 0
    elif stock is not None and not product.options:
        product.stock = stock
    product.status, product.updated_ms = target, now


def option_stock(product: Product, body: Any, now: int) -> None:
    if not isinstance(body, dict):
        raise product_error("요청 본문이 올바르지 않습니다.")
    bad = _Invalid()
    sale = _int((body.get("productSalePrice") or {}).get("salePrice"))
    if "productSalePrice" in body and (sale is None or not 10 <= sale <= MAX_PRICE):
        bad.add("productSalePrice.salePrice", "Range", f"판매가는 10~{MAX_PRICE}원 사이여야 합니다.")
    combos = (body.get("optionInfo") or {}).get("optionCombinations") or []
    by_id = {o.id: o for o in product.options}
    for i, combo in enumerate(combos):
        if _int(combo.get("id")) not in by_id:
            bad.add(f"optionInfo.optionCombinations[{i}].id", "NotFound", "존재하지 않는 옵션 ID입니다.")
        stock = _int(combo.get("stockQuantity", 0))
        if stock is None or not 0 <= stock <= MAX_STOCK:
            bad.add(f"optionInfo.optionCombinations[{i}].stockQuantity", "Range", "재고 수량 범위를 확인해 주세요.")
    bad.raise_if_any()
    if sale is not None:
        product.sale_price = sale
    for combo in combos:
        option = by_id[combo["id"]]
        option.stock = int(combo.get("stockQuantity", option.stock))
        option.price = int(combo.get("price", option.price))
        option.usable = combo.get("usable", option.usable) is not False
    if product.options:
        product.stock = sum(o.stock for o in product.options if o.usable)
    if product.stock == 0 and product.status == "SALE":
        product.status = "OUTOFSTOCK"
    elif product.stock > 0 and product.status == "OUTOFSTOCK":
        product.status = "SALE"
    product.updated_ms = now
