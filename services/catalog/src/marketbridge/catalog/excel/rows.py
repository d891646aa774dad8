"""One sheet row ↔ the fields of a register/revise command. Reading reports cell-format problems as
DomainErrors whose field is the column key; the domain then checks the rules."""

from __future__ import annotations

import math
from typing import Any

from marketbridge.catalog.domain import CombinationOptions, Product, generate_rows
from marketbridge.catalog.domain.option_rules import MAX_OPTION_ROWS
from marketbridge.catalog.domain.options import OptionName
from marketbridge.catalog.domain.problems import violation
from marketbridge.catalog.domain.reference import NoticeGroupInfo
from marketbridge.catalog.excel import columns as col
from marketbridge.catalog.reference import ShippedReference
from marketbridge.runtime.errors import DomainError


class CellError(Exception):
    pass


def text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _items(cell: str) -> list[list[str]]:
    return [[p.strip() for p in item.split(":")] for item in cell.replace("\n", "|").split("|") if item.strip()]


def _int(cell: str, what: str) -> int:
    try:
        return int(cell.replace(",", ""))
    except ValueError as exc:
        raise CellError(f"{what}은(는) 숫자(정수)로 입력해 주세요: '{cell}'") from exc


def _choice(cell: str, choices: dict[str, Any], what: str) -> Any:
    if cell not in choices:
        raise CellError(f"{what}은(는) {'/'.join(choices)} 중에서 선택해 주세요: '{cell}'")
    return choices[cell]


class RowReader:
    """Reads one row (`{column key: cell value}`) into command fields; `errors` name the column."""

    def __init__(self, reference: ShippedReference) -> None:
        self.reference = reference
        self.groups_by_name = {g.name: g for g in reference.notice_groups.values()}

    def read(self, raw: dict[str, object], *, updating: bool) -> tuple[dict[str, Any], list[DomainError]]:
        cells = {k: text(v) for k, v in raw.items()}
        fields: dict[str, Any] = {}
        errors: list[DomainError] = []
        for key, parse in self._parsers():
            try:
                parse(cells, fields)
            except CellError as exc:
                errors.append(violation("EXCEL_CELL_INVALID", key, None, f"[{col.BY_KEY[key].header}] {exc}"))
        if not updating:
            fields = {k: v for k, v in fields.items() if v is not None}
        return fields, errors

    def _parsers(self) -> list[tuple[str, Any]]:
        return [
            ("price", lambda c, f: f.update(price=_int(c["price"], "대표가격") if c["price"] else None)),
            ("status", lambda c, f: f.update(status=_choice(c["status"] or "판매가능", col.STATUS, "상품상태"))),
            ("tax_type", lambda c, f: f.update(tax_type=_choice(c["tax_type"] or "과세", col.TAX, "과세구분"))),
            (
                "model_no_is_isbn",
                lambda c, f: f.update(model_no_is_isbn=_choice(c["model_no_is_isbn"] or "N", col.YES_NO, "ISBN여부")),
            ),
            ("adult_only", lambda c, f: f.update(adult_only=_choice(c["adult_only"] or "N", col.YES_NO, "성인인증"))),
            (
                "sales_region",
                lambda c, f: f.update(sales_region=_choice(c["sales_region"] or "전국", col.REGION, "판매지역")),
            ),
            (
                "option_mode",
                lambda c, f: f.update(
                    option_mode=_choice(c["option_mode"] or "오픈마켓용", col.OPTION_MODE, "옵션사용범위")
                ),
            ),
            ("name", self._texts),
            ("origin_type", self._origin),
            ("certifications", self._certifications),
            ("notice_fields", self._notice),
            ("option_rows", self._options),
            ("stock", lambda c, f: f.update(stock=_int(c["stock"], "재고수량") if c["stock"] else None)),
            ("add_ons", _add_ons_cell),
        ]

    @staticmethod
    def _texts(c: dict[str, str], f: dict[str, Any]) -> None:
        for key in (
            "name",
            "category_id",
            "seller_product_code",
            "model_name",
            "model_no",
            "manufactured_on",
            "expires_on",
        ):
            f[key] = c[key] or None
        f["name"], f["category_id"] = c["name"], c["category_id"]
        f["manufacturer"], f["brand"] = c["manufacturer"], c["brand"]  # blank: the company name (CAT-MFR-1)
        f["keywords"] = c["keywords"]
        if c["detail_html"] != col.KEEP:
            f["detail_html"] = c["detail_html"]

    @staticmethod
    def _origin(c: dict[str, str], f: dict[str, Any]) -> None:
        kind = _choice(c["origin_type"] or "원산지표시대상아님", col.ORIGIN, "원산지구분")
        materials = []
        for parts in _items(c["raw_materials"]):
            if len(parts) != 3:
                raise CellError(f"원재료는 원료명:원산지:함량 으로 입력해 주세요: '{':'.join(parts)}'")
            try:
                percent = float(parts[2].rstrip("%"))
            except ValueError as exc:
                raise CellError(f"원재료 함량은 숫자로 입력해 주세요: '{parts[2]}'") from exc
            materials.append({"name": parts[0], "origin": parts[1], "content_percent": percent})
        f["origin"] = {"type": kind, "place": c["origin_place"] or None, "raw_materials": materials}

    @staticmethod
    def _certifications(c: dict[str, str], f: dict[str, Any]) -> None:
        certs = []
        for parts in _items(c["certifications"]):
            if len(parts) != 4:
                raise CellError(f"인증정보는 구분:유형:인증기관:인증번호 로 입력해 주세요: '{':'.join(parts)}'")
            group = _choice(parts[0], col.CERT_GROUP, "인증 구분")
            certs.append({"group": group, "type": parts[1], "body": parts[2], "number": parts[3]})
        f["certifications"] = certs

    def _notice(self, c: dict[str, str], f: dict[str, Any]) -> None:
        name = c["notice_group"]
        if not name:
            f["notice"] = None
            return
        group = self.groups_by_name.get(name) or self.reference.notice_group(name)
        if group is None:
            raise CellError(f"알 수 없는 품목고시 품목입니다: '{name}'")
        f["notice"] = {"group": group.code, "fields": notice_fields(group, c["notice_fields"])}

    @staticmethod
    def _options(c: dict[str, str], f: dict[str, Any]) -> None:
        kind = _choice(c["option_type"] or "없음", col.OPTION_TYPE, "옵션형식")
        pairs = [(c[f"option_name_{i}"], c[f"option_values_{i}"]) for i in (1, 2, 3)]
        pairs = [(n, v) for n, v in pairs if n or v]
        if kind is None:
            f["options"] = None
        elif kind == "buyer_input":
            names = [{"name": n, "max_length": _int(v, "구매자입력형 최대 글자수")} for n, v in pairs]
            f["options"] = {"type": "buyer_input", "names": names}
        else:
            names = [{"name": n, "values": v} for n, v in pairs]
            f["options"] = {"type": "combination", "names": names, "rows": option_rows(names, c)}


