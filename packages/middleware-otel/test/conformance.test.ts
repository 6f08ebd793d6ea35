import { providerPlugin } from '@modelmesh/providers-openai-compatible';
import { runMiddlewareConformance } from '@modelmesh/testing/vitest';
import { afterAll } from 'vitest';
import { otelMiddleware } from '../src/index.js';
import { memorySdk } from './support/otel-sdk.js';

const sdk = memorySdk();
afterAll(() => sdk.shutdown());

runMiddlewareConformance({ name: 'otel (SDK registered)', plugin: providerPlugin, middleware: () => [otelMiddleware({ tracerProvider: sdk.tracerProvider, meterProvider: sdk.meterProvider })] });
runMiddlewareConformance({ name: 'otel (no SDK)', plugin: providerPlugin, middleware: () => [otelMiddleware()] });
