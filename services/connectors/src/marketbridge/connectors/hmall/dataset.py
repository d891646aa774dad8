"""Nexacro-style dataset XML of Hmall: requests `<Root><Dataset id="dsInput"><rows><row>…` (UTF-8),
answers with `Parameters` ErrorCode/ErrorMsg (modelled on the Nexacro platform convention) and datasets."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping

from marketbridge.connectors.homeshopping_common.xml import add_fields, fields, parse, sub, to_bytes

Rows = list[dict[str, str]]


def request_body(sets: Mapping[str, Iterable[Mapping[str, object]]]) -> bytes:
    root = ET.Element("Root")
    for name, rows in sets.items():
        dataset = sub(root, "Dataset")
        dataset.set("id", name)
        rows_el = sub(dataset, "rows")
        for row in rows:
            add_fields(sub(rows_el, "row"), row)
    return to_bytes(root, "utf-8")


def read(body: bytes, content_type: str | None) -> tuple[str, str, dict[str, Rows]]:
    """(ErrorCode, ErrorMsg, datasets) of an answer; raises MalformedXml."""
    root = parse(body, content_type)
    params = {p.get("id", ""): (p.text or "").strip() for p in root.iter("Parameter")}
    if "ErrorCode" not in params:
        raise ValueError("no ErrorCode parameter")
    sets = {ds.get("id", ""): [fields(row) for row in ds.iter("row")] for ds in root.iter("Dataset")}
    return params["ErrorCode"], params.get("ErrorMsg", ""), sets
