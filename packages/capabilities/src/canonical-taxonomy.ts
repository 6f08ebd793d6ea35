import type { CapabilityPath } from './capability-path.js';

/**
 * A nested plain-object view of the capability tree: each key is one path
 * segment and each leaf is an empty object.
 */
export interface CapabilityTree {
  [segment: string]: CapabilityTree;
}

/** The seven top-level categories every registry starts with, in tree order. */
export const CANONICAL_CATEGORIES = [
  'generation',
  'understanding',
  'transformation',
  'representation',
  'retrieval',
  'interaction',
  'evaluation',
] as const;

/** One of {@link CANONICAL_CATEGORIES}. */
export type CanonicalCategory = (typeof CANONICAL_CATEGORIES)[number];

/**
 * The canonical taxonomy as data. Typing the top level by category keeps this
 * object and {@link CANONICAL_CATEGORIES} from drifting apart at compile time.
 */
export const CANONICAL_TAXONOMY: Readonly<Record<CanonicalCategory, CapabilityTree>> = {
  generation: {
    'text-generation': { 'chat-completion': {}, 'text-completion': {}, 'code-generation': {} },
    'structured-generation': {
      'json-generation': {},
      'schema-constrained-output': {},
      'function-call-generation': {},
    },
    'image-generation': { 'text-to-image': {}, 'image-to-image': {}, inpainting: {} },
    'audio-generation': { 'text-to-speech': {}, 'music-generation': {} },
    'video-generation': { 'text-to-video': {}, 'image-to-video': {} },
  },
  understanding: {
    'text-understanding': {
      summarization: {},
      classification: {},
      'sentiment-analysis': {},
      'entity-extraction': {},
    },
    'vision-understanding': {
      'image-captioning': {},
      'object-detection': {},
      ocr: {},
      'image-to-text': {},
    },
    'audio-understanding': {
      'speech-to-text': {},
      'speaker-identification': {},
      'audio-classification': {},
    },
    'document-understanding': {
      'document-parsing': {},
      'table-extraction': {},
      'form-extraction': {},
    },
  },
  transformation: {
    translation: {},
    rewriting: {},
    'style-transfer': {},
    'image-editing': { 'background-removal': {}, upscaling: {}, 'format-conversion': {} },
    'audio-processing': { 'noise-reduction': {}, 'voice-cloning': {}, 'audio-separation': {} },
  },
  representation: {
    embeddings: { 'text-embeddings': {}, 'image-embeddings': {}, 'multimodal-embeddings': {} },
    tokenization: {},
    'feature-extraction': {},
  },
  retrieval: {
    search: { 'semantic-search': {}, 'web-search': {}, 'image-search': {}, 'code-search': {} },
    'knowledge-graph': { 'graph-query': {}, 'entity-linking': {}, 'relation-extraction': {} },
    rag: { 'retrieval-augmented-generation': {}, 'grounded-generation': {} },
    reranking: {},
  },
  interaction: {
    'tool-calling': {},
    'agent-execution': { 'single-step-agent': {}, 'multi-step-agent': {} },
    'multi-turn-conversation': {},
  },
  evaluation: {
    'content-moderation': {},
    'toxicity-detection': {},
    'factuality-checking': {},
    'quality-scoring': {},
  },
};

/** Every canonical node with its parent, parents before children, in definition order. */
export function* canonicalNodes(
  tree: Readonly<Record<string, CapabilityTree>> = CANONICAL_TAXONOMY,
  parent?: CapabilityPath,
): Generator<{ path: CapabilityPath; parent: CapabilityPath | undefined }> {
  for (const [segment, children] of Object.entries(tree)) {
    const path = parent === undefined ? segment : `${parent}.${segment}`;
    yield { path, parent };
    yield* canonicalNodes(children, path);
  }
}
