"""Image uploads over HTTP (CAT-IMG-1..3): real decoding, storage through the port (a local folder, and an
S3-compatible server: moto's S3 server run locally), resized variants (CAT-IMG-2), nothing half-saved."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from marketbridge.catalog.adapters.image_storage import ImageNotFound, S3ImageStorage
from moto.server import ThreadedMotoServer
from PIL import Image


def jpeg(size: tuple[int, int] = (1000, 1000)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 120, 200)).save(out, format="JPEG")
    return out.getvalue()


async def test_cat_img_1_main_image_upload_stores_original_and_variants(service: Any, api: Any) -> None:
    svc, _bus, client = service
    pid = (await api.register(client, api.mug()))["product_id"]
    files = {"file": ("mug01.jpg", jpeg(), "image/jpeg")}
    r = await client.put(f"/api/v1/products/{pid}/images/main", files=files, headers=api.headers())
    assert r.status_code == 200, r.text
    main = r.json()["images"]["main"]
    assert (main["file_name"], main["width"], main["height"]) == ("mug01.jpg", 1000, 1000)
    assert set(main["variants"]) == {"600x600", "500x500", "300x300"}  # CAT-IMG-2
    for key in (main["key"], main["variants"]["300x300"]):
        got = await client.get(
            f"/api/v1/products/{pid}/images/{key.rsplit('/', 1)[1]}", headers=api.headers(role="viewer")
        )
        assert got.status_code == 200 and got.headers["content-type"] == "image/jpeg"
        assert Image.open(io.BytesIO(got.content)).size in {(1000, 1000), (300, 300)}
    zoom = await client.post(
        f"/api/v1/products/{pid}/images/zoom",
        files={"file": ("zoom1.jpg", jpeg(), "image/jpeg")},
        headers=api.headers(),
    )
    assert len(zoom.json()["images"]["zoom"]) == 1
    other = await client.get(
        f"/api/v1/products/{pid}/images/{main['key'].rsplit('/', 1)[1]}", headers=api.headers(api.other)
    )
    assert other.status_code == 404  # keys are scoped by tenant
    # CAT-IMG-3: a new main image replaces the old one, whose files are deleted
    replaced = await client.put(
        f"/api/v1/products/{pid}/images/main",
        files={"file": ("mug02.jpg", jpeg(), "image/jpeg")},
        headers=api.headers(),
    )
    new_main = replaced.json()["images"]["main"]
    assert new_main["file_name"] == "mug02.jpg"
    assert await stored_files(svc) == files_of(new_main) | files_of(zoom.json()["images"]["zoom"][0])
    old = await client.get(f"/api/v1/products/{pid}/images/{main['key'].rsplit('/', 1)[1]}", headers=api.headers())
    assert old.status_code == 404 and old.json()["errors"][0]["code"] == "IMAGE_NOT_FOUND"
    # removing images deletes their files too
    assert (await client.delete(f"/api/v1/products/{pid}/images/main", headers=api.headers())).json()["images"][
        "main"
    ] is None
    removed = await client.delete(f"/api/v1/products/{pid}/images/zoom/0", headers=api.headers())
    assert removed.json()["images"]["zoom"] == []
    assert await stored_files(svc) == set()


def files_of(image: dict[str, Any]) -> set[str]:
    return {key.rsplit("/", 1)[1] for key in (image["key"], *image["variants"].values())}


async def stored_files(svc: Any) -> set[str]:
    return {p.name for p in svc.image_storage.root.rglob("*.jpg")}


async def test_cat_img_1_bad_uploads_are_rejected_and_nothing_is_stored(service: Any, api: Any) -> None:
    svc, _bus, client = service
    pid = (await api.register(client, api.mug()))["product_id"]
    before = (await api.counts(svc))[:2]  # events, products (the relay drains the outbox meanwhile)
    files = {"file": ("my photo.png", jpeg((800, 600)), "image/png")}
    r = await client.put(f"/api/v1/products/{pid}/images/main", files=files, headers=api.headers())
    assert r.status_code == 400
    errors = r.json()["errors"]
    assert {e["code"] for e in errors} == {"IMAGE_EXTENSION_NOT_JPG", "IMAGE_FILE_NAME_INVALID", "IMAGE_SIZE_INVALID"}
    assert all(e["rule"] == "CAT-IMG-1" and e["message"] for e in errors)
    assert (await api.counts(svc))[:2] == before
    missing = await client.put(
        "/api/v1/products/nope/images/main", files={"file": ("a1.jpg", jpeg(), "image/jpeg")}, headers=api.headers()
    )
    assert missing.status_code == 404
    assert not any(svc.image_storage.root.rglob("*.jpg"))  # the stored files were removed again


@pytest.fixture
def s3_server() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


async def test_s3_compatible_storage_against_a_real_s3_server(s3_server: str) -> None:
    admin = boto3.client(
        "s3", endpoint_url=s3_server, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test"
    )
    admin.create_bucket(Bucket="images")
    storage = S3ImageStorage.connect(
        bucket="images", endpoint_url=s3_server, region="us-east-1", access_key="test", secret_key="test", prefix="mb"
    )
    await storage.put("t1/p1/a.jpg", b"jpeg-bytes", "image/jpeg")
    assert await storage.get("t1/p1/a.jpg") == b"jpeg-bytes"
    listed = storage.client.list_objects_v2(Bucket="images")["Contents"]
    assert [o["Key"] for o in listed] == ["mb/t1/p1/a.jpg"]
    await storage.delete("t1/p1/a.jpg")
    with pytest.raises(ImageNotFound):
        await storage.get("t1/p1/a.jpg")
    with pytest.raises(ValueError):
        await storage.put("../escape.jpg", b"x", "image/jpeg")
