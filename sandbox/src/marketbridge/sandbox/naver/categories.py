"""A small but real-looking slice of the SmartStore category tree (top-level ids follow Naver's
50000000-series; everything below is synthetic)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    name: str
    whole_name: str
    parent_id: str | None
    last: bool

    def as_dict(self) -> dict[str, Any]:
        return {"wholeCategoryName": self.whole_name, "id": self.id, "name": self.name, "last": self.last}


_TREE: dict[str, tuple[str, dict[str, tuple[str, dict[str, str]]]]] = {
    "50000000": ("패션의류", {
        "50000167": ("여성의류", {"50000803": "원피스", "50000804": "티셔츠", "50000805": "블라우스/셔츠",
                                  "50000806": "니트/스웨터", "50000807": "청바지"}),
        "50000169": ("남성의류", {"50000830": "티셔츠", "50000831": "캐주얼셔츠", "50000832": "청바지",
                                  "50000833": "점퍼"}),
    }),
    "50000001": ("패션잡화", {
        "50000176": ("여성가방", {"50000641": "숄더백", "50000642": "토트백", "50000643": "크로스백"}),
        "50000180": ("양말", {"50000660": "여성양말", "50000661": "남성양말"}),
    }),
    "50000002": ("화장품/미용", {
        "50000190": ("스킨케어", {"50000437": "스킨/토너", "50000438": "로션", "50000439": "에센스"}),
    }),
    "50000003": ("디지털/가전", {
        "50000204": ("휴대폰액세서리", {"50001374": "휴대폰케이스", "50001375": "충전기", "50001376": "보호필름"}),
        "50000210": ("음향가전", {"50001401": "블루투스이어폰", "50001402": "블루투스스피커"}),
    }),
    "50000004": ("가구/인테리어", {
        "50000222": ("침구단품", {"50001520": "이불", "50001521": "베개"}),
    }),
    "50000006": ("식품", {
        "50000145": ("농산물", {"50000960": "사과", "50000961": "귤", "50000962": "쌀"}),
        "50000149": ("커피", {"50000975": "원두커피", "50000976": "캡슐커피"}),
    }),
    "50000008": ("생활/건강", {
        "50000245": ("주방용품", {"50001700": "프라이팬", "50001701": "밀폐용기", "50001702": "텀블러"}),
        "50000250": ("욕실용품", {"50001720": "수건", "50001721": "칫솔"}),
    }),
}


def _build() -> list[Category]:
    rows: list[Category] = []
    for top_id, (top_name, mids) in _TREE.items():
        rows.append(Category(top_id, top_name, top_name, None, False))
        for mid_id, (mid_name, leaves) in mids.items():
            mid_whole = f"{top_name}>{mid_name}"
            rows.append(Category(mid_id, mid_name, mid_whole, top_id, False))
            for leaf_id, leaf_name in leaves.items():
                rows.append(Category(leaf_id, leaf_name, f"{mid_whole}>{leaf_name}", mid_id, True))
    return rows


CATEGORIES: list[Category] = _build()
BY_ID: dict[str, Category] = {c.id: c for c in CATEGORIES}


def children(category_id: str) -> list[Category]:
    return [c for c in CATEGORIES if c.parent_id == category_id]
