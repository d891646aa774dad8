"""Monitoring for operations, rendered by generate.py into deploy/k8s/monitoring/ (a kustomization of its own,
applied where the Prometheus Operator and Grafana run: `kubectl apply -k deploy/k8s/monitoring`): alerting
rules (a `PrometheusRule`; every alert says what it watches and what to do) and a Grafana dashboard (a
ConfigMap for Grafana's dashboard sidecar). A test parses every expression and checks that each metric it
uses is one the code exports."""

from __future__ import annotations

import json
from typing import Any


def alert(name: str, expr: str, minutes: int, severity: str, summary: str, action: str) -> dict[str, Any]:
    return {
        "alert": name,
        "expr": expr,
        "for": f"{minutes}m",
        "labels": {"severity": severity, "team": "marketbridge"},
        "annotations": {"summary": summary, "description": action},
    }


ALERTS = [
    alert(
        "MarketBridgeCollectionFailing",
        'sum by (marketplace) (increase(mb_collection_runs_total{outcome="failed"}[2h])) > 0'
        ' unless sum by (marketplace) (increase(mb_collection_runs_total{outcome="succeeded"}[2h])) > 0',
        10, "critical", "Every order collection for {{ $labels.marketplace }} failed in the last two hours",
        "Orders may be missed. Read the failure reason per account (GET /api/v1/collections/status) and the sync "
        "log; expired API keys show as authentication rejections.",
    ),
    alert(
        "MarketBridgeCollectionStale",
        "time() - max by (marketplace) (mb_collection_last_success_timestamp_seconds) > 3 * 3600",
        10, "warning", "No successful order collection for {{ $labels.marketplace }} for three hours",
        "The CronJob runs every two hours (ORD-COL-1): check that it ran (kubectl get jobs) and that the "
        "order-collector and the connector worker are ready.",
    ),
    alert(
        "MarketBridgeInvoiceSendFailures",
        'sum by (marketplace) (increase(mb_order_events_total{event="InvoiceSendFailed"}[30m]))'
        ' / clamp_min(sum by (marketplace) (increase(mb_order_events_total{event=~"InvoiceSent|InvoiceSendFailed"}'
        "[30m])), 1) > 0.05",
        15, "warning", "More than 5% of invoice sends to {{ $labels.marketplace }} fail",
        "Each failed order keeps the marketplace's own message (last_error_message); fix the invoices and "
        "send again (POST /api/v1/orders/invoices/send).",
    ),
    alert(
        "MarketBridgeMarketplaceAuthRejected",
        'sum by (marketplace) (increase(connectors_calls_total{outcome="auth_rejected"}[30m])) > 0',
        5, "warning", "{{ $labels.marketplace }} rejects the credentials of an account",
        "After three rejections in a row the account is marked as needing attention and calls stop; the "
        "seller must renew the API key (GET /api/v1/marketplace-accounts shows which).",
    ),
    alert(
        "MarketBridgeMarketplaceErrors",
        'sum by (marketplace) (rate(connectors_calls_total{outcome=~"transient|failed"}[15m]))'
        " / clamp_min(sum by (marketplace) (rate(connectors_calls_total[15m])), 0.001) > 0.2",
        15, "warning", "More than 20% of calls to {{ $labels.marketplace }} fail with transient errors",
        "The marketplace answers 5xx, 429 or times out; calls are retried. Check the marketplace's notices "
        "and the worker's logs (connector-<marketplace>).",
    ),
    alert(
        "MarketBridgeDeadLetters",
        "sum by (queue) (increase(mb_messages_dead_lettered_total[15m])) > 0",
        0, "warning", "Messages reached the dead-letter queue of {{ $labels.queue }}",
        "List them with their reason and replay once the cause is fixed: "
        "python -m marketbridge.runtime.dlq list --queue <queue> / replay --queue <queue>.",
    ),
    alert(
        "MarketBridgeOutboxBacklog",
        "max by (service) (mb_outbox_pending_messages) > 1000",
        10, "warning", "{{ $labels.service }} has more than 1,000 events not yet published",
        "The outbox relay cannot keep up or cannot reach RabbitMQ: check the broker and the service's logs.",
    ),
    alert(
        "MarketBridgeHttpErrors",
        'sum by (service) (rate(mb_http_requests_total{status=~"5.."}[5m]))'
        " / clamp_min(sum by (service) (rate(mb_http_requests_total[5m])), 0.001) > 0.05",
        10, "critical", "More than 5% of {{ $labels.service }}'s HTTP answers are server errors",
        "Look up the failing requests by correlation_id in the service's JSON logs.",
    ),
    alert(
        "MarketBridgeCatalogImportFailed",
        'sum (increase(mb_catalog_import_jobs_total{status="failed"}[1h])) > 0',
        0, "info", "An Excel product import failed",
        "The job status (GET /api/v1/products/excel/imports/{job_id}) says why; unreadable files are the "
        "seller's, anything else is in the catalog's logs.",
    ),
]


