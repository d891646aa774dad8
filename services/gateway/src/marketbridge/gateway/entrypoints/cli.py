"""`python -m marketbridge.gateway serve | migrate | create-owner ...`.

The distributed mode has no default account: its first owner is made with `create-owner`.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

import orjson
import uvicorn
from marketbridge.gateway.bootstrap import build, create_owner
from marketbridge.gateway.config import GatewaySettings
from marketbridge.runtime.errors import DomainError, ValidationFailed
from marketbridge.runtime.logging import configure_logging
from marketbridge.runtime.tracing import configure_tracing


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m marketbridge.gateway", description="MarketBridge gateway")
    commands = root.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="serve the public API on MB_HTTP_HOST:MB_HTTP_PORT")
    commands.add_parser("migrate", help="apply the gateway's database migrations")
    owner = commands.add_parser("create-owner", help="register a tenant (seller company) and its first owner")
    owner.add_argument("--tenant-name", required=True, help="company name (default manufacturer/brand)")
    owner.add_argument("--email", required=True)
    owner.add_argument("--password", required=True, help="8+ characters with letters and digits")
    owner.add_argument("--name", default="대표", help="the owner's display name")
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    settings = GatewaySettings()
    if args.command == "serve":
        serve(settings)
        return 0
    if args.command == "migrate":
        asyncio.run(_migrate(settings))
        return 0
    try:
        tenant_id, user_id = asyncio.run(_create_owner(settings, args.tenant_name, args.email, args.password, args.name))
    except DomainError as exc:
        details = exc.errors if isinstance(exc, ValidationFailed) else [exc]
        for error in details:
            print(f"{error.code}: {error.message}", file=sys.stderr)
        return 1
    print(orjson.dumps({"tenant_id": tenant_id, "user_id": user_id}).decode())
    return 0


def serve(settings: GatewaySettings) -> None:
    configure_logging(settings.service_name, settings.log_level, settings.log_json)
    configure_tracing(settings.service_name, settings.otel_exporter, settings.otel_endpoint)
    gateway = build(settings)
    uvicorn.run(gateway.app, host=settings.http_host, port=settings.http_port, log_config=None)


async def _migrate(settings: GatewaySettings) -> None:
    gateway = build(settings)
    try:
        await gateway.runtime.migrate()
    finally:
        await gateway.runtime.db.dispose()


async def _create_owner(settings: GatewaySettings, tenant: str, email: str, password: str, name: str) -> tuple[str, str]:
    """Writes the tenant, the owner and their events (outbox); the running gateway's relay publishes them."""
    gateway = build(settings)
    try:
        await gateway.runtime.migrate()
        return await create_owner(gateway, tenant, email, password, name)
    finally:
        await gateway.runtime.db.dispose()
