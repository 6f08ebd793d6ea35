import { ContentFilteredError } from '@modelmesh/provider';
import type { GeminiCandidate, GeminiGenerateContentResponse, GeminiSafetyRating } from './gemini-types.js';
import { CONTENT_FILTER_FINISH_REASONS } from './map-gemini-finish-reason.js';

/** Who the error is about. */
export interface SafetyContext {
  providerId: string;
  modelId: string;
}

const PROBABILITY_RANK: Readonly<Record<string, number>> = { NEGLIGIBLE: 1, LOW: 2, MEDIUM: 3, HIGH: 4 };

/**
 * The harm category a block is about: the first rating marked `blocked`, else the most probable
 * rating above `NEGLIGIBLE`, else `fallback` (the block or finish reason, e.g. `PROHIBITED_CONTENT`).
 */
export function blockedCategory(ratings: readonly GeminiSafetyRating[] | undefined, fallback: string): string {
  const list = ratings ?? [];
  const blocked = list.find((r) => r.blocked === true && typeof r.category === 'string');
  if (blocked?.category !== undefined) return blocked.category;
  let best: GeminiSafetyRating | undefined;
  for (const rating of list) {
    const rank = PROBABILITY_RANK[rating.probability ?? ''] ?? 0;
    if (rank > 1 && typeof rating.category === 'string' && rank > (PROBABILITY_RANK[best?.probability ?? ''] ?? 0)) best = rating;
  }
  return best?.category ?? fallback;
}

/** ContentFilteredError for a prompt Gemini refused (`promptFeedback.blockReason`); undefined when it was not refused. */
export function promptBlockError(response: GeminiGenerateContentResponse, context: SafetyContext): ContentFilteredError | undefined {
  const feedback = response.promptFeedback;
  const blockReason = feedback?.blockReason;
  if (blockReason === undefined || blockReason === 'BLOCK_REASON_UNSPECIFIED') return undefined;
  const category = blockedCategory(feedback?.safetyRatings, blockReason);
  const said = feedback?.blockReasonMessage === undefined ? '' : `: ${feedback.blockReasonMessage}`;
  return new ContentFilteredError({
    providerId: context.providerId,
    modelId: context.modelId,
    reason: category,
    message: `Provider "${context.providerId}" (Gemini) blocked the prompt (${blockReason}${category === blockReason ? '' : `, ${category}`})${said}`,
    details: { blockReason, ...(feedback?.safetyRatings === undefined ? {} : { safetyRatings: feedback.safetyRatings }) },
  });
}

/** True for a candidate stopped by a safety or policy filter (`SAFETY`, `RECITATION`, `BLOCKLIST`, ...). */
export function isFilteredCandidate(candidate: GeminiCandidate): boolean {
  return candidate.finishReason !== undefined && CONTENT_FILTER_FINISH_REASONS.has(candidate.finishReason);
}

/** ContentFilteredError for an answer Gemini withheld (a filtered candidate with no content). */
export function candidateBlockError(candidate: GeminiCandidate, context: SafetyContext): ContentFilteredError {
  const finishReason = candidate.finishReason ?? 'SAFETY';
  const category = blockedCategory(candidate.safetyRatings, finishReason);
  return new ContentFilteredError({
    providerId: context.providerId,
    modelId: context.modelId,
    reason: category,
    message: `Provider "${context.providerId}" (Gemini) withheld the answer (${finishReason}${category === finishReason ? '' : `, ${category}`})`,
    details: { finishReason, ...(candidate.safetyRatings === undefined ? {} : { safetyRatings: candidate.safetyRatings }) },
  });
}
