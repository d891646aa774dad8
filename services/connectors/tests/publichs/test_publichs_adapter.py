"""The 공영홈쇼핑 adapter — (modelled) dialect, our invention: every operation, error mapping and the 종합몰
rules run as the shared home-shopping scenarios (../homeshopping.py) with the mall in conftest.py."""

from __future__ import annotations

from ..homeshopping import DriverScenarios, HomeShoppingScenarios, ProductQnaScenarios


class TestPublicHs(HomeShoppingScenarios, DriverScenarios, ProductQnaScenarios):
    """Every shared scenario against the 공영홈쇼핑 emulator, product Q&A included."""
