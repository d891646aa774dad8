"""The distributed mode on one machine: every service and every connector worker as its own process, on
PostgreSQL and RabbitMQ, configured only by environment variables (as Kubernetes would).

`python -m marketbridge.embedded.distributed up` runs it in the foreground (`make up`); tests and
benchmarks use `Stack` to start one with a fresh database and broker namespace, kill and restart
processes, and tear everything down.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg  # type: ignore[import-untyped]
import httpx
from marketbridge.connectors.factories import PACKAGES, connectable

SERVICES = ("catalog", "listing", "connectors", "order-collector", "fulfillment", "claims", "inquiries", "analytics")


def sandbox_base_urls(sandbox_url: str) -> dict[str, str]:
    """Each marketplace's seller API as the sandbox serves it: `<sandbox>/<dialect>/external`."""
    return {m: f"{sandbox_url}/{PACKAGES[m]}/external" for m in connectable()}


@dataclass
class ProcessSpec:
    name: str
    args: list[str]
    port: int
    env: dict[str, str] = field(default_factory=dict)


@dataclass
class Stack:
    database: str = "marketbridge"
    pg_admin_dsn: str = "postgresql://postgres@127.0.0.1:5432/postgres"
    amqp_url: str = "amqp://guest:guest@127.0.0.1:5672/"
    namespace: str = "mb"
    base_port: int = 8100
    gateway_port: int = 8000
    sandbox_port: int = 9100
    log_dir: Path = Path("data/logs")
    sandbox_args: list[str] = field(default_factory=lambda: ["--demo"])
    extra_env: dict[str, str] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    @property
    def database_url(self) -> str:
        host = self.pg_admin_dsn.split("://", 1)[1].rsplit("/", 1)[0]
        return f"postgresql+asyncpg://{host}/{self.database}"

    @property
    def gateway_url(self) -> str:
        return f"http://127.0.0.1:{self.gateway_port}"

    @property
    def sandbox_url(self) -> str:
        return f"http://127.0.0.1:{self.sandbox_port}"

    def service_port(self, name: str) -> int:
        return self.base_port + 1 + SERVICES.index(name)

    def specs(self) -> list[ProcessSpec]:
        specs = [ProcessSpec("sandbox", ["-m", "marketbridge.sandbox", "--port", str(self.sandbox_port), *self.sandbox_args],
                             self.sandbox_port)]
        for name in SERVICES:
            module = "marketbridge." + name.replace("-", "_")
            specs.append(ProcessSpec(name, ["-m", module, "serve"], self.service_port(name)))
        for i, mp in enumerate(connectable()):
            port = self.base_port + 50 + i
            specs.append(ProcessSpec(f"connector-{mp}", ["-m", "marketbridge.connectors", "worker", "--marketplace", mp], port))
        urls = {name: f"http://127.0.0.1:{self.service_port(name)}" for name in SERVICES}
        specs.append(ProcessSpec("gateway", ["-m", "marketbridge.gateway", "serve"], self.gateway_port,
                                 {"MB_SERVICE_URLS": json.dumps(urls)}))
        return specs

    def env_for(self, spec: ProcessSpec) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("MB_")}
        env |= {
            "MB_DATABASE_URL": self.database_url,
            "MB_BUS": "rabbitmq",
            "MB_AMQP_URL": self.amqp_url,
            "MB_NAMESPACE": self.namespace,
            "MB_HTTP_PORT": str(spec.port),
            "MB_MARKETPLACE_BASE_URLS": json.dumps(sandbox_base_urls(self.sandbox_url)),
            "PYTHONUNBUFFERED": "1",
        }
        return env | self.extra_env | spec.env

    async def create_database(self) -> None:
        conn = await asyncpg.connect(self.pg_admin_dsn)
        try:
            exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", self.database)
            if not exists:
                await conn.execute(f'CREATE DATABASE "{self.database}"')
        finally:
            await conn.close()

    async def drop_database(self) -> None:
        conn = await asyncpg.connect(self.pg_admin_dsn)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        finally:
            await conn.close()

    def spawn(self, spec: ProcessSpec) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_dir / f"{spec.name}.log", "ab")
        self.processes[spec.name] = subprocess.Popen(
            [sys.executable, *spec.args], env=self.env_for(spec), stdout=log, stderr=subprocess.STDOUT
        )

    async def start(self, timeout: float = 120.0) -> None:
        await self.create_database()
        specs = self.specs()
        for spec in specs:
            self.spawn(spec)
        await self.wait_ready([s for s in specs], timeout)

    async def wait_ready(self, specs: list[ProcessSpec], timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        async with httpx.AsyncClient(timeout=2.0) as client:
            for spec in specs:
                path = "/healthz" if spec.name == "sandbox" else "/readyz"
                while True:
                    proc = self.processes[spec.name]
                    if proc.poll() is not None:
                        raise RuntimeError(f"{spec.name} exited with {proc.returncode}; see {self.log_dir}/{spec.name}.log")
                    try:
                        if (await client.get(f"http://127.0.0.1:{spec.port}{path}")).status_code == 200:
                            break
                    except httpx.TransportError:
                        pass
                    if time.monotonic() > deadline:
                        raise TimeoutError(f"{spec.name} not ready; see {self.log_dir}/{spec.name}.log")
                    await asyncio.sleep(0.2)

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        proc = self.processes[name]
        proc.send_signal(sig)
        proc.wait(timeout=30)

    async def restart(self, name: str) -> None:
        spec = next(s for s in self.specs() if s.name == name)
        self.spawn(spec)
        await self.wait_ready([spec])

    def pid(self, name: str) -> int:
        return self.processes[name].pid

    async def stop(self) -> None:
        for proc in self.processes.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.processes.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self.processes.clear()


def _new_namespace() -> str:
    return f"mbdev{uuid.uuid4().hex[:6]}"


async def _up(args: argparse.Namespace) -> None:
    stack = Stack(database=args.database, namespace=args.namespace, gateway_port=args.port)
    await stack.start()
    print(f"MarketBridge (distributed) on {stack.gateway_url}  sandbox {stack.sandbox_url}  logs {stack.log_dir}/")
    print("Create the first owner: .venv/bin/python -m marketbridge.gateway create-owner --tenant-name ... "
          "--email ... --password ...  (with MB_DATABASE_URL set as for the gateway)")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await stack.stop()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m marketbridge.embedded.distributed")
    parser.add_argument("command", choices=["up"])
    parser.add_argument("--database", default=os.environ.get("MB_UP_DATABASE", "marketbridge"))
    parser.add_argument("--namespace", default=os.environ.get("MB_NAMESPACE", "mb"))
    parser.add_argument("--port", type=int, default=8000)
    asyncio.run(_up(parser.parse_args()))


if __name__ == "__main__":
    main()
