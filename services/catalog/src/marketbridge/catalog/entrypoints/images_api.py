"""Product images over HTTP: upload (multipart), remove, and serve the stored files."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, UploadFile
from fastapi.responses import Response
from marketbridge.catalog.domain.image_rules import IMAGE_MAX_BYTES
from marketbridge.catalog.handlers.images import ImageHandlers
from marketbridge.runtime.errors import DomainError
from marketbridge.runtime.http import RequestContext, requires

READ_LIMIT = IMAGE_MAX_BYTES + 1  # enough to tell "too large" without reading a huge upload whole


def images_router(images: ImageHandlers, context: Any) -> APIRouter:
    api = APIRouter(prefix="/api/v1/products/{product_id}/images", tags=["products (상품)"])
    Viewer = Annotated[RequestContext, Depends(requires("viewer", context))]
    Manager = Annotated[RequestContext, Depends(requires("manager", context))]

    async def _read(file: UploadFile) -> tuple[str, bytes]:
        data = await file.read(READ_LIMIT)
        if not file.filename:
            raise DomainError("IMAGE_FILE_REQUIRED", "이미지 파일을 선택해 주세요.", field="file", rule="CAT-IMG-3")
        return file.filename, data

    @api.put("/main", summary="대표 이미지 등록/교체 (CAT-IMG-1, CAT-IMG-3)")
    async def put_main(product_id: str, file: UploadFile, ctx: Manager) -> dict[str, Any]:
        name, data = await _read(file)
        return await images.upload(ctx, product_id, "main", name, data)

    @api.delete("/main", summary="대표 이미지 삭제")
    async def delete_main(product_id: str, ctx: Manager) -> dict[str, Any]:
        return await images.remove(ctx, product_id, "main")

    @api.post("/zoom", summary="추가 확대 이미지 등록 (CAT-IMG-1)")
    async def add_zoom(product_id: str, file: UploadFile, ctx: Manager) -> dict[str, Any]:
        name, data = await _read(file)
        return await images.upload(ctx, product_id, "zoom", name, data)

    @api.delete("/zoom/{index}", summary="추가 확대 이미지 삭제")
    async def delete_zoom(product_id: str, index: int, ctx: Manager) -> dict[str, Any]:
        return await images.remove(ctx, product_id, "zoom", index)

    @api.get("/{name}", summary="이미지 파일 (원본 또는 리사이즈 변형, CAT-IMG-2)")
    async def get_image(product_id: str, name: str, ctx: Viewer) -> Response:
        return Response(await images.read(ctx, product_id, name), media_type="image/jpeg")

    return api
