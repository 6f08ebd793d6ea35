import { providerPlugin } from '@modelmesh/providers-openai-compatible';
import { runMiddlewareConformance } from '@modelmesh/testing/vitest';
import { cacheMiddleware } from '../src/index.js';

runMiddlewareConformance({ name: 'cache', plugin: providerPlugin, middleware: () => [cacheMiddleware()] });
