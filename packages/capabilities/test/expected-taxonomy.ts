// Written out by hand from the specification, independently of src/, so the
// tests catch any drift in the canonical data.

/** category → group → leaves; a string entry is a leaf directly under its category. */
type ExpectedCategory = ReadonlyArray<string | readonly [group: string, leaves: readonly string[]]>;

export const EXPECTED: Readonly<Record<string, ExpectedCategory>> = {
  generation: [
    ['text-generation', ['chat-completion', 'text-completion', 'code-generation']],
    [
      'structured-generation',
      ['json-generation', 'schema-constrained-output', 'function-call-generation'],
    ],
    ['image-generation', ['text-to-image', 'image-to-image', 'inpainting']],
    ['audio-generation', ['text-to-speech', 'music-generation']],
    ['video-generation', ['text-to-video', 'image-to-video']],
  ],
  understanding: [
    [
      'text-understanding',
      ['summarization', 'classification', 'sentiment-analysis', 'entity-extraction'],
    ],
    ['vision-understanding', ['image-captioning', 'object-detection', 'ocr', 'image-to-text']],
    ['audio-understanding', ['speech-to-text', 'speaker-identification', 'audio-classification']],
    ['document-understanding', ['document-parsing', 'table-extraction', 'form-extraction']],
  ],
  transformation: [
    'translation',
    'rewriting',
    'style-transfer',
    ['image-editing', ['background-removal', 'upscaling', 'format-conversion']],
    ['audio-processing', ['noise-reduction', 'voice-cloning', 'audio-separation']],
  ],
  representation: [
    ['embeddings', ['text-embeddings', 'image-embeddings', 'multimodal-embeddings']],
    'tokenization',
    'feature-extraction',
  ],
  retrieval: [
    ['search', ['semantic-search', 'web-search', 'image-search', 'code-search']],
    ['knowledge-graph', ['graph-query', 'entity-linking', 'relation-extraction']],
    ['rag', ['retrieval-augmented-generation', 'grounded-generation']],
    'reranking',
  ],
  interaction: [
    'tool-calling',
    ['agent-execution', ['single-step-agent', 'multi-step-agent']],
    'multi-turn-conversation',
  ],
  evaluation: [
    'content-moderation',
    'toxicity-detection',
    'factuality-checking',
    'quality-scoring',
  ],
};

export const EXPECTED_CATEGORIES = Object.keys(EXPECTED);

/** Every leaf as [name, full path]. */
export const EXPECTED_LEAVES: ReadonlyArray<readonly [name: string, path: string]> = Object.entries(
  EXPECTED,
).flatMap(([category, entries]) =>
  entries.flatMap((entry) =>
    typeof entry === 'string'
      ? [[entry, `${category}.${entry}`] as const]
      : entry[1].map((leaf) => [leaf, `${category}.${entry[0]}.${leaf}`] as const),
  ),
);

/** Every group (non-leaf, non-category node) as [name, full path]. */
export const EXPECTED_GROUPS: ReadonlyArray<readonly [name: string, path: string]> = Object.entries(
  EXPECTED,
).flatMap(([category, entries]) =>
  entries.flatMap((entry) =>
    typeof entry === 'string' ? [] : [[entry[0], `${category}.${entry[0]}`] as const],
  ),
);

export const EXPECTED_PATHS: readonly string[] = [
  ...EXPECTED_CATEGORIES,
  ...EXPECTED_GROUPS.map(([, path]) => path),
  ...EXPECTED_LEAVES.map(([, path]) => path),
];

export const DEPRECATED: ReadonlyArray<readonly [synonym: string, path: string]> = [
  ['generation.audio.text-to-speech', 'generation.audio-generation.text-to-speech'],
  ['generation.image.text-to-image', 'generation.image-generation.text-to-image'],
  ['understanding.audio.speech-to-text', 'understanding.audio-understanding.speech-to-text'],
  ['representation.image.image-to-text', 'understanding.vision-understanding.image-to-text'],
  ['generation.audio', 'generation.audio-generation'],
  ['generation.image', 'generation.image-generation'],
  ['understanding.audio', 'understanding.audio-understanding'],
];

/** The expected tree() output, built from EXPECTED. */
export function expectedTree(): Record<string, Record<string, unknown>> {
  const tree: Record<string, Record<string, unknown>> = {};
  for (const [category, entries] of Object.entries(EXPECTED)) {
    const node: Record<string, unknown> = {};
    for (const entry of entries) {
      if (typeof entry === 'string') node[entry] = {};
      else node[entry[0]] = Object.fromEntries(entry[1].map((leaf) => [leaf, {}]));
    }
    tree[category] = node;
  }
  return tree;
}