def prometheus_rule() -> dict[str, Any]:
    return {
        "apiVersion": "monitoring.coreos.com/v1",
        "kind": "PrometheusRule",
        "metadata": {"name": "marketbridge", "labels": {"app.kubernetes.io/part-of": "marketbridge"}},
        "spec": {"groups": [{"name": "marketbridge", "rules": ALERTS}]},
    }


def panel(title: str, expr: str, legend: str, unit: str = "short", x: int = 0, y: int = 0) -> dict[str, Any]:
    return {
        "type": "timeseries",
        "title": title,
        "gridPos": {"x": x, "y": y, "w": 12, "h": 8},
        "datasource": {"type": "prometheus", "uid": "${datasource}"},
        "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
        "targets": [{"expr": expr, "legendFormat": legend, "refId": "A"}],
    }


PANELS = [
    ("Orders collected / min", "sum by (marketplace) (rate(mb_orders_collected_total[5m])) * 60", "{{marketplace}}"),
    (
        "Collection runs / h by outcome",
        "sum by (marketplace, outcome) (increase(mb_collection_runs_total[1h]))",
        "{{marketplace}} {{outcome}}",
    ),
    (
        "Hours since the last successful collection",
        "(time() - max by (marketplace) (mb_collection_last_success_timestamp_seconds)) / 3600",
        "{{marketplace}}",
    ),
    (
        "Invoices sent and failed / h",
        'sum by (marketplace, event) (increase(mb_order_events_total{event=~"InvoiceSent|InvoiceSendFailed"}[1h]))',
        "{{marketplace}} {{event}}",
    ),
    (
        "Order events / h (acknowledged, completed, cancelled)",
        'sum by (event) (increase(mb_order_events_total{event!~"Invoice.*"}[1h]))',
        "{{event}}",
    ),
    (
        "Marketplace calls / s by outcome",
        "sum by (marketplace, outcome) (rate(connectors_calls_total[5m]))",
        "{{marketplace}} {{outcome}}",
    ),
    ("Messages dead-lettered / h", "sum by (queue) (increase(mb_messages_dead_lettered_total[1h]))", "{{queue}}"),
    ("Outbox backlog", "max by (service) (mb_outbox_pending_messages)", "{{service}}"),
    (
        "HTTP p95 latency (s)",
        "histogram_quantile(0.95, sum by (service, le) (rate(mb_http_request_seconds_bucket[5m])))",
        "{{service}}",
    ),
    (
        "Excel import rows / h",
        "sum by (kind, outcome) (increase(mb_catalog_import_rows_total[1h]))",
        "{{kind}} {{outcome}}",
    ),
]


def grafana_dashboard() -> dict[str, Any]:
    """The operations dashboard, as a ConfigMap Grafana's dashboard sidecar picks up (label grafana_dashboard)."""
    panels = [panel(t, e, legend, x=12 * (i % 2), y=8 * (i // 2)) for i, (t, e, legend) in enumerate(PANELS)]
    dashboard = {
        "title": "MarketBridge operations",
        "uid": "marketbridge-ops",
        "schemaVersion": 39,
        "time": {"from": "now-24h", "to": "now"},
        "refresh": "1m",
        "templating": {"list": [{"name": "datasource", "type": "datasource", "query": "prometheus"}]},
        "panels": panels,
    }
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "marketbridge-dashboard", "labels": {"grafana_dashboard": "1"}},
        "data": {"marketbridge-operations.json": json.dumps(dashboard, ensure_ascii=False, indent=1)},
    }
