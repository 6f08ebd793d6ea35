import type { Histogram, Meter } from '@opentelemetry/api';

/** Bucket boundaries the GenAI conventions advise for operation duration (seconds). */
const DURATION_BUCKETS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
/** Bucket boundaries the GenAI conventions advise for token usage. */
const TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

/** The GenAI client metrics: operation duration and token usage. */
export interface GenAiMetrics {
  readonly duration: Histogram;
  readonly tokens: Histogram;
}

/** Creates the two GenAI client histograms on `meter`. */
export function genAiMetrics(meter: Meter): GenAiMetrics {
  return {
    duration: meter.createHistogram('gen_ai.client.operation.duration', {
      description: 'GenAI operation duration',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    }),
    tokens: meter.createHistogram('gen_ai.client.token.usage', {
      description: 'Number of input and output tokens used',
      unit: '{token}',
      advice: { explicitBucketBoundaries: TOKEN_BUCKETS },
    }),
  };
}