def notice_fields(group: NoticeGroupInfo, cell: str) -> dict[str, Any]:
    """`항목명=값|…`; `상세정보 별도표기` as a value sets the flag, and alone it sets it for every field."""
    if cell == col.SEE_DETAIL:
        return {fi.code: {"see_detail": True} for fi in group.fields}
    by_label = {fi.label: fi.code for fi in group.fields} | {fi.code: fi.code for fi in group.fields}
    out: dict[str, Any] = {}
    for item in cell.replace("\n", "|").split("|"):
        if not item.strip():
            continue
        label, sep, value = item.partition("=")
        if not sep:
            raise CellError(f"품목고시내용은 항목명=값 으로 입력해 주세요: '{item.strip()}'")
        code = by_label.get(label.strip(), label.strip())
        value = value.strip()
        out[code] = {"see_detail": True} if value == col.SEE_DETAIL else {"value": value}
    return out


def option_rows(names: list[dict[str, Any]], c: dict[str, str]) -> list[dict[str, Any]]:
    if not c["option_rows"]:
        parsed = [OptionName.model_validate(n) for n in names]
        if not parsed or math.prod(len(n.values) for n in parsed) > MAX_OPTION_ROWS:
            return []  # OPT-2 reports it
        stock = _int(c["option_stock"], "옵션재고") if c["option_stock"] else 1
        return [r.model_dump() for r in generate_rows(parsed, stock=stock)]
    rows = []
    for parts in _items(c["option_rows"]):
        if len(parts) != 4 or parts[1][:1] not in "+-":
            raise CellError(f"옵션상세는 값1/값2:+추가금액:판매여부:재고 로 입력해 주세요: '{':'.join(parts)}'")
        rows.append({
            "values": parts[0].split("/"),
            "sign": parts[1][0],
            "add_price": _int(parts[1][1:] or "0", "추가금액"),
            "sale_flag": _choice(parts[2], col.STATUS, "옵션 판매여부"),
            "stock": _int(parts[3], "옵션 재고"),
        })  # fmt: skip
    return rows


