"""The committed Kubernetes manifests are what generate.py renders, and they carry what operations need."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import yaml

HERE = Path(__file__).parent
spec = importlib.util.spec_from_file_location("k8s_generate", HERE / "generate.py")
assert spec is not None and spec.loader is not None
generate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(generate)


def test_committed_manifests_match_the_generator() -> None:
    for name, text in generate.render().items():
        assert (HERE / "base" / name).read_text() == text, f"run `python deploy/k8s/generate.py` ({name} is stale)"


def test_every_service_and_connector_worker_has_probes_limits_and_scraping() -> None:
    docs = [d for p in (HERE / "base").glob("*.yaml") for d in yaml.safe_load_all(p.read_text())]
    deployments = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Deployment"}
    from marketbridge.connectors.factories import connectable

    assert set(generate.SERVICES) | {f"connector-{m}" for m in connectable()} == set(deployments)
    for name, d in deployments.items():
        pod = d["spec"]["template"]
        c = pod["spec"]["containers"][0]
        assert c["readinessProbe"]["httpGet"]["path"] == "/readyz", name
        assert c["livenessProbe"]["httpGet"]["path"] == "/healthz", name
        assert c["resources"]["limits"]["memory"], name
        assert pod["metadata"]["annotations"]["prometheus.io/path"] == "/metrics", name
    cron = next(d for d in docs if d["kind"] == "CronJob")
    assert cron["spec"]["schedule"] == "0 */2 * * *"
    args = cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]["args"]
    assert args == ["-m", "marketbridge.order_collector", "trigger"]
    config = next(d for d in docs if d["kind"] == "ConfigMap")
    assert set(json.loads(config["data"]["MB_SERVICE_URLS"])) == set(generate.SERVICES) - {"gateway"}
