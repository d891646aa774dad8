from __future__ import annotations

import httpx
from marketbridge.inquiries.bootstrap import build


async def test_serves_health_and_metrics_and_consumes_nothing() -> None:
    service = build()
    await service.start()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=service.app), base_url="http://svc") as client:
        assert (await client.get("/healthz")).json() == {"status": "ok"}
        assert (await client.get("/readyz")).status_code == 200
        metrics = await client.get("/metrics")
        assert metrics.status_code == 200 and b"mb_http_requests_total" in metrics.content
    await service.stop()
