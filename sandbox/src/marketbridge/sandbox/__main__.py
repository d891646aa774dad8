"""`python -m marketbridge.sandbox --host 127.0.0.1 --port 9100 [--rate 20 --burst 40] [--demo]`"""

from __future__ import annotations

import argparse

import uvicorn
from marketbridge.sandbox.app import create_app
from marketbridge.sandbox.core.ratelimit import RateLimitConfig
from marketbridge.sandbox.naver.admin_models import ProductIn
from marketbridge.sandbox.naver.admin_ops import seed_product
from marketbridge.sandbox.state import SandboxState

DEMO_CLIENT_ID = "mb-sandbox-naver-demo"
DEMO_CLIENT_SECRET = "$2a$04$MarketBridgeSandboxDeu"
DEMO_ACCOUNT_ID = "ncp_sandbox_demo"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m marketbridge.sandbox", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9100)
    parser.add_argument("--rate", type=float, default=20.0, help="requests/s per client and API group")
    parser.add_argument("--burst", type=int, default=40)
    parser.add_argument("--no-rate-limit", action="store_true")
    parser.add_argument("--seed", type=int, default=None, help="seed for synthetic data")
    parser.add_argument("--demo", action="store_true", help="register a demo Naver app and product")
    parser.add_argument("--log-level", default="info")
    args = parser.parse_args(argv)
    state = SandboxState.create(seed=args.seed, rate_limit=RateLimitConfig(args.rate, args.burst,
                                                                           not args.no_rate_limit))
    if args.demo:
        state.naver.register_app(client_id=DEMO_CLIENT_ID, client_secret=DEMO_CLIENT_SECRET,
                                 account_id=DEMO_ACCOUNT_ID, name="demo")
        seed_product(state.naver, state.naver.account(DEMO_ACCOUNT_ID), ProductIn(seller_management_code="DEMO-1"))
        print(f"naver demo app: client_id={DEMO_CLIENT_ID} account_id={DEMO_ACCOUNT_ID}")
    uvicorn.run(create_app(state), host=args.host, port=args.port, log_level=args.log_level, access_log=False,
                timeout_keep_alive=120)  # longer than any client keeps an idle pooled connection


if __name__ == "__main__":
    main()