def _add_ons_cell(c: dict[str, str], f: dict[str, Any]) -> None:
    groups: dict[str, list[dict[str, Any]]] = {}
    for parts in _items(c["add_ons"]):
        if len(parts) != 5:
            raise CellError(f"추가상품은 그룹명:상품명:가격:판매여부:재고 로 입력해 주세요: '{':'.join(parts)}'")
        item = {"name": parts[1], "price": _int(parts[2], "추가상품 가격"),
                "sale_flag": _choice(parts[3], col.STATUS, "추가상품 판매여부"), "stock": _int(parts[4], "추가상품 재고")}  # fmt: skip
        groups.setdefault(parts[0], []).append(item)
    f["add_ons"] = [{"name": name, "items": items} for name, items in groups.items()]


def product_cells(p: Product, reference: ShippedReference) -> dict[str, object]:
    """The row of `p` in the export (the same format the importer reads)."""
    status = {v: k for k, v in col.STATUS.items()}
    yes_no = {True: "Y", False: "N"}
    group = reference.notice_group(p.notice.group) if p.notice is not None else None
    cells: dict[str, object] = {
        "product_code": p.product_code, "seller_product_code": p.seller_product_code, "name": p.name,
        "status": status[p.status], "category_id": p.category_id, "price": p.price,
        "tax_type": {v: k for k, v in col.TAX.items()}[p.tax_type], "manufacturer": p.manufacturer, "brand": p.brand,
        "model_name": p.model_name, "model_no": p.model_no, "model_no_is_isbn": yes_no[p.model_no_is_isbn],
        "manufactured_on": p.manufactured_on, "expires_on": p.expires_on,
        "origin_type": {v: k for k, v in col.ORIGIN.items()}[p.origin.type], "origin_place": p.origin.place,
        "raw_materials": "|".join(f"{m.name}:{m.origin}:{m.content_percent:g}" for m in p.origin.raw_materials),
        "certifications": "|".join(
            f"{ {v: k for k, v in col.CERT_GROUP.items()}[c.group]}:{c.type}:{c.body}:{c.number}" for c in p.certifications
        ),
        "notice_group": group.name if group is not None else (p.notice.group if p.notice else None),
        "notice_fields": _notice_cell(p, group),
        "keywords": " ".join(p.keywords),
        "detail_html": p.detail_html if len(p.detail_html) <= col.CELL_MAX else col.KEEP,
        "sales_region": {v: k for k, v in col.REGION.items()}[p.sales_region],
        "adult_only": yes_no[p.adult_only],
        "option_mode": {v: k for k, v in col.OPTION_MODE.items()}[p.option_mode],
        "stock": p.stock,
        "add_ons": "|".join(f"{g.name}:{i.name}:{i.price}:{status[i.sale_flag]}:{i.stock}" for g in p.add_ons for i in g.items),
    }  # fmt: skip
    cells |= _option_cells(p, status)
    return cells


def _notice_cell(p: Product, group: NoticeGroupInfo | None) -> str:
    if p.notice is None:
        return ""
    labels = {f.code: f.label for f in group.fields} if group is not None else {}
    return "|".join(
        f"{labels.get(code, code)}={col.SEE_DETAIL if v.see_detail and not v.value else v.value}"
        for code, v in p.notice.fields.items()
    )


def _option_cells(p: Product, status: dict[str, str]) -> dict[str, object]:
    spec = p.options
    if spec is None:
        return {"option_type": "없음"}
    cells: dict[str, object] = {}
    if isinstance(spec, CombinationOptions):
        cells["option_type"] = "조합형"
        for i, n in enumerate(spec.names, start=1):
            cells[f"option_name_{i}"], cells[f"option_values_{i}"] = n.name, ",".join(n.values)
        cells["option_rows"] = "|".join(
            f"{r.label}:{r.sign}{r.add_price}:{status[r.sale_flag]}:{r.stock}" for r in spec.rows
        )
        return cells
    cells["option_type"] = "구매자입력형"
    for i, b in enumerate(spec.names, start=1):
        cells[f"option_name_{i}"], cells[f"option_values_{i}"] = b.name, b.max_length
    return cells
