"""CAT-IMG-1: product images are 1000×1000 px JPEG files of at most 3 MB whose names use English letters and
digits only (no spaces or special characters); CAT-IMG-2: the main image is resized per marketplace."""

from __future__ import annotations

import re
from dataclasses import dataclass

from marketbridge.catalog.domain.problems import violation
from marketbridge.runtime.errors import DomainError

IMAGE_SIZE = (1000, 1000)
IMAGE_MAX_BYTES = 3 * 1024 * 1024
_FILE_NAME = re.compile(r"^(?P<stem>[^.]*)\.(?P<ext>[^.]+)$")
# CAT-IMG-2: sizes some marketplaces need besides the 1000×1000 original (inferred from their upload guides).
VARIANT_SIZES: tuple[int, ...] = (600, 500, 300)


@dataclass(frozen=True)
class DecodedImage:
    """What decoding an upload found: `format` is Pillow's (`JPEG`, `PNG`, …), None when it is not an image."""

    file_name: str
    size_bytes: int
    format: str | None
    width: int
    height: int


def check_image(image: DecodedImage, *, field: str) -> list[DomainError]:
    errors: list[DomainError] = []
    match = _FILE_NAME.match(image.file_name)
    stem, ext = (match["stem"], match["ext"]) if match else (image.file_name, "")
    if ext.lower() != "jpg":
        message = f"이미지 파일은 .jpg 확장자만 등록할 수 있습니다: '{image.file_name}'"
        errors.append(violation("IMAGE_EXTENSION_NOT_JPG", field, "CAT-IMG-1", message))
    if not stem or not (stem.isascii() and stem.isalnum()):
        message = f"이미지 파일명은 영문과 숫자만 사용할 수 있습니다(공백·특수문자 불가): '{image.file_name}'"
        errors.append(violation("IMAGE_FILE_NAME_INVALID", field, "CAT-IMG-1", message))
    if image.size_bytes > IMAGE_MAX_BYTES:
        message = f"이미지 용량은 3MB 이하여야 합니다(현재 {image.size_bytes / 1024 / 1024:.1f}MB)."
        errors.append(violation("IMAGE_TOO_LARGE", field, "CAT-IMG-1", message))
    if image.format != "JPEG":
        found = image.format or "이미지가 아님"
        message = f"JPEG 형식의 이미지만 등록할 수 있습니다(파일 형식: {found})."
        errors.append(violation("IMAGE_NOT_JPEG", field, "CAT-IMG-1", message))
    elif (image.width, image.height) != IMAGE_SIZE:
        message = f"이미지 크기는 1000×1000 픽셀이어야 합니다(현재 {image.width}×{image.height})."
        errors.append(violation("IMAGE_SIZE_INVALID", field, "CAT-IMG-1", message))
    return errors
