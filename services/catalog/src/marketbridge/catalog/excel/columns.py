"""The columns of the product sheet: Korean header, the domain field they feed, the choices of enumerations
(shown as drop-down lists) and a one-line guide (the sheet's second row).

Cells holding lists use `|` between items (or new lines) and `:` between the parts of an item, e.g.
추가상품 `자물쇠그룹:번호키:1000:판매가능:10|자물쇠그룹:자물쇠:2000:판매가능:5`."""

from __future__ import annotations

from dataclasses import dataclass

from marketbridge.catalog.domain.fields import SALES_REGION_LABELS

KEEP = "[유지]"  # 상품대량수정: leave this field as it is (used for detail HTML longer than a cell can hold)
EXAMPLE_MARK = "예시"  # a row whose 상품코드 cell says 예시 is the template's example and is skipped
SEE_DETAIL = "상세정보 별도표기"
CELL_MAX = 32_000  # Excel's cell limit is 32,767 characters

STATUS = {"판매가능": "sellable", "판매불가": "unsellable"}
TAX = {"과세": "taxable", "비과세": "exempt"}
ORIGIN = {"농산물": "agricultural", "수산물": "fishery", "가공품": "processed", "원산지표시대상아님": "not_subject"}
CERT_GROUP = {
    "생활용품": "living",
    "전기용품": "electrical",
    "어린이제품": "children",
    "방송통신기자재": "broadcasting",
    "기타": "other",
}
REGION = {label: code for code, label in SALES_REGION_LABELS.items()}
YES_NO = {"Y": True, "N": False}
OPTION_TYPE = {"없음": None, "조합형": "combination", "구매자입력형": "buyer_input"}
OPTION_MODE = {"오픈마켓용": "open_market", "종합몰포함": "all_malls"}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    guide: str
    choices: tuple[str, ...] = ()
    required: bool = False
    width: int = 14


COLUMNS: tuple[Column, ...] = (
    Column("product_code", "상품코드", "수정 시 필수, 등록 시 비움(자동 부여)", width=17),
    Column("seller_product_code", "자체상품코드", "10자 이내, 중복 불가"),
    Column("name", "상품명", "한글 20자/영문 40자, 특수문자는 ( ) / + - ~ 만", required=True, width=30),
    Column("status", "상품상태", "판매가능/판매불가", tuple(STATUS), required=True),
    Column("category_id", "카테고리코드", "'카테고리' 시트의 최하위 분류 코드", required=True),
    Column("price", "대표가격", "원, 정수", required=True),
    Column("tax_type", "과세구분", "과세/비과세", tuple(TAX), required=True),
    Column("manufacturer", "제조사", "비우면 회사명"),
    Column("brand", "브랜드", "비우면 회사명"),
    Column("model_name", "모델명", "30자 이내"),
    Column("model_no", "모델NO", "30자 이내"),
    Column("model_no_is_isbn", "ISBN여부", "Y/N", tuple(YES_NO)),
    Column("manufactured_on", "제조일자", "yyyyMMdd"),
    Column("expires_on", "유효일자", "yyyyMMdd"),
    Column("origin_type", "원산지구분", "농산물/수산물/가공품/원산지표시대상아님", tuple(ORIGIN), required=True),
    Column("origin_place", "원산지", "농산물·수산물: 예) 국산"),
    Column("raw_materials", "원재료", "가공품: 원료명:원산지:함량|…", width=24),
    Column("certifications", "인증정보", "구분:유형:인증기관:인증번호|… (최대 5개)", width=24),
    Column("notice_group", "품목고시품목", "'품목고시' 시트의 품목명", required=True, width=20),
    Column("notice_fields", "품목고시내용", f"항목명=값|… 또는 값 대신 '{SEE_DETAIL}'", required=True, width=40),
    Column("keywords", "상품키워드", "공백으로 구분"),
    Column("detail_html", "상품상세", "HTML", width=30),
    Column("sales_region", "판매지역", "전국 또는 시/도", tuple(REGION), required=True),
    Column("adult_only", "성인인증", "Y/N", tuple(YES_NO)),
    Column("option_type", "옵션형식", "없음/조합형/구매자입력형", tuple(OPTION_TYPE)),
    Column("option_mode", "옵션사용범위", "오픈마켓용/종합몰포함", tuple(OPTION_MODE)),
    Column("option_name_1", "옵션명1", "예) 색상"),
    Column("option_values_1", "옵션값1", "쉼표로 구분 (구매자입력형: 최대 글자수)"),
    Column("option_name_2", "옵션명2", ""),
    Column("option_values_2", "옵션값2", ""),
    Column("option_name_3", "옵션명3", ""),
    Column("option_values_3", "옵션값3", ""),
    Column("option_rows", "옵션상세", "값1/값2:+추가금액:판매여부:재고|… 비우면 모든 조합 +0원", width=30),
    Column("option_stock", "옵션재고", "옵션상세를 비웠을 때 조합별 재고"),
    Column("stock", "재고수량", "옵션이 없거나 구매자입력형일 때"),
    Column("add_ons", "추가상품", "그룹명:상품명:가격:판매여부:재고|…", width=30),
)
HEADERS = tuple(c.header for c in COLUMNS)
BY_KEY = {c.key: c for c in COLUMNS}

# Domain error fields → the column a seller fixes (longest prefix wins).
FIELD_COLUMNS: dict[str, str] = {
    "product_code": "product_code",
    "seller_product_code": "seller_product_code",
    "name": "name",
    "status": "status",
    "category_id": "category_id",
    "price": "price",
    "tax_type": "tax_type",
    "manufacturer": "manufacturer",
    "brand": "brand",
    "model_name": "model_name",
    "model_no": "model_no",
    "manufactured_on": "manufactured_on",
    "expires_on": "expires_on",
    "origin": "origin_type",
    "origin.place": "origin_place",
    "origin.raw_materials": "raw_materials",
    "certifications": "certifications",
    "notice": "notice_fields",
    "notice.group": "notice_group",
    "keywords": "keywords",
    "detail_html": "detail_html",
    "sales_region": "sales_region",
    "adult_only": "adult_only",
    "option_mode": "option_mode",
    "options": "option_rows",
    "options.names": "option_name_1",
    "stock": "stock",
    "add_ons": "add_ons",
}


def column_of(field: str | None) -> Column | None:
    if not field:
        return None
    best = max((p for p in FIELD_COLUMNS if field == p or field.startswith((p + ".", p + "["))), key=len, default=None)
    return BY_KEY[FIELD_COLUMNS[best]] if best else None
