"""CAT-IMG-1: 1000×1000 JPEG, at most 3 MB, file name of English letters and digits, decoded for real with
Pillow; CAT-IMG-2: resized variants."""

from __future__ import annotations

import io
import os

import pytest
from marketbridge.catalog.adapters.image_processing import decode, resized
from marketbridge.catalog.domain.image_rules import check_image
from PIL import Image


def jpeg(width: int = 1000, height: int = 1000, fmt: str = "JPEG", noise: bool = False) -> bytes:
    img = (
        Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
        if noise
        else Image.new("RGB", (width, height), (200, 30, 30))
    )
    out = io.BytesIO()
    img.save(out, format=fmt, **({"quality": 100, "subsampling": 0} if fmt == "JPEG" else {}))
    return out.getvalue()


def codes(name: str, data: bytes) -> list[str]:
    return [e.code for e in check_image(decode(name, data), field="images.main") if e.rule == "CAT-IMG-1"]


def test_cat_img_1_accepts_a_1000_square_jpg_with_a_plain_name() -> None:
    assert codes("bike01.jpg", jpeg()) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bike 01.jpg", ["IMAGE_FILE_NAME_INVALID"]),
        ("자전거.jpg", ["IMAGE_FILE_NAME_INVALID"]),
        ("bike_01.jpg", ["IMAGE_FILE_NAME_INVALID"]),
        ("bike01.jpeg", ["IMAGE_EXTENSION_NOT_JPG"]),
        ("bike01.png", ["IMAGE_EXTENSION_NOT_JPG"]),
    ],
)
def test_cat_img_1_file_names_are_letters_and_digits_with_jpg(name: str, expected: list[str]) -> None:
    assert codes(name, jpeg()) == expected


def test_cat_img_1_decodes_the_content_size_and_format() -> None:
    assert codes("bike01.jpg", jpeg(800, 800)) == ["IMAGE_SIZE_INVALID"]
    assert codes("bike01.jpg", jpeg(fmt="PNG")) == ["IMAGE_NOT_JPEG"]  # a PNG named .jpg
    assert codes("bike01.jpg", b"not an image at all") == ["IMAGE_NOT_JPEG"]
    truncated = jpeg()[:2000]
    assert codes("bike01.jpg", truncated) == ["IMAGE_NOT_JPEG"]


def test_cat_img_1_at_most_3_mb() -> None:
    big = jpeg(noise=True)
    assert len(big) > 3 * 1024 * 1024
    assert codes("bike01.jpg", big) == ["IMAGE_TOO_LARGE"]


def test_cat_img_2_resized_variants_are_square_jpegs() -> None:
    small = resized(jpeg(), 300)
    with Image.open(io.BytesIO(small)) as img:
        assert (img.format, img.size) == ("JPEG", (300, 300))
