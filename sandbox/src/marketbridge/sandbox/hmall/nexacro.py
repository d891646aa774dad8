"""Nexacro-style dataset XML of the Hmall emulator: `<Root><Parameters>…</Parameters><Dataset id="…">
<rows><row><field>value</field>…</row></rows></Dataset></Root>` (UTF-8)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping

from marketbridge.sandbox.homeshopping_common.xmlio import fields, parse_xml, sub, xml_response
from starlette.responses import Response


def datasets(body: bytes, content_type: str | None) -> dict[str, list[dict[str, str]]]:
    root = parse_xml(body, content_type)
    return {ds.get("id", ""): [fields(row) for row in ds.iter("row")] for ds in root.iter("Dataset")}


def answer(
    code: int = 0, message: str = "정상 처리되었습니다.", status: int = 200, **sets: Iterable[Mapping[str, object]]
) -> Response:
    root = ET.Element("Root")
    params = sub(root, "Parameters")
    sub(params, "Parameter", code).set("id", "ErrorCode")
    sub(params, "Parameter", message).set("id", "ErrorMsg")
    for name, rows in sets.items():
        dataset = sub(root, "Dataset")
        dataset.set("id", name)
        rows_el = sub(dataset, "rows")
        for row in rows:
            row_el = sub(rows_el, "row")
            for key, value in row.items():
                sub(row_el, key, "" if value is None else value)
    return xml_response(root, "utf-8", status)
