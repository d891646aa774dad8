"""상품대량등록/상품대량수정 over HTTP: the template, uploads answered 202 with a job whose status shows the
progress, every row validated with per-row, per-column Korean errors, invalid rows never stored, and an
export in the same format that can be edited and uploaded again."""

from __future__ import annotations

import io
from typing import Any

from marketbridge.catalog.excel import columns as col
from marketbridge.catalog.excel import workbook
from marketbridge.catalog.reference import shipped
from openpyxl import load_workbook
from prometheus_client import REGISTRY

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def row(name: str, **cells: object) -> dict[str, object]:
    base: dict[str, object] = {
        "name": name, "status": "판매가능", "category_id": "08010202", "price": 5000, "tax_type": "과세",
        "origin_type": "원산지표시대상아님", "notice_group": "주방용품", "notice_fields": col.SEE_DETAIL,
        "sales_region": "전국", "stock": 10,
    }  # fmt: skip
    return base | cells


def xlsx(rows: list[dict[str, object]]) -> bytes:
    return workbook.export(shipped(), rows)


async def upload(client: Any, api: Any, data: bytes, mode: str = "register") -> dict[str, Any]:
    files = {"file": ("products.xlsx", data, XLSX)}
    r = await client.post("/api/v1/products/excel/imports", params={"mode": mode}, files=files, headers=api.headers())
    assert r.status_code == 202, r.text
    job_id = r.json()["job_id"]
    assert r.json()["status"] in {"queued", "running", "completed", "failed"}  # it may already be done

    async def finished() -> dict[str, Any] | None:
        got = await client.get(f"/api/v1/products/excel/imports/{job_id}", headers=api.headers(role="viewer"))
        body: dict[str, Any] = got.json()
        return body if body["status"] in {"completed", "failed"} else None

    result: dict[str, Any] = await api.eventually(finished, timeout=60)
    return result


async def test_template_has_korean_headers_guide_example_and_lists(service: Any, api: Any) -> None:
    _svc, _bus, client = service
    r = await client.get("/api/v1/products/excel/template", headers=api.headers(role="viewer"))
    assert r.status_code == 200 and r.headers["content-type"] == XLSX
    wb = load_workbook(io.BytesIO(r.content))
    ws = wb["상품"]
    assert [c.value for c in ws[1]][:4] == ["상품코드", "자체상품코드", "상품명", "상품상태"]
    assert str(ws["C2"].value).startswith("(필수)") and ws["A3"].value == col.EXAMPLE_MARK
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert "D3" in lists and lists["D3"].startswith("목록!")  # 상품상태 drop-down
    assert wb["목록"].sheet_state == "hidden" and {"카테고리", "품목고시"} <= set(wb.sheetnames)
    # the example row itself is a valid product: the template imports with nothing stored and no error
    result = await upload(client, api, r.content)
    assert (result["status"], result["total_rows"], result["failed_rows"]) == ("completed", 0, 0)


async def test_upload_reports_per_row_per_column_errors_and_stores_only_valid_rows(service: Any, api: Any) -> None:
    _svc, _bus, client = service
    before = import_counts()
    rows = [
        row("머그컵 하나", seller_product_code="M-1"),
        row("머그컵<특가>", price="만원", tax_type="면세"),
        row("머그컵 셋", notice_fields="품명 및 모델명=N"),
        row("머그컵 넷", seller_product_code="M-1"),  # duplicate own code within the file
        row(
            "티셔츠",
            category_id="01010101",
            notice_group="의류",
            notice_fields=col.SEE_DETAIL,
            option_type="조합형",
            option_name_1="색상",
            option_values_1="빨강,파랑",
            option_name_2="사이즈",
            option_values_2="S,M,L",
            option_stock=5,
            stock=None,
        ),
    ]
    result = await upload(client, api, xlsx(rows))
    assert (result["total_rows"], result["processed_rows"], result["succeeded_rows"], result["failed_rows"]) == (
        5,
        5,
        2,
        3,
    )
    errors = {e["row"]: e for e in result["errors"]}
    assert set(errors) == {4, 5, 6}  # Excel row numbers (data starts on row 3)
    bad = {(x["column"], x["code"]) for x in errors[4]["errors"]}
    assert bad == {("대표가격", "EXCEL_CELL_INVALID"), ("과세구분", "EXCEL_CELL_INVALID")}
    assert "숫자" in errors[4]["errors"][0]["message"]
    [notice] = [e for e in errors[5]["errors"] if e["rule"] == "CAT-NOTICE-3"]  # other fields: CAT-NOTICE-2
    assert (notice["column"], notice["rule"]) == ("품목고시내용", "CAT-NOTICE-3") and "해당없음" in notice["message"]
    assert [(x["column"], x["rule"]) for x in errors[6]["errors"]] == [("자체상품코드", "CAT-CODE-2")]
    listed = (
        await client.get("/api/v1/products", params={"sort": "name", "order": "asc"}, headers=api.headers())
    ).json()
    assert [p["name"] for p in listed["items"]] == ["머그컵 하나", "티셔츠"]
    shirt = next(p for p in listed["items"] if p["name"] == "티셔츠")
    assert shirt["option_type"] == "combination" and shirt["total_stock"] == 30
    detail = (await client.get(f"/api/v1/products/{shirt['product_id']}", headers=api.headers())).json()
    assert len(detail["options"]["rows"]) == 6  # OPT-2: 2×3 generated from 옵션재고
    assert all(len(p["product_code"]) == 15 for p in listed["items"])
    counted = import_counts()  # what operations see on /metrics
    assert {k: counted[k] - before[k] for k in counted} == {"stored": 2, "refused": 3, "completed": 1}
    # a name error and a domain rule come with the rule id, too
    second = await upload(client, api, xlsx([row("머그컵<특가>")]))
    [err] = second["errors"][0]["errors"]
    assert (err["column"], err["rule"], err["code"]) == ("상품명", "CAT-NAME-1", "PRODUCT_NAME_INVALID_CHARACTERS")


