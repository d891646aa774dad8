"""A small synthetic slice of the G마켓 and 옥션 site category trees (codes invented, shapes as documented)."""

from __future__ import annotations

from typing import Any

_TREES: dict[str, dict[str, tuple[str, dict[str, str]]]] = {
    "G": {
        "100000001": ("패션의류", {"200000101": "여성 티셔츠", "200000102": "남성 티셔츠", "200000103": "원피스"}),
        "100000002": ("패션잡화", {"200000201": "양말", "200000202": "가방"}),
        "100000003": ("디지털", {"200000301": "휴대폰 케이스", "200000302": "충전기"}),
    },
    "A": {
        "01000000": ("여성의류", {"01010000": "티셔츠", "01020000": "원피스"}),
        "02000000": ("패션잡화", {"02010000": "양말", "02020000": "가방"}),
        "03000000": ("디지털", {"03010000": "휴대폰 케이스", "03020000": "충전기"}),
    },
}


def leaves(site: str) -> set[str]:
    return {code for _, (_, children) in _TREES[site].items() for code in children}


def tree(site: str, code: str) -> dict[str, Any] | None:
    """`{catCode, catName, isLeaf, subCats[]}` for a code ("0" = the root)."""
    roots = _TREES[site]
    if code == "0":
        return {"catCode": "0", "catName": "전체", "isLeaf": False, "subCats": [tree(site, c) for c in roots]}
    if code in roots:
        name, children = roots[code]
        return {
            "catCode": code,
            "catName": name,
            "isLeaf": False,
            "subCats": [{"catCode": c, "catName": n, "isLeaf": True, "subCats": []} for c, n in children.items()],
        }
    for _, children in roots.values():
        if code in children:
            return {"catCode": code, "catName": children[code], "isLeaf": True, "subCats": []}
    return None
