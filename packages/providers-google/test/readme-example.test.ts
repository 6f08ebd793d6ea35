import { createMesh } from '@modelmesh/core';
import { startFakeGeminiServer } from '@modelmesh/testing/servers';
import { create } from 'modelmesh';
import { expect, it } from 'vitest';
import { createGoogle, providerPlugin } from '../src/index.js';

const KEY = 'AIzaSyReadmeExampleKey01';

it('runs the README "In code" example as written, against the fake Gemini server', async () => {
  const server = await startFakeGeminiServer({ apiKey: KEY });
  try {
    // As in the README, with the fake server's URL.
    const google = createGoogle({ apiKey: KEY, baseUrl: server.url, env: {} });
    const mesh = createMesh({
      providers: [{ provider: google, models: google.models }],
      config: { pools: { chat: { capability: 'chat-completion' } } },
    });
    const answer = await mesh.chat.completions.create({
      model: 'chat',
      messages: [
        { role: 'system', content: 'Answer in one sentence.' },
        { role: 'user', content: 'What is a mesh network?' },
      ],
    });
    expect(answer.choices[0]?.message.content).toBe('Echo: What is a mesh network?');
    expect(answer.usage?.total_tokens).toBeGreaterThan(0);
    expect(server.requests[0]?.body).toMatchObject({ systemInstruction: { parts: [{ text: 'Answer in one sentence.' }] } });
    await mesh.close();
  } finally {
    await server.close();
  }
});

it('runs the README quick start with GEMINI_API_KEY and GEMINI_BASE_URL', async () => {
  const server = await startFakeGeminiServer({ apiKey: KEY });
  try {
    const client = create('chat-completion', { plugins: [providerPlugin], env: { GEMINI_API_KEY: KEY, GEMINI_BASE_URL: server.url } });
    const response = await client.chat.completions.create({
      model: 'chat-completion',
      messages: [{ role: 'user', content: 'Hello!' }],
    });
    expect(response.choices[0]?.message.content).toBe('Echo: Hello!');
    await client.close();
  } finally {
    await server.close();
  }
});
