"""Driver of the 공영홈쇼핑 emulator — (modelled) dialect, our invention — for the contract suite and benchmarks."""

from __future__ import annotations

from marketbridge.sandbox.homeshopping_common.driver import HomeShoppingDriver


class Driver(HomeShoppingDriver):
    prefix = "/publichs"
    marketplace = "publichs"
