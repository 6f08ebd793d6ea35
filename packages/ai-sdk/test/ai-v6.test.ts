import { embed, embedMany, generateObject, generateText, stepCountIs, streamText, tool, type EmbeddingModel, type LanguageModel } from 'ai';
import { describe, expect, it } from 'vitest';
import { createMeshProvider, type MeshProvider } from '../src/index.js';
import { aiSdkSuite, type AiKit } from './support/ai-sdk-suite.js';

// ai@6 takes the V3 models as they are: these assignments fail to compile if the shapes drift.
type Accepts = (mesh: MeshProvider) => [LanguageModel, EmbeddingModel];
const accepts: Accepts = (mesh) => [mesh('chat-completion'), mesh.textEmbeddingModel('text-embeddings')];

describe('ai@6 (LanguageModelV3 / EmbeddingModelV3)', () => {
  it('declares specification v3', () => {
    expect(typeof accepts).toBe('function');
  });
  aiSdkSuite({ generateText, streamText, generateObject, embed, embedMany, tool, stepCountIs } as unknown as AiKit, createMeshProvider);
});
