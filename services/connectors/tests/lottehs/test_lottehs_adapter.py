"""The 롯데홈쇼핑 adapter: the daily session; every operation, error mapping and the 종합몰 rules run as the
shared home-shopping scenarios (../homeshopping.py) with the mall in conftest.py."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from marketbridge.connectors.homeshopping_common.dates import KST
from marketbridge.connectors.lottehs.session import DailySession
from marketbridge.connectors.ports import InquiryAnswer, InquiryKind, MarketplaceAdapter
from marketbridge.sandbox.testing import FakeClock

from ..homeshopping import Connect, DriverScenarios, HomeShoppingScenarios, ProductQnaScenarios, collect, new_lines
from ..support import AdminCall


class TestLotteHs(HomeShoppingScenarios, DriverScenarios, ProductQnaScenarios):
    """Every shared scenario against the 롯데홈쇼핑 emulator, product Q&A included."""

    async def more_driver_checks(
        self, driver: Any, seller: dict[str, str], adapter: MarketplaceAdapter, product_id: str, line: str
    ) -> None:
        inquiry = await driver.create_inquiry(seller, product_id, line)
        await adapter.answer_inquiry(InquiryAnswer(inquiry, InquiryKind.PRODUCT_QNA, "확인했습니다."))
        assert await driver.inquiry_answer(seller, inquiry) == "확인했습니다."


async def certifications(admin: AdminCall) -> int:
    recent = (await admin("GET", "/calls", params={"recent": 1000}))["recent"]
    return sum(1 for c in recent if "createCertification" in c["path"])


async def test_one_session_serves_the_day(
    adapter: MarketplaceAdapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    await new_lines(admin, product)
    for _ in range(3):
        assert len(await collect(adapter)) == 1
    assert await certifications(admin) == 1


async def test_refused_session_is_certified_again_once(adapter: MarketplaceAdapter, admin: AdminCall) -> None:
    await collect(adapter)
    await admin("POST", "/sessions/expire")
    await collect(adapter)
    assert await certifications(admin) == 2


async def test_new_kst_day_certifies_again(
    connect: Connect, seller: dict[str, Any], admin: AdminCall, clock: FakeClock
) -> None:
    session = DailySession(lambda: datetime.fromtimestamp(clock(), KST))
    async with connect(seller, session=session) as lotte:
        await collect(lotte)
        clock.advance(86_400)
        await collect(lotte)
    assert await certifications(admin) == 2
