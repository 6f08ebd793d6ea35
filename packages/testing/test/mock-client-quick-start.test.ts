import { MeshClient } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { mockClient } from '../src/index.js';

describe('mockClient, as the quick start uses it', () => {
  it('answers with the scripted response and records the call', async () => {
    const client = mockClient({
      responses: [{ content: 'Hello!', model: 'gpt-4o', tokens: 10 }],
    });
    const response = await client.chat.completions.create({
      model: 'chat-completion',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(response.choices[0].message?.content).toBe('Hello!');
    expect(client.calls.length).toBe(1);
    expect(client.calls[0].messages[0].content).toBe('Hi');
  });

  it('is a real MeshClient that app code can take', async () => {
    const takesMesh = (mesh: MeshClient): MeshClient => mesh;
    const client = takesMesh(mockClient());
    expect(client).toBeInstanceOf(MeshClient);
    await client.close();
  });
});
