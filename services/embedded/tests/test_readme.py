"""README.md's walkthrough, run as written against `make run`'s embedded product (its own port and data
folder): the first slice must keep working exactly as the README shows it."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[3]


def walkthrough() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", text, flags=re.S)
    script = next(b for b in blocks if b.startswith("B=http://127.0.0.1:8000"))
    return script


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_readme_walkthrough_ends_with_the_invoice_sent(tmp_path: Path) -> None:
    port = free_port()
    env = os.environ | {"MB_LOG_LEVEL": "WARNING"}
    log = (tmp_path / "embedded.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "marketbridge.embedded", "--port", str(port), "--data-dir", str(tmp_path / "data")],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, (tmp_path / "embedded.log").read_text()
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the embedded product did not start"
            time.sleep(0.3)
        script = walkthrough().replace("B=http://127.0.0.1:8000", f"B=http://127.0.0.1:{port}", 1)
        # every wait in the script is bounded by the test's timeout; `set -e` stops at the first failure
        done = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", script + '\ncurl -sf -H "$H" $B/api/v1/orders/$OID | jq -r .status\n'],
            capture_output=True, text=True, timeout=180, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        assert done.stdout.strip().endswith("INVOICE_SENT"), done.stdout
        assert '"trackingNumber": "612345678901"' in done.stdout, "the marketplace holds the dispatch"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
