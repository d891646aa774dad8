"""Reference data shipped with the catalog service and shared by every tenant: the 4-level category tree
(`categories.tsv`) and the item groups of the product information notice (`notice_groups.json`).

Both are immutable, versioned with the code and loaded once per process (`shipped()`); ids in the data
files are stable — only append, never renumber.
"""

from __future__ import annotations

import csv
import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from marketbridge.catalog.domain.reference import CategoryInfo, NoticeFieldInfo, NoticeGroupInfo

MAX_LEVEL = 4  # 대/중/소/상세분류


@dataclass(frozen=True)
class CategoryNode:
    info: CategoryInfo
    parent_id: str | None
    level: int
    name: str
    children: tuple[str, ...]


class CategoryTree:
    """The category tree, indexed by id; `children(None)` are the top level (대분류)."""

    def __init__(self, rows: Iterable[dict[str, str]]) -> None:
        raw = list(rows)
        by_id = {r["id"]: r for r in raw}
        kids: dict[str | None, list[str]] = {}
        for r in raw:
            parent = r["parent_id"] or None
            if parent is not None and parent not in by_id:
                raise ValueError(f"category {r['id']}: unknown parent {parent}")
            if not 1 <= int(r["level"]) <= MAX_LEVEL:
                raise ValueError(f"category {r['id']}: level {r['level']} outside 1..{MAX_LEVEL}")
            kids.setdefault(parent, []).append(r["id"])
        if len(by_id) != len(raw):
            raise ValueError("duplicate category ids")
        self._nodes: dict[str, CategoryNode] = {}
        for r in raw:
            path = self._path(by_id, r["id"])
            info = CategoryInfo(
                id=r["id"],
                path=path,
                leaf=r["id"] not in kids,
                notice_group=r["notice_group"] or None,
                cert_required=r["cert_required"] == "Y",
                dates_recommended=r["dates_recommended"] == "Y",
            )
            node = CategoryNode(info, r["parent_id"] or None, int(r["level"]), r["name"], tuple(kids.get(r["id"], [])))
            self._nodes[r["id"]] = node
        self._top = tuple(kids.get(None, []))

    @staticmethod
    def _path(by_id: dict[str, dict[str, str]], cid: str) -> tuple[str, ...]:
        names: list[str] = []
        current: str | None = cid
        while current:
            names.append(by_id[current]["name"])
            current = by_id[current]["parent_id"] or None
        return tuple(reversed(names))

    def __len__(self) -> int:
        return len(self._nodes)

    def get(self, category_id: str) -> CategoryNode | None:
        return self._nodes.get(category_id)

    def children(self, parent_id: str | None) -> list[CategoryNode]:
        ids = self._top if parent_id is None else self._nodes[parent_id].children
        return [self._nodes[i] for i in ids]

    def search(self, query: str, *, leaves_only: bool = False, limit: int = 50) -> list[CategoryNode]:
        """Nodes whose path contains every space-separated word of `query`, leaves first, then by id."""
        words = [w.lower() for w in query.split()]
        found = [
            n
            for n in self._nodes.values()
            if words and all(w in n.info.label.lower() for w in words) and (n.info.leaf or not leaves_only)
        ]
        found.sort(key=lambda n: (not n.info.leaf, n.info.id))
        return found[:limit]

    def leaves(self) -> list[CategoryNode]:
        return [n for n in self._nodes.values() if n.info.leaf]


class ShippedReference:
    """The domain's `Reference` port over the shipped data."""

    def __init__(self, tree: CategoryTree, notice_groups: dict[str, NoticeGroupInfo]) -> None:
        self.tree = tree
        self.notice_groups = notice_groups

    def category(self, category_id: str) -> CategoryInfo | None:
        node = self.tree.get(category_id)
        return node.info if node is not None else None

    def notice_group(self, code: str) -> NoticeGroupInfo | None:
        return self.notice_groups.get(code)


def load_category_tree(text: str) -> CategoryTree:
    return CategoryTree(csv.DictReader(text.splitlines(), delimiter="\t"))


def load_notice_groups(text: str) -> dict[str, NoticeGroupInfo]:
    groups = json.loads(text)["groups"]
    return {
        g["code"]: NoticeGroupInfo(
            code=g["code"], name=g["name"], fields=tuple(NoticeFieldInfo(f["code"], f["label"]) for f in g["fields"])
        )
        for g in groups
    }


@functools.cache
def shipped() -> ShippedReference:
    """The reference data shipped in this package (loaded once per process)."""
    files = resources.files(__name__)
    tree = load_category_tree(files.joinpath("categories.tsv").read_text(encoding="utf-8"))
    notices = load_notice_groups(files.joinpath("notice_groups.json").read_text(encoding="utf-8"))
    unknown = {n.info.notice_group or "" for n in tree.leaves()} - set(notices)
    if unknown:
        raise ValueError(f"categories name unknown notice groups: {sorted(unknown)}")
    return ShippedReference(tree, notices)
