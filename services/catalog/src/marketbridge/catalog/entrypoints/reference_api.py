"""Shared reference data over HTTP: the category tree (browse, search) and what the registration form
offers (enumerations with Korean labels, 품목고시 groups and fields, guidance texts)."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from marketbridge.catalog.domain.addon_rules import MAX_ADD_ON_GROUPS
from marketbridge.catalog.domain.attribute_rules import MAX_CERTIFICATIONS
from marketbridge.catalog.domain.fields import SALES_REGION_LABELS
from marketbridge.catalog.domain.notice_rules import NOT_APPLICABLE
from marketbridge.catalog.reference import CategoryNode, ShippedReference
from marketbridge.runtime.errors import NotFound
from marketbridge.runtime.http import RequestContext, requires

ORIGIN_LABELS = {
    "agricultural": "농산물",
    "fishery": "수산물",
    "processed": "가공품",
    "not_subject": "원산지표시대상아님",
}
CERT_GROUP_LABELS = {
    "living": "생활용품(공산품)",
    "electrical": "전기용품",
    "children": "어린이제품",
    "broadcasting": "방송통신기자재",
    "other": "기타",
}
GUIDANCE = {
    "CAT-CERT-2": "옵션/추가구성상품의 자세한 인증정보는 상세설명에 기재해 주시기 바랍니다.",
    "CAT-CERT-3": "각 제휴몰 인증 등록 정보가 달라 생활/전기/어린이 외의 인증은 등록이 되지 않을 수 있습니다.",
    "CAT-CERT-4": "옥션: 매칭되는 값이 없는 인증정보는 '인증대상아님'으로 등록되며 생활/전기/어린이/방송통신 외 인증은 ESM에서 직접 등록합니다.",
    "CAT-CERT-5": "G마켓: 생활/전기/어린이 인증 외 인증은 ESM 사이트에서 직접 등록하여야 합니다.",
    "CAT-CERT-6": "스토어팜: 안전기준준수대상은 스토어팜에서 직접 등록하셔야 합니다.",
    "CAT-CERT-7": "사실과 다른 인증정보를 입력하실 경우 관련법에 의하여 처벌받으실 수 있습니다. "
    "확인: 제품안전정보센터 safetykorea.kr, 국가기술표준원 kats.go.kr, 인증 표준 콜센터 1381",
    "CAT-MFR-2": "G마켓의 경우 제조사는 기타로 노출이 되며 브랜드는 노출되지 않습니다.",
    "CAT-IMG-1": "이미지: 1000×1000, 3MB 이하, jpg만 가능, 파일명은 영문/숫자 조합만 가능",
    "CAT-IMG-2": "대표이미지는 자동으로 각 제휴몰 규격에 맞게 리사이징되어 등록됩니다.",
    "OPT-1": "종합몰(현대몰, 롯데닷컴, 롯데홈쇼핑)은 옵션별 가격 정보가 반영되지 않습니다. 옵션별 가격이 다른 상품은 단품으로 등록하세요.",
    "OPT-7": "11번가의 경우 옵션을 100개 이상 등록할 수 없습니다.",
    "OPT-8": "판매중인 상품은 옵션 수정이 불가하므로 등록 시 주의해야 합니다.",
    "OPT-9": "아이몰은 판매정보에서 옵션정보를 입력하셔야 합니다. 옵션 사용안함으로 선택해 주세요.",
    "ADD-3": "종합몰은 추가상품 판매 정책이 없어 추가상품이 노출되지 않습니다. 오픈마켓에는 반영됩니다.",
    "STK-2": "각 제휴몰 품절 정책이 다르기 때문에 최소 1개 입력 후 품절 처리가 가능합니다.",
    "STK-3": "아임몰은 판매정보에서 재고정보를 등록할 수 있습니다.",
    "CAT-NOTICE-3": "해당 사항이 없으면 N, 아니오가 아닌 '해당없음' 또는 '상세페이지 참조'로 기재합니다.",
    "CAT-NAME-2": "종합몰인 경우 상품명에 기본 특수문자 ( ) / + - ~ 도 가능한 사용하지 마세요.",
    "CAT-NOTICE-4": "종합몰인 경우 판매정보 등록 시 품목고시를 다시 등록해야 합니다.",
    "CAT-IMG-3": "이미지를 바꾸려면 X를 눌러 삭제한 후 다시 올립니다.",
    "CAT-IMG-4": "상세이미지: 업로드 → 찾아보기 → 서버로 전송 → 예 (.jpg), 직접 작성도 가능합니다.",
    "CAT-SAVE-1": "저장: 상품기본정보만 저장되며 상품조회에서 확인할 수 있습니다.",
    "CAT-SAVE-2": "저장 및 판매정보 등록: 저장 후 판매정보 등록 화면으로 이동합니다.",
    "CAT-SAVE-3": "일부 제휴몰은 기본정보에서 등록한 내용이라도 판매정보에서 다시 등록해야 합니다.",
    "CAT-TAX-1": "예) 배추는 면세 / 김치는 과세, 서적은 면세 / CD 포함제품은 과세",
}


def form_reference(reference: ShippedReference, notice_group: str | None = None) -> dict[str, Any]:
    if notice_group is not None:
        group = reference.notice_group(notice_group)
        if group is None:
            raise NotFound("NOTICE_GROUP_NOT_FOUND", f"품목고시 품목을 찾을 수 없습니다: {notice_group}")
        return {
            "code": group.code,
            "name": group.name,
            "fields": [{"code": f.code, "label": f.label} for f in group.fields],
        }
    return {
        "status": {"sellable": "판매가능", "unsellable": "판매불가"},
        "tax_type": {"taxable": "과세 상품", "exempt": "비과세 상품"},
        "sales_region": SALES_REGION_LABELS,
        "origin_type": ORIGIN_LABELS,
        "certification_group": CERT_GROUP_LABELS,
        "option_mode": {"open_market": "옵션정보 오픈마켓용으로만 사용", "all_malls": "옵션정보 종합몰에도 사용"},
        "limits": {"certifications": MAX_CERTIFICATIONS, "add_on_groups": MAX_ADD_ON_GROUPS, "option_names": 3},
        "notice_not_applicable": list(NOT_APPLICABLE),
        "notice_groups": [{"code": g.code, "name": g.name} for g in reference.notice_groups.values()],
        "guidance": GUIDANCE,
    }


def _node(node: CategoryNode) -> dict[str, Any]:
    info = node.info
    return {
        "id": info.id,
        "name": node.name,
        "level": node.level,
        "parent_id": node.parent_id,
        "path": info.label,
        "leaf": info.leaf,
        "notice_group": info.notice_group,
        "cert_required": info.cert_required,
    }


def categories_router(reference: ShippedReference, context: Any) -> APIRouter:
    """The 4-level category tree shared by every tenant (대/중/소/상세분류)."""
    api = APIRouter(prefix="/api/v1/categories", tags=["categories (카테고리)"])
    Viewer = Annotated[RequestContext, Depends(requires("viewer", context))]
    tree = reference.tree

    @api.get("", summary="하위 분류 목록 (parent_id 생략 시 대분류)")
    async def children(ctx: Viewer, parent_id: str | None = None) -> dict[str, Any]:
        if parent_id is not None and tree.get(parent_id) is None:
            raise NotFound("CATEGORY_NOT_FOUND", f"카테고리를 찾을 수 없습니다: {parent_id}")
        return {"items": [_node(n) for n in tree.children(parent_id)]}

    @api.get("/search", summary="카테고리 검색 (경로에 모든 검색어 포함)")
    async def search(
        ctx: Viewer, q: Annotated[str, Query(min_length=1)], leaves_only: bool = False,
        limit: Annotated[int, Query(ge=1, le=200)] = 50,
    ) -> dict[str, Any]:  # fmt: skip
        return {"items": [_node(n) for n in tree.search(q, leaves_only=leaves_only, limit=limit)]}

    @api.get("/{category_id}", summary="카테고리 (경로와 하위 분류)")
    async def category(category_id: str, ctx: Viewer) -> dict[str, Any]:
        node = tree.get(category_id)
        if node is None:
            raise NotFound("CATEGORY_NOT_FOUND", f"카테고리를 찾을 수 없습니다: {category_id}")
        return _node(node) | {"children": [_node(n) for n in tree.children(category_id)]}

    return api
