import type { CapabilityPath } from './capability-path.js';

/**
 * Short names that are not the last segment of the node they name. Leaf names
 * such as `chat-completion` need no entry here: every leaf's own name is an
 * alias automatically.
 */
export const EXTRA_ALIASES: Readonly<Record<string, CapabilityPath>> = Object.freeze({
  chat: 'generation.text-generation.chat-completion',
  embeddings: 'representation.embeddings',
});

/**
 * Dotted paths from the original project's inconsistent taxonomy, mapped to the
 * canonical node each one meant. They keep old configurations working while
 * {@link resolveDetailed} reports them as deprecated so callers can warn.
 *
 * A synonym that is a group prefix (such as `generation.audio`) also rewrites
 * deeper paths below it, so `generation.audio.music-generation` resolves too.
 */
export const DEPRECATED_SYNONYMS: Readonly<Record<string, CapabilityPath>> = Object.freeze({
  'generation.audio': 'generation.audio-generation',
  'generation.audio.text-to-speech': 'generation.audio-generation.text-to-speech',
  'generation.image': 'generation.image-generation',
  'generation.image.text-to-image': 'generation.image-generation.text-to-image',
  'understanding.audio': 'understanding.audio-understanding',
  'understanding.audio.speech-to-text': 'understanding.audio-understanding.speech-to-text',
  'representation.image.image-to-text': 'understanding.vision-understanding.image-to-text',
});
