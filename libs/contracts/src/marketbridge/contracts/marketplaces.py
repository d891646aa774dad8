"""The capability matrix: static facts about each marketplace (SEED-SPEC §9, spec/marketplaces.md and what
each adapter found), the one source of truth that listing and fulfillment consult to refuse unsupported
actions up front, and that `GET /api/v1/marketplaces` serves. Data only."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

MarketplaceType = Literal["open_market", "general_mall"]
OPERATIONS = (
    "publish_listing",
    "update_listing",
    "update_price_stock",
    "end_sale",
    "fetch_categories",
    "import_listings",
    "fetch_orders",
    "acknowledge",
    "dispatch",
    "delay_dispatch",
    "cancel_by_seller",
    "fetch_claims",
    "decide_claim",
    "fetch_inquiries",
    "answer_inquiry",
    "fetch_notices",
)
GENERAL_MALL_CANCEL = "종합몰은 판매취소를 지원하지 않습니다. 고객 또는 제휴몰 MD와 협의해 주세요. (ORD-CANCEL-2)"


class MarketplaceInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str  # our routing code (lower snake): naver, coupang, st11, gmarket, auction, ...
    name_ko: str
    type: MarketplaceType
    option_prices: bool  # OPT-1: 종합몰 ignore per-option prices
    add_on_products: bool  # ADD-3
    seller_cancel: bool  # ORD-CANCEL-2
    max_options: int | None = None  # OPT-7: 11번가 fewer than 100
    transport: str = ""
    auth: str = ""
    rate_limit: str = ""
    windows: dict[str, str] = Field(default_factory=dict)
    limits: dict[str, str] = Field(default_factory=dict)
    # operations the marketplace does not offer, with the Korean reason shown to the seller
    unsupported: dict[str, str] = Field(default_factory=dict)
    modelled: bool = False  # True when the public record is silent and the dialect is our invention
    # INV-2: our carrier codes (fulfillment's `Carrier`) the marketplace takes, and whether others are looked
    # up by name on the marketplace's own courier list when sending (ESM)
    carriers: tuple[str, ...] = ()
    carriers_by_name: bool = False

    def supports(self, operation: str) -> bool:
        return operation not in self.unsupported

    def takes_carrier(self, carrier: str) -> bool | None:
        """True: mapped; False: the marketplace has no such courier; None: only sending will tell (by name)."""
        if carrier in self.carriers:
            return True
        return None if self.carriers_by_name else False

    @property
    def operations(self) -> list[str]:
        return [op for op in OPERATIONS if op not in self.unsupported]


NO_QNA = {
    "fetch_inquiries": "이 제휴몰의 문의 API는 공개되어 있지 않습니다. 제휴몰 판매자센터에서 답변해 주세요.",
    "answer_inquiry": "이 제휴몰의 문의 API는 공개되어 있지 않습니다. 제휴몰 판매자센터에서 답변해 주세요.",
}


def _general_mall(
    code: str, name_ko: str, transport: str, auth: str, *, modelled: bool = False, lacks: dict[str, str] | None = None
) -> MarketplaceInfo:
    unsupported = {
        "cancel_by_seller": GENERAL_MALL_CANCEL,
        "decide_claim": "클레임 처리는 제휴몰 고객센터와 MD가 진행합니다 (공개된 처리 API 없음).",
        "fetch_notices": "긴급알리미 API가 없습니다.",
        "delay_dispatch": "발송지연 API가 없습니다.",
    } | (lacks or {})
    return MarketplaceInfo(
        code=code,
        name_ko=name_ko,
        type="general_mall",
        option_prices=False,
        add_on_products=False,
        seller_cancel=False,
        transport=transport,
        auth=auth,
        rate_limit="공개된 호출 한도 없음: 계정당 5회/초로 제한",
        windows={"orders": "1일 단위 조회 (자동 분할)"},
        unsupported=unsupported,
        modelled=modelled,
    )


MARKETPLACES: dict[str, MarketplaceInfo] = {
    m.code: m
    for m in [
        MarketplaceInfo(
            code="naver",
            name_ko="스마트스토어",
            type="open_market",
            option_prices=True,
            add_on_products=True,
            seller_cancel=True,
            transport="REST JSON (UTF-8)",
            auth="OAuth2 client_credentials, client_secret_sign = bcrypt(client_id_timestamp)",
            rate_limit="API별 토큰 버킷 (429 GW.RATE_LIMIT); 계정당 10회/초로 제한",
            windows={"orders": "변경 주문 24시간 단위, more 연속 조회", "qna": "조회 기간 필수"},
            limits={"confirm": "30건/호출", "dispatch": "30건/호출", "query": "300건/호출"},
            unsupported={"fetch_notices": "스마트스토어에는 판매자 긴급알리미 API가 없습니다."},
        ),
        MarketplaceInfo(
            code="coupang",
            name_ko="쿠팡",
            type="open_market",
            option_prices=True,
            add_on_products=False,
            seller_cancel=True,
            transport="REST JSON (UTF-8)",
            auth="CEA HMAC-SHA256 (access key, signed-date)",
            rate_limit="판매자당 약 10회/초 (429); 계정당 8회/초로 제한",
            windows={
                "orders": "일 단위 31일 또는 timeFrame 24시간",
                "returns": "31일",
                "exchanges": "7일",
                "inquiries": "7일",
            },
            limits={"acknowledgement": "50 묶음배송/호출", "invoices": "50건/호출"},
            unsupported={"delay_dispatch": "쿠팡에는 발송지연 API가 없습니다."},
        ),
        MarketplaceInfo(
            code="st11",
            name_ko="11번가",
            type="open_market",
            option_prices=True,
            add_on_products=True,
            seller_cancel=True,
            max_options=99,
            transport="REST XML (EUC-KR)",
            auth="openapikey 헤더",
            rate_limit="공개된 한도 없음: 계정당 5회/초로 제한",
            windows={"orders": "7일 (자동 분할, 페이지 없음)", "qna": "7일", "alimi": "30일"},
            limits={"options": "100개 미만 (OPT-7)"},
            unsupported={"delay_dispatch": "11번가 발송지연 API는 연동하지 않습니다."},
        ),
        MarketplaceInfo(
            code="gmarket",
            name_ko="G마켓",
            type="open_market",
            option_prices=True,
            add_on_products=True,
            seller_cancel=True,
            transport="REST JSON (ESM Trading API)",
            auth="자체 서명 JWT HS256 (kid, ssi)",
            rate_limit="주문조회 판매자당 5초에 1회 (ResultCode 3000)",
            windows={"orders": "31일 (자동 분할)", "claims": "7일"},
            limits={"manufacturer": "G마켓은 제조사를 '기타'로 표시하고 브랜드를 숨깁니다 (CAT-MFR-2)"},
            unsupported={"delay_dispatch": "ESM 발송지연 API는 연동하지 않습니다."},
        ),
        MarketplaceInfo(
            code="auction",
            name_ko="옥션",
            type="open_market",
            option_prices=True,
            add_on_products=True,
            seller_cancel=True,
            transport="REST JSON (ESM Trading API)",
            auth="자체 서명 JWT HS256 (kid, ssi)",
            rate_limit="주문조회 판매자당 5초에 1회 (ResultCode 3000)",
            windows={"orders": "31일 (자동 분할)", "claims": "7일"},
            unsupported={"delay_dispatch": "ESM 발송지연 API는 연동하지 않습니다."},
        ),
        MarketplaceInfo(
            code="interpark",
            name_ko="인터파크",
            type="open_market",
            option_prices=True,
            add_on_products=True,
            seller_cancel=True,
            transport="XML (EUC-KR), 상품은 dataUrl 수신",
            auth="공급업체 ID (sc.*), citeKey/secretKey",
            rate_limit="공개된 한도 없음: 계정당 2회/초로 제한",
            windows={"orders": "1일 (자동 분할)"},
            unsupported={
                "fetch_inquiries": "인터파크에는 문의 API가 없습니다.",
                "answer_inquiry": "인터파크에는 문의 API가 없습니다.",
                "fetch_notices": "인터파크에는 긴급알리미 API가 없습니다.",
                "import_listings": "인터파크에는 상품 목록 API가 없습니다.",
                "delay_dispatch": "인터파크에는 발송지연 API가 없습니다.",
            },
        ),
        MarketplaceInfo(
            code="lotteon",
            name_ko="롯데ON",
            type="general_mall",
            option_prices=False,
            add_on_products=False,
            seller_cancel=False,
            transport="REST JSON (POST)",
            auth="Bearer API 키 + Accept-Language, X-Timezone 헤더",
            rate_limit="키당 분당 10,000회 (미확인)",
            windows={"orders": "1일 (자동 분할)", "claims": "7일"},
            unsupported={
                "cancel_by_seller": GENERAL_MALL_CANCEL,
                "fetch_categories": "롯데ON 카테고리 API는 공개되어 있지 않습니다.",
                "import_listings": "롯데ON 상품 목록 API는 공개되어 있지 않습니다.",
                "fetch_notices": "롯데ON에는 긴급알리미 API가 없습니다.",
                "delay_dispatch": "롯데ON 발송지연 API는 공개되어 있지 않습니다.",
            },
        ),
        _general_mall(
            "gsshop", "GS SHOP", "JSON, 주문은 판매자 수신 URL로 푸시", "공급업체 코드(supCd)와 sender", lacks=NO_QNA
        ),
        _general_mall(
            "cjmall",
            "CJ온스타일",
            "XML (EUC-KR), 단일 엔드포인트 (ifId)",
            "vendorId + vendorCertKey (본문)",
            lacks=NO_QNA,
        ),
        _general_mall("hmall", "현대Hmall", "XML 데이터셋 (Nexacro)", "oauserId + oauseKey 헤더", lacks=NO_QNA),
        _general_mall(
            "lottehs",
            "롯데홈쇼핑",
            "XML, GET/POST 폼",
            "일일 인증 (createCertification → subscriptionId)",
            lacks={"fetch_categories": "롯데홈쇼핑 카테고리 API는 공개되어 있지 않습니다."},
        ),
        _general_mall("publichs", "공영홈쇼핑", "XML (모델링)", "vendorId + 인증키 (모델링)", modelled=True),
    ]
}


# The adapters' courier tables (services/connectors/.../<marketplace>/couriers.py), which a connectors test
# keeps equal to these sets.
_HOME_SHOPPING = ("CJ_LOGISTICS", "LOTTE", "HANJIN", "EPOST", "LOGEN", "KDEXP", "DAESIN", "ILYANG", "CHUNIL")
CARRIERS: dict[str, tuple[str, ...]] = {
    "naver": ("CJ_LOGISTICS", "LOTTE", "HANJIN", "EPOST", "LOGEN", "KDEXP", "DAESIN", "ILYANG", "CHUNIL", "HDEXP",
              "CVSNET", "CUPARCEL", "NONGHYUP", "SLX", "KUNYOUNG", "HONAM", "YONGMA", "REGISTPOST", "DHL", "FEDEX",
              "UPS", "EMS", "TNT"),
    "coupang": ("CJ_LOGISTICS", "LOTTE", "HANJIN", "EPOST", "LOGEN", "KDEXP", "DAESIN", "ILYANG", "CHUNIL", "HDEXP",
                "CVSNET", "NONGHYUP", "SLX", "KUNYOUNG", "HONAM", "REGISTPOST", "DHL", "FEDEX", "UPS", "EMS", "TNT"),
    "st11": (*_HOME_SHOPPING, "HDEXP", "KUNYOUNG", "CVSNET", "CUPARCEL"),
    "gmarket": ("CJ_LOGISTICS", "HANJIN", "LOTTE", "EPOST", "LOGEN", "DHL", "FEDEX", "EMS", "NONGHYUP"),
    "auction": ("CJ_LOGISTICS", "HANJIN", "LOTTE", "EPOST", "LOGEN", "DHL", "FEDEX", "EMS", "NONGHYUP"),
    "lotteon": (*_HOME_SHOPPING, "HDEXP", "KUNYOUNG", "CVSNET", "CUPARCEL"),
    "interpark": (*_HOME_SHOPPING, "KUNYOUNG", "CVSNET"),
    "gsshop": (*_HOME_SHOPPING, "HDEXP", "KUNYOUNG", "CVSNET"),
    "cjmall": (*_HOME_SHOPPING, "KUNYOUNG"),
    "hmall": (*_HOME_SHOPPING, "HDEXP", "KUNYOUNG", "CVSNET", "CUPARCEL"),
    "lottehs": (*_HOME_SHOPPING, "CVSNET"),
    "publichs": (*_HOME_SHOPPING, "KUNYOUNG"),
}  # fmt: skip
CARRIERS_BY_NAME = frozenset({"gmarket", "auction"})  # ESM's own courier list, read when sending
MARKETPLACES = {
    code: info.model_copy(update={"carriers": CARRIERS[code], "carriers_by_name": code in CARRIERS_BY_NAME})
    for code, info in MARKETPLACES.items()
}
