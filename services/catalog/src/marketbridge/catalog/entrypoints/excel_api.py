"""상품대량등록 / 상품대량수정 over HTTP: the template, the export, uploads (202 + job id) and job status."""

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, UploadFile
from fastapi.responses import Response
from marketbridge.catalog.adapters.tables import products
from marketbridge.catalog.excel import workbook
from marketbridge.catalog.excel.rows import product_cells
from marketbridge.catalog.handlers.imports import ImportJobs
from marketbridge.catalog.handlers.projection import product_from_row
from marketbridge.runtime.errors import DomainError
from marketbridge.runtime.http import RequestContext, requires
from marketbridge.runtime.service import ServiceRuntime
from sqlalchemy import RowMapping, select

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"  # an .xlsx file is a ZIP archive
EXPORT_PAGE = 1000


def _download(data: bytes, name: str) -> Response:
    headers = {"Content-Disposition": f"attachment; filename*=UTF-8''{name}"}
    return Response(data, media_type=XLSX, headers=headers)


async def _current_products(rt: ServiceRuntime, tenant_id: str) -> AsyncIterator[list[RowMapping]]:
    """The seller's products from the read model in product-code order, a page at a time (keyset paging)."""
    t, after = products.c, ""
    while True:
        async with rt.db.read() as conn:
            query = (
                select(products)
                .where(t.tenant_id == tenant_id, t.deleted.is_(False), t.product_code > after)
                .order_by(t.product_code)
                .limit(EXPORT_PAGE)
            )
            page = (await conn.execute(query)).mappings().all()
        if not page:
            return
        yield list(page)
        after = page[-1]["product_code"]


def excel_router(rt: ServiceRuntime, jobs: ImportJobs, context: Any) -> APIRouter:
    api = APIRouter(prefix="/api/v1/products/excel", tags=["products excel (상품대량등록/수정)"])
    Viewer = Annotated[RequestContext, Depends(requires("viewer", context))]
    Manager = Annotated[RequestContext, Depends(requires("manager", context))]
    reference = jobs.handlers.reference

    @api.get("/template", summary="대량등록 양식 (한글 열 이름, 예시 행, 선택 목록)")
    async def template(ctx: Viewer) -> Response:
        return _download(await asyncio.to_thread(workbook.template, reference), "product-template.xlsx")

    @api.get("/export", summary="현재 상품을 같은 양식으로 내려받기 (대량수정용)")
    async def export(ctx: Viewer) -> Response:
        book = await asyncio.to_thread(workbook.ProductBook, reference)
        async for batch in _current_products(rt, ctx.tenant_id):
            await asyncio.to_thread(book.append, [product_cells(product_from_row(r), reference) for r in batch])
        return _download(await asyncio.to_thread(book.finish), "products.xlsx")

    @api.post("/imports", status_code=202, summary="엑셀 올리기: 모든 행 검증, 오류 행은 저장하지 않음 (작업 ID 반환)")
    async def upload(
        file: UploadFile, ctx: Manager, mode: Annotated[Literal["register", "update"], Query()] = "register"
    ) -> dict[str, Any]:
        data = await file.read(MAX_UPLOAD_BYTES + 1)
        if len(data) > MAX_UPLOAD_BYTES:
            raise DomainError("EXCEL_FILE_TOO_LARGE", "엑셀 파일은 50MB 이하로 올려 주세요.", field="file")
        if not (file.filename or "").lower().endswith(".xlsx") or not data.startswith(XLSX_MAGIC):
            raise DomainError(
                "EXCEL_FILE_INVALID",
                "엑셀(.xlsx) 파일만 올릴 수 있습니다. 양식을 내려받아 작성해 주세요.",
                field="file",
            )
        return await jobs.start(ctx, mode, file.filename or "upload.xlsx", data)

    @api.get("/imports/{job_id}", summary="대량등록 작업 상태와 행별 오류")
    async def job_status(job_id: str, ctx: Viewer, errors: bool = True) -> dict[str, Any]:
        return await jobs.status(ctx.tenant_id, job_id, with_errors=errors)

    return api
