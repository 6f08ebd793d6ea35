import { embed, embedMany, generateObject, generateText, stepCountIs, streamText, tool, type EmbeddingModel, type LanguageModel } from 'ai-v5';
import { describe, expect, it } from 'vitest';
import { createMeshProviderV2, type MeshProviderV2 } from '../src/index.js';
import { aiSdkSuite, type AiKit } from './support/ai-sdk-suite.js';

// ai@5 only accepts specification V2 models (typed by @ai-sdk/provider@2): these assignments
// fail to compile if the V2 adapters drift from what ai@5 expects.
type Accepts = (mesh: MeshProviderV2) => [LanguageModel, EmbeddingModel<string>];
const accepts: Accepts = (mesh) => [mesh('chat-completion'), mesh.textEmbeddingModel('text-embeddings')];

describe('ai@5 (LanguageModelV2 / EmbeddingModelV2)', () => {
  it('declares specification v2', () => {
    expect(typeof accepts).toBe('function');
  });
  aiSdkSuite({ generateText, streamText, generateObject, embed, embedMany, tool, stepCountIs } as unknown as AiKit, createMeshProviderV2);
});
