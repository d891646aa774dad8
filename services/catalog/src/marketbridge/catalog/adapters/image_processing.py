"""Decoding uploads and producing resized variants with Pillow (CAT-IMG-1, CAT-IMG-2)."""

from __future__ import annotations

import io
import warnings

from marketbridge.catalog.domain.image_rules import DecodedImage
from PIL import Image, UnidentifiedImageError

Image.MAX_IMAGE_PIXELS = 40_000_000  # refuse decompression bombs long before memory runs out


def decode(file_name: str, data: bytes) -> DecodedImage:
    """Open and fully decode `data` (a truncated or corrupt file is not an image)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                img.load()
                return DecodedImage(file_name, len(data), img.format, img.width, img.height)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):  # fmt: skip
        return DecodedImage(file_name, len(data), None, 0, 0)


def resized(data: bytes, size: int) -> bytes:
    """A `size`×`size` JPEG of the (square) original, high-quality Lanczos downscale."""
    with Image.open(io.BytesIO(data)) as img:
        small = img.convert("RGB").resize((size, size), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    small.save(out, format="JPEG", quality=90, optimize=True)
    return out.getvalue()