def import_counts() -> dict[str, float]:
    def value(name: str, **labels: str) -> float:
        return REGISTRY.get_sample_value(name, {"kind": "register", **labels}) or 0.0

    return {
        "stored": value("mb_catalog_import_rows_total", outcome="stored"),
        "refused": value("mb_catalog_import_rows_total", outcome="refused"),
        "completed": value("mb_catalog_import_jobs_total", status="completed"),
    }


async def test_export_edit_and_upload_again_updates_the_products(service: Any, api: Any) -> None:
    _svc, _bus, client = service
    tshirt = await api.register(client, api.tshirt(name="면 티셔츠", seller_product_code="T-1"))
    mug = await api.register(
        client, api.mug(add_ons=[{"name": "받침", "items": [{"name": "코스터", "price": 500, "stock": 2}]}])
    )
    r = await client.get("/api/v1/products/excel/export", headers=api.headers(role="viewer"))
    wb = load_workbook(io.BytesIO(r.content))
    ws = wb["상품"]
    header = [c.value for c in ws[1]]
    by_code = {ws.cell(n, 1).value: n for n in range(3, ws.max_row + 1)}
    assert set(by_code) == {tshirt["product_code"], mug["product_code"]}
    price, name = header.index("대표가격") + 1, header.index("상품명") + 1
    ws.cell(by_code[mug["product_code"]], price, 7000)
    ws.cell(by_code[tshirt["product_code"]], name, "면 티셔츠 2")
    out = io.BytesIO()
    wb.save(out)
    result = await upload(client, api, out.getvalue(), mode="update")
    assert (result["succeeded_rows"], result["failed_rows"]) == (2, 0), result["errors"]
    got_mug = (await client.get(f"/api/v1/products/{mug['product_id']}", headers=api.headers())).json()
    got_shirt = (await client.get(f"/api/v1/products/{tshirt['product_id']}", headers=api.headers())).json()
    assert got_mug["price"] == 7000 and got_mug["add_ons"][0]["items"][0]["name"] == "코스터"
    assert got_shirt["name"] == "면 티셔츠 2" and got_shirt["options"] == tshirt["options"]
    assert got_shirt["seller_product_code"] == "T-1" and got_shirt["version"] == 2
    history = (await client.get(f"/api/v1/products/{tshirt['product_id']}/history", headers=api.headers())).json()
    assert [c["field"] for c in history["items"][0]["changes"]] == ["name"]  # nothing else changed on re-upload
    # update mode refuses unknown codes; register mode refuses rows that carry a code
    unknown = await upload(client, api, xlsx([row("없는 상품", product_code="209901010000001")]), mode="update")
    assert unknown["errors"][0]["errors"][0]["code"] == "EXCEL_PRODUCT_NOT_FOUND"
    again = await upload(client, api, xlsx([row("머그", product_code=mug["product_code"])]))
    assert again["errors"][0]["errors"][0]["code"] == "EXCEL_PRODUCT_CODE_NOT_ALLOWED"


async def test_a_file_that_is_not_a_workbook_is_refused_before_any_job(service: Any, api: Any) -> None:
    _svc, _bus, client = service
    files = {"file": ("products.xlsx", b"not a workbook", XLSX)}
    r = await client.post("/api/v1/products/excel/imports", files=files, headers=api.headers())
    assert r.status_code == 400 and r.json()["errors"][0]["code"] == "EXCEL_FILE_INVALID"
    assert r.json()["errors"][0]["field"] == "file" and "엑셀" in r.json()["message"]


async def test_an_unreadable_workbook_fails_the_job_with_a_korean_message(service: Any, api: Any) -> None:
    _svc, _bus, client = service
    result = await upload(client, api, b"PK\x03\x04 but no workbook inside")
    assert result["status"] == "failed" and "엑셀" in result["message"]
