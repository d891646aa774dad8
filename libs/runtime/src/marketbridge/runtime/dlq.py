"""Operator tool for dead-letter queues: list what failed (with the reason) and replay it.

    python -m marketbridge.runtime.dlq list --queue connectors.naver.orders [--limit 50] [--json]
    python -m marketbridge.runtime.dlq replay --queue connectors.naver.orders [--id MESSAGE_ID ...]

Uses the same MB_AMQP_URL / MB_NAMESPACE as the services.
"""

from __future__ import annotations

import argparse
import asyncio
import json

from marketbridge.runtime.bus.rabbitmq import RabbitMQBus
from marketbridge.runtime.config import ServiceSettings


async def _run(args: argparse.Namespace) -> int:
    settings = ServiceSettings(service_name="dlq-cli")
    bus = RabbitMQBus(settings.amqp_url, namespace=settings.namespace, service="dlq-cli")
    await bus.start()
    try:
        if args.command == "list":
            letters = await bus.dead_letters(args.queue, args.limit)
            rows = [
                {
                    "message_id": d.message_id,
                    "type": d.type,
                    "attempts": d.attempts,
                    "failed_at": d.failed_at.isoformat() if d.failed_at else None,
                    "error": d.error,
                }
                for d in letters
            ]
            if args.json:
                print(json.dumps(rows, ensure_ascii=False, indent=2))
            else:
                for r in rows:
                    print(
                        f"{r['message_id']}  {r['type']}  attempts={r['attempts']}  {r['failed_at']}\n    {r['error']}"
                    )
                print(f"{len(rows)} dead letter(s) in {settings.namespace}.{args.queue}.dlq")
        else:
            count = await bus.replay_dead_letters(args.queue, args.id or None)
            print(f"replayed {count} message(s) to {settings.namespace}.{args.queue}")
    finally:
        await bus.close()
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m marketbridge.runtime.dlq",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("command", choices=["list", "replay"])
    parser.add_argument("--queue", required=True, help="consumer queue name without the namespace")
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--id", action="append", help="replay only these message ids")
    parser.add_argument("--json", action="store_true")
    raise SystemExit(asyncio.run(_run(parser.parse_args())))


if __name__ == "__main__":
    main()
