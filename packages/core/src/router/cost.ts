import type { ModelPricing, CompletionUsage } from '@modelmesh/provider';

const PER_MILLION = 1_000_000;

/**
 * USD cost of a completed request. A cost the provider reports itself (OpenRouter's
 * `usage.cost`) wins; otherwise tokens × prices, cached prompt tokens at the cached price.
 */
export function costOf(pricing: ModelPricing | undefined, usage: CompletionUsage | undefined | null): number {
  const reported = (usage as { cost?: unknown } | undefined | null)?.cost;
  if (typeof reported === 'number' && Number.isFinite(reported) && reported >= 0) return reported;
  if (!pricing) return 0;
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  const prompt = (usage?.prompt_tokens ?? 0) - cached;
  const completion = usage?.completion_tokens ?? 0;
  const input = pricing.input ?? 0;
  return (
    (prompt * input + cached * (pricing.cachedInput ?? input) + completion * (pricing.output ?? 0)) / PER_MILLION +
    (pricing.perRequest ?? 0)
  );
}

/** Estimated USD cost before the call, or undefined for an unpriced model. */
export function estimateCost(pricing: ModelPricing | undefined, promptTokens: number, outputTokens: number): number | undefined {
  if (!pricing || (pricing.input === undefined && pricing.output === undefined && pricing.perRequest === undefined)) return undefined;
  return ((pricing.input ?? 0) * promptTokens + (pricing.output ?? 0) * outputTokens) / PER_MILLION + (pricing.perRequest ?? 0);
}
