import { providerPlugin } from '@modelmesh/providers-openai-compatible';
import { runMiddlewareConformance } from '@modelmesh/testing/vitest';
import { loggingMiddleware } from '../src/index.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

runMiddlewareConformance({ name: 'logging', plugin: providerPlugin, middleware: () => [loggingMiddleware({ logger: quiet, level: 'debug', content: true })] });
