"""OpenTelemetry tracing whose context crosses HTTP (traceparent header) and AMQP (message headers)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, MutableMapping

from opentelemetry import context, propagate, trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SpanExporter
from opentelemetry.trace import SpanKind

_tracer = trace.get_tracer("marketbridge")


def configure_tracing(service_name: str, exporter: str = "none", endpoint: str | None = None) -> TracerProvider:
    """Install a provider once per process; spans are recorded even without an exporter (ids propagate)."""
    current = trace.get_tracer_provider()
    if isinstance(current, TracerProvider):
        return current
    provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    span_exporter: SpanExporter | None = None
    if exporter == "console":
        span_exporter = ConsoleSpanExporter()
    elif exporter == "otlp":
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        span_exporter = OTLPSpanExporter(endpoint=endpoint) if endpoint else OTLPSpanExporter()
    if span_exporter is not None:
        provider.add_span_processor(BatchSpanProcessor(span_exporter))
    trace.set_tracer_provider(provider)
    return provider


def inject(carrier: MutableMapping[str, str]) -> MutableMapping[str, str]:
    """Write the current trace context (traceparent) into headers of an HTTP request or AMQP message."""
    propagate.inject(carrier)
    return carrier


def current_trace_id() -> str | None:
    ctx = trace.get_current_span().get_span_context()
    return format(ctx.trace_id, "032x") if ctx.is_valid else None


@contextlib.contextmanager
def consumer_span(name: str, headers: dict[str, str], **attributes: str) -> Iterator[None]:
    token = context.attach(propagate.extract(headers))
    try:
        with _tracer.start_as_current_span(name, kind=SpanKind.CONSUMER, attributes=attributes):
            yield
    finally:
        context.detach(token)


@contextlib.contextmanager
def server_span(name: str, headers: dict[str, str], **attributes: str) -> Iterator[None]:
    token = context.attach(propagate.extract(headers))
    try:
        with _tracer.start_as_current_span(name, kind=SpanKind.SERVER, attributes=attributes):
            yield
    finally:
        context.detach(token)


@contextlib.contextmanager
def span(name: str, **attributes: str) -> Iterator[None]:
    with _tracer.start_as_current_span(name, attributes=attributes):
        yield
