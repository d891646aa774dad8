"""Renders the Kubernetes manifests of the distributed mode into deploy/k8s/base/ (`python deploy/k8s/generate.py`).

One Deployment (+ Service) per service, one Deployment per connector worker (one per connectable
marketplace), a CronJob that triggers order collection every 2 hours (ORD-COL-1), probes on /healthz and
/readyz, resource requests and limits, and Prometheus scrape annotations on every pod. Configuration is by
environment only: a ConfigMap for the shared settings and a Secret (created by the operator, see
secret.example.yaml) for database/broker URLs and keys. A test checks that the committed files match.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]
from marketbridge.connectors.factories import connectable

sys.path.insert(0, str(Path(__file__).parent))
from monitoring import grafana_dashboard, prometheus_rule  # a module beside this script, not a package

OUT = Path(__file__).parent / "base"
MONITORING = Path(__file__).parent / "monitoring"
IMAGE = "registry.example.com/marketbridge:0.1.0"
PORT = 8000
SERVICES = {  # name: (module, cpu request, memory limit)
    "gateway": ("marketbridge.gateway", "200m", "512Mi"),
    "catalog": ("marketbridge.catalog", "200m", "512Mi"),
    "listing": ("marketbridge.listing", "100m", "384Mi"),
    "connectors": ("marketbridge.connectors", "100m", "384Mi"),
    "order-collector": ("marketbridge.order_collector", "200m", "512Mi"),
    "fulfillment": ("marketbridge.fulfillment", "300m", "768Mi"),
    "claims": ("marketbridge.claims", "50m", "256Mi"),
    "inquiries": ("marketbridge.inquiries", "50m", "256Mi"),
    "analytics": ("marketbridge.analytics", "50m", "256Mi"),
}


def labels(name: str, component: str) -> dict[str, str]:
    return {"app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "marketbridge",
            "app.kubernetes.io/component": component}


def container(name: str, args: list[str], cpu: str, memory: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    probe = {"httpGet": {"path": "/healthz", "port": "http"}, "periodSeconds": 10, "failureThreshold": 3}
    return {
        "name": name,
        "image": IMAGE,
        "args": args,
        "ports": [{"name": "http", "containerPort": PORT}],
        "envFrom": [{"configMapRef": {"name": "marketbridge"}}, {"secretRef": {"name": "marketbridge"}}],
        "env": [{"name": "MB_SERVICE_NAME", "value": name}] + [{"name": k, "value": v} for k, v in (env or {}).items()],
        "startupProbe": {"httpGet": {"path": "/healthz", "port": "http"}, "periodSeconds": 2, "failureThreshold": 60},
        "livenessProbe": probe,
        "readinessProbe": {"httpGet": {"path": "/readyz", "port": "http"}, "periodSeconds": 5, "failureThreshold": 2},
        "resources": {"requests": {"cpu": cpu, "memory": memory}, "limits": {"memory": memory}},
        "securityContext": {"runAsNonRoot": True, "readOnlyRootFilesystem": True, "allowPrivilegeEscalation": False},
    }


def deployment(name: str, component: str, args: list[str], cpu: str, memory: str,
               env: dict[str, str] | None = None, replicas: int = 1) -> dict[str, Any]:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "labels": labels(name, component)},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app.kubernetes.io/name": name}},
            "template": {
                "metadata": {
                    "labels": labels(name, component),
                    "annotations": {"prometheus.io/scrape": "true", "prometheus.io/port": str(PORT),
                                    "prometheus.io/path": "/metrics"},
                },
                "spec": {
                    # graceful shutdown: in-flight messages finish and the outbox drains (SIGTERM)
                    "terminationGracePeriodSeconds": 60,
                    "containers": [container(name, args, cpu, memory, env)],
                },
            },
        },
    }


def service(name: str) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": name, "labels": labels(name, "service")},
        "spec": {"selector": {"app.kubernetes.io/name": name}, "ports": [{"name": "http", "port": 80, "targetPort": "http"}]},
    }


def collection_cronjob() -> dict[str, Any]:
    job_container = container("collect-orders", ["-m", "marketbridge.order_collector", "trigger"], "100m", "256Mi",
                              {"MB_DATABASE_SCHEMA": "order_collector"})
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        job_container.pop(probe)
    job_container.pop("ports")
    return {
        "apiVersion": "batch/v1",
        "kind": "CronJob",
        "metadata": {"name": "collect-orders", "labels": labels("collect-orders", "cronjob")},
        "spec": {
            "schedule": "0 */2 * * *",  # ORD-COL-1: every 2 hours, every day
            "concurrencyPolicy": "Forbid",
            "jobTemplate": {"spec": {"backoffLimit": 2, "template": {"spec": {
                "restartPolicy": "Never", "containers": [job_container]}}}},
        },
    }


def config_map() -> dict[str, Any]:
    urls = {n: f"http://{n}" for n in SERVICES if n != "gateway"}
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "marketbridge", "labels": labels("marketbridge", "config")},
        "data": {
            "MB_ENVIRONMENT": "production",
            "MB_BUS": "rabbitmq",
            "MB_NAMESPACE": "mb",
            "MB_HTTP_HOST": "0.0.0.0",
            "MB_HTTP_PORT": str(PORT),
            "MB_LOG_JSON": "true",
            "MB_SCHEDULER_ENABLED": "false",  # the CronJob triggers collection in the distributed mode
            "MB_SERVICE_URLS": json.dumps(urls),
        },
    }


def manifests() -> dict[str, list[dict[str, Any]]]:
    files: dict[str, list[dict[str, Any]]] = {"config.yaml": [config_map()]}
    for name, (module, cpu, memory) in SERVICES.items():
        schema = name.replace("-", "_")
        env = {"MB_DATABASE_SCHEMA": schema}
        files[f"{name}.yaml"] = [deployment(name, "service", ["-m", module, "serve"], cpu, memory, env,
                                            replicas=2 if name == "gateway" else 1), service(name)]
    for marketplace in connectable():
        name = f"connector-{marketplace}"
        args = ["-m", "marketbridge.connectors", "worker", "--marketplace", marketplace]
        env = {"MB_DATABASE_SCHEMA": "connectors"}
        docs = [deployment(name, "connector-worker", args, "100m", "384Mi", env)]
        if marketplace == "interpark":
            # 인터파크 pulls product XML from the worker that published it: expose this Service through the
            # ingress and set the public URL here (the in-cluster one only suits an in-cluster emulator)
            env["MB_INTERPARK_FEED_BASE_URL"] = f"http://{name}/webhooks/interpark/feed"
            docs = [deployment(name, "connector-worker", args, "100m", "384Mi", env), service(name)]
        files[f"{name}.yaml"] = docs
    files["collect-orders-cronjob.yaml"] = [collection_cronjob()]
    return files


def render(files: dict[str, list[dict[str, Any]]] | None = None) -> dict[str, str]:
    rendered = {name: "---\n".join(yaml.safe_dump(d, sort_keys=False, allow_unicode=True) for d in docs)
                for name, docs in (manifests() if files is None else files).items()}
    resources = sorted(rendered)
    rendered["kustomization.yaml"] = yaml.safe_dump(
        {"apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization",
         "commonLabels": {"app.kubernetes.io/part-of": "marketbridge"}, "resources": resources}, sort_keys=False)
    return rendered


def render_monitoring() -> dict[str, str]:
    return render({"prometheus-rules.yaml": [prometheus_rule()], "grafana-dashboard.yaml": [grafana_dashboard()]})


def main() -> int:
    for folder, rendered in ((OUT, render()), (MONITORING, render_monitoring())):
        folder.mkdir(exist_ok=True)
        for old in folder.glob("*.yaml"):
            old.unlink()
        for name, text in rendered.items():
            (folder / name).write_text(text)
        print(f"wrote {len(rendered)} manifests to {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
