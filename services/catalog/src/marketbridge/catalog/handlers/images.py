"""Image uploads (CAT-IMG-1..3): decode and check, store the original and its resized variants
(CAT-IMG-2), then revise the product's image list; stored files are removed again if saving fails, and
the files of an image that was replaced or removed are deleted once the revision is committed."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterable
from typing import Any, Literal

import structlog
from marketbridge.catalog.adapters.image_processing import decode, resized
from marketbridge.catalog.adapters.image_storage import ImageNotFound, ImageStoragePort, checked_key
from marketbridge.catalog.domain import ImageRef, Images, Product
from marketbridge.catalog.domain.image_rules import VARIANT_SIZES, check_image
from marketbridge.catalog.domain.problems import violation
from marketbridge.catalog.handlers.products import CatalogHandlers
from marketbridge.runtime.errors import NotFound, ValidationFailed, collect
from marketbridge.runtime.http import RequestContext

log = structlog.get_logger(__name__)

Slot = Literal["main", "zoom"]


class ImageHandlers:
    def __init__(self, products: CatalogHandlers, storage: ImageStoragePort) -> None:
        self.products, self.storage = products, storage

    async def upload(
        self, ctx: RequestContext, product_id: str, slot: Slot, file_name: str, data: bytes
    ) -> dict[str, Any]:
        decoded = await asyncio.to_thread(decode, file_name, data)
        collect(check_image(decoded, field=f"images.{slot}"))
        base = f"{ctx.tenant_id}/{product_id}/{uuid.uuid4().hex}"
        variants = {f"{size}x{size}": f"{base}_{size}.jpg" for size in VARIANT_SIZES}
        ref = ImageRef(key=f"{base}.jpg", file_name=file_name, width=decoded.width, height=decoded.height,
                       size_bytes=len(data), variants=variants)  # fmt: skip
        stored = await self._store(ref, data)
        replaced: list[ImageRef] = []

        def with_new(p: Product) -> dict[str, Any]:
            if slot == "main" and p.images.main is not None:
                replaced.append(p.images.main)
            return {"images": _with(p.images, slot, ref)}

        try:
            result = await self.products.revise_with(ctx, product_id, with_new)
        except BaseException:
            await asyncio.gather(*(self.storage.delete(k) for k in stored), return_exceptions=True)
            raise
        await self._discard(replaced)
        return result

    async def remove(self, ctx: RequestContext, product_id: str, slot: Slot, index: int = 0) -> dict[str, Any]:
        removed: list[ImageRef] = []

        def without(p: Product) -> dict[str, Any]:
            images = p.images
            if slot == "main" and images.main is not None:
                removed.append(images.main)
                return {"images": images.model_copy(update={"main": None})}
            if slot == "zoom" and 0 <= index < len(images.zoom):
                removed.append(images.zoom[index])
                return {"images": images.model_copy(update={"zoom": images.zoom[:index] + images.zoom[index + 1 :]})}
            message = "삭제할 이미지가 없습니다."
            raise ValidationFailed([violation("IMAGE_NOT_FOUND", f"images.{slot}", "CAT-IMG-3", message)])

        result = await self.products.revise_with(ctx, product_id, without)
        await self._discard(removed)
        return result

    async def read(self, ctx: RequestContext, product_id: str, name: str) -> bytes:
        try:
            return await self.storage.get(checked_key(f"{ctx.tenant_id}/{product_id}/{name}"))
        except (ImageNotFound, ValueError) as exc:
            raise NotFound("IMAGE_NOT_FOUND", f"이미지를 찾을 수 없습니다: {name}") from exc

    async def _store(self, ref: ImageRef, data: bytes) -> list[str]:
        blobs = {ref.key: data}
        for label, key in ref.variants.items():
            blobs[key] = await asyncio.to_thread(resized, data, int(label.split("x")[0]))
        await asyncio.gather(*(self.storage.put(k, b, "image/jpeg") for k, b in blobs.items()))
        return list(blobs)

    async def _discard(self, images: Iterable[ImageRef]) -> None:
        """Files of images the product no longer shows (the edit history keeps their names and sizes). The revision is already committed, so a
        storage failure here is logged for the operator rather than failing the seller's request."""
        keys = [k for ref in images for k in (ref.key, *ref.variants.values())]
        results = await asyncio.gather(*(self.storage.delete(k) for k in keys), return_exceptions=True)
        for key, outcome in zip(keys, results, strict=True):
            if isinstance(outcome, Exception) and not isinstance(outcome, ImageNotFound):
                log.warning("image_file_not_deleted", key=key, error=str(outcome))


def _with(images: Images, slot: Slot, ref: ImageRef) -> dict[str, Any]:
    """CAT-IMG-3: a new main image replaces the old one; zoom images are added."""
    updated = (
        images.model_copy(update={"main": ref})
        if slot == "main"
        else images.model_copy(update={"zoom": (*images.zoom, ref)})
    )
    return updated.model_dump(mode="json")
