"""The committed Kubernetes manifests are what generate.py renders, and they carry what operations need."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import promql_parser
import yaml

HERE = Path(__file__).parent
spec = importlib.util.spec_from_file_location("k8s_generate", HERE / "generate.py")
assert spec is not None and spec.loader is not None
generate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(generate)


def test_committed_manifests_match_the_generator() -> None:
    for folder, rendered in (("base", generate.render()), ("monitoring", generate.render_monitoring())):
        for name, text in rendered.items():
            stale = f"run `python deploy/k8s/generate.py` ({folder}/{name} is stale)"
            assert (HERE / folder / name).read_text() == text, stale
        assert {p.name for p in (HERE / folder).glob("*.yaml")} == set(rendered)


def exported_metrics() -> set[str]:
    # importing the modules registers their metrics
    import marketbridge.catalog.metrics
    import marketbridge.connectors.worker
    import marketbridge.fulfillment.metrics
    import marketbridge.order_collector.metrics
    import marketbridge.runtime.metrics  # noqa: F401
    from prometheus_client import REGISTRY

    exported = set()
    for family in REGISTRY.collect():
        suffixes = {"counter": ["_total"], "histogram": ["_bucket", "_sum", "_count"]}.get(family.type, [""])
        exported |= {family.name + s for s in suffixes}
    return exported


def check_expression(name: str, expr: str, exported: set[str]) -> None:
    promql_parser.parse(expr)  # raises on a syntax error
    used = set(re.findall(r"\b(?:mb|connectors)_[a-z_]+\b", expr))
    assert used and used <= exported, (name, used - exported)


def test_every_alert_watches_metrics_the_code_exports() -> None:
    exported = exported_metrics()
    rules = yaml.safe_load((HERE / "monitoring" / "prometheus-rules.yaml").read_text())
    alerts = rules["spec"]["groups"][0]["rules"]
    assert len(alerts) >= 8
    for rule in alerts:
        check_expression(rule["alert"], rule["expr"], exported)
        assert rule["labels"]["severity"] in {"critical", "warning", "info"}
        assert rule["annotations"]["summary"] and rule["annotations"]["description"]


def test_the_dashboard_plots_metrics_the_code_exports() -> None:
    exported = exported_metrics()
    config_map = yaml.safe_load((HERE / "monitoring" / "grafana-dashboard.yaml").read_text())
    assert config_map["metadata"]["labels"] == {"grafana_dashboard": "1"}
    [dashboard] = [json.loads(text) for text in config_map["data"].values()]
    assert dashboard["uid"] == "marketbridge-ops" and len(dashboard["panels"]) >= 10
    for p in dashboard["panels"]:
        for target in p["targets"]:
            check_expression(p["title"], target["expr"], exported)


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
