import { systemClock, type Clock, type MeshMiddleware, type RequestContext, type RequestReport } from '@modelmesh/core';
import { context as otelContext, metrics as otelMetrics, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type MeterProvider, type Span, type TracerProvider } from '@opentelemetry/api';
import { ATTR, attemptAttributes, failureKindOf, MESH, operationName, providerName } from './genai-attributes.js';
import { genAiMetrics, type GenAiMetrics } from './genai-metrics.js';

/** Options of {@link otelMiddleware}. */
export interface OtelOptions {
  /** Where spans go (default: the globally registered provider; none registered means no spans, at almost no cost). */
  readonly tracerProvider?: TracerProvider;
  /** Where metrics go (default: the global provider, looked up at the first request). */
  readonly meterProvider?: MeterProvider;
  /** Clock for span start and end times (default: the system clock). */
  readonly clock?: Clock;
}

const SCOPE = '@modelmesh/middleware-otel';

/** The spans of one request in flight. */
interface RequestSpans {
  readonly span: Span;
  /** The context attempts start their spans in (the request span as parent). */
  readonly parent: Context;
  /** Attempt spans still open: a committed stream's attempt ends with the request. */
  readonly open: Map<number, Span>;
}

/**
 * OpenTelemetry spans and metrics on the GenAI semantic conventions: one client span per
 * request (`chat <pool>`, `embeddings <pool>`) with a child span per attempt
 * (`chat <model id>`), so a failover shows as two children; errors are recorded with their
 * ModelMesh type in `error.type`. Metrics: `gen_ai.client.operation.duration` and
 * `gen_ai.client.token.usage`. Depends only on `@opentelemetry/api`; with no SDK registered,
 * attempts are not wrapped in spans at all.
 */
export function otelMiddleware(options: OtelOptions = {}): MeshMiddleware {
  const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(SCOPE);
  const clock = options.clock ?? systemClock;
  let instruments: GenAiMetrics | undefined;
  const meters = () => (instruments ??= genAiMetrics((options.meterProvider ?? otelMetrics.getMeterProvider()).getMeter(SCOPE)));
  const requests = new WeakMap<RequestContext, RequestSpans>();

  const spansOf = (request: RequestContext): RequestSpans => {
    let spans = requests.get(request);
    if (!spans) {
      const active = otelContext.active();
      const span = tracer.startSpan(`${operationName(request.operation)} ${request.poolName}`, { kind: SpanKind.CLIENT, startTime: request.startedAt }, active);
      if (span.isRecording()) {
        span.setAttributes({ [ATTR.operation]: operationName(request.operation), [ATTR.requestModel]: request.poolName, [MESH.requestId]: request.requestId, [MESH.pool]: request.poolName });
      }
      spans = { span, parent: trace.setSpan(active, span), open: new Map() };
      requests.set(request, spans);
    }
    return spans;
  };

  return {
    name: 'otel',
    async wrapAttempt(context, next) {
      const spans = spansOf(context.request);
      if (!spans.span.isRecording()) return next();
      const span = tracer.startSpan(`${operationName(context.request.operation)} ${context.modelId}`, { kind: SpanKind.CLIENT, startTime: clock.now(), attributes: attemptAttributes(context) }, spans.parent);
      try {
        const outcome = await otelContext.with(trace.setSpan(spans.parent, span), next);
        if (outcome.streaming) {
          spans.open.set(context.attempt, span);
        } else {
          if (outcome.responseModel !== undefined) span.setAttribute(ATTR.responseModel, outcome.responseModel);
          if (outcome.usage) span.setAttributes({ [ATTR.inputTokens]: outcome.usage.prompt_tokens, [ATTR.outputTokens]: outcome.usage.completion_tokens });
          span.end(clock.now());
        }
        return outcome;
      } catch (error) {
        recordError(span, error);
        span.end(clock.now());
        throw error;
      }
    },
    onRequestEnd(report) {
      const spans = spansOf(report.context);
      requests.delete(report.context);
      const end = clock.now();
      if (spans.span.isRecording()) {
        for (const [attempt, span] of spans.open) finishAttempt(span, report, attempt, end);
        finishRequest(spans.span, report, end);
      }
      recordMetrics(meters(), report);
    },
  };
}

function recordError(span: Span, error: unknown): void {
  const name = error instanceof Error ? error.name : 'Error';
  span.setAttribute(ATTR.errorType, name);
  if (error instanceof Error) span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

function outcomeAttributes(report: RequestReport): Attributes {
  const attributes: Attributes = {};
  if (report.responseModel !== undefined) attributes[ATTR.responseModel] = report.responseModel;
  if (report.usage && !report.cacheHit) {
    attributes[ATTR.inputTokens] = report.usage.prompt_tokens;
    attributes[ATTR.outputTokens] = report.usage.completion_tokens;
  }
  const completion = report.completion;
  if (completion) {
    attributes[ATTR.responseId] = completion.id;
    attributes[ATTR.finishReasons] = completion.choices.map((choice) => String(choice.finish_reason));
  }
  return attributes;
}

/** Ends a committed stream's attempt span with what the stream's end taught. */
function finishAttempt(span: Span, report: RequestReport, attempt: number, end: number): void {
  span.setAttributes(outcomeAttributes(report));
  if (!report.ok && report.error) {
    recordError(span, report.error);
    const kind = failureKindOf(report.attempts, attempt);
    if (kind) span.setAttribute(MESH.failureKind, kind);
  }
  span.end(end);
}

function finishRequest(span: Span, report: RequestReport, end: number): void {
  span.setAttributes({
    ...outcomeAttributes(report),
    [MESH.attempts]: report.attempts.length,
    [MESH.failovers]: report.failovers,
    [MESH.cacheHit]: report.cacheHit,
    [MESH.cost]: report.cost,
    ...(report.answeredBy ? { [ATTR.provider]: providerName(report.answeredBy.connector), [MESH.modelKey]: report.answeredBy.modelKey } : {}),
  });
  if (!report.ok && report.error) recordError(span, report.error);
  span.end(end);
}

function recordMetrics(instruments: GenAiMetrics, report: RequestReport): void {
  const attributes: Attributes = {
    [ATTR.operation]: operationName(report.context.operation),
    [ATTR.requestModel]: report.context.poolName,
    [MESH.cacheHit]: report.cacheHit,
  };
  if (report.answeredBy) attributes[ATTR.provider] = providerName(report.answeredBy.connector);
  if (report.responseModel !== undefined) attributes[ATTR.responseModel] = report.responseModel;
  if (!report.ok && report.error) attributes[ATTR.errorType] = report.error.name;
  instruments.duration.record(report.latencyMs / 1000, attributes);
  // A cache hit used no tokens.
  if (report.usage && !report.cacheHit) {
    instruments.tokens.record(report.usage.prompt_tokens, { ...attributes, [ATTR.tokenType]: 'input' });
    instruments.tokens.record(report.usage.completion_tokens, { ...attributes, [ATTR.tokenType]: 'output' });
  }
}
