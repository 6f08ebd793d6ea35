// A fake OpenAI upstream for the proxy benchmark: answers chat completions at once, as
// JSON or as SSE (role, two content chunks, finish, usage, [DONE]), over keep-alive.
import { createServer } from 'node:http';

const completion = JSON.stringify({
  id: 'cmpl-bench',
  object: 'chat.completion',
  created: 1,
  model: 'bench-model',
  choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: 'ok', refusal: null } }],
  usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
});
const chunk = (delta, finish = null) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'bench-model', choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] });
const events = [chunk({ role: 'assistant', content: '' }), chunk({ content: 'o' }), chunk({ content: 'k' }), chunk({}, 'stop'), { ...chunk({}), choices: [], usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } }].map(
  (event) => `data: ${JSON.stringify(event)}\n\n`,
);

/** Starts the fake upstream on 127.0.0.1; resolves with its server. */
export function startUpstream() {
  const server = createServer({ noDelay: true, keepAliveTimeout: 60_000 }, (req, res) => {
    const parts = [];
    req.on('data', (part) => parts.push(part));
    req.on('end', () => {
      const stream = Buffer.concat(parts).includes('"stream":true');
      if (!stream) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(completion) });
        res.end(completion);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const event of events) res.write(event);
      res.end('data: [DONE]\n\n');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * A slow streaming upstream: every chat completion is an SSE stream of `chunks` content
 * chunks, one every `intervalMs` (a model generating slowly), then usage and [DONE]. With
 * `immediate`, the first content chunk comes with the headers rather than after one interval.
 */
export function startSlowUpstream({ chunks = 20, intervalMs = 100, immediate = false } = {}) {
  const piece = (i) => `data: ${JSON.stringify(chunk({ content: `w${i} ` }))}\n\n`;
  const tail = [chunk({}, 'stop'), { ...chunk({}), choices: [], usage: { prompt_tokens: 5, completion_tokens: chunks, total_tokens: 5 + chunks } }].map((event) => `data: ${JSON.stringify(event)}\n\n`);
  const server = createServer({ noDelay: true, keepAliveTimeout: 60_000 }, (req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(`data: ${JSON.stringify(chunk({ role: 'assistant', content: '' }))}\n\n`);
      let sent = 0;
      const next = () => {
        res.write(piece(sent));
        if (++sent < chunks) return;
        clearInterval(timer);
        for (const event of tail) res.write(event);
        res.end('data: [DONE]\n\n');
      };
      // The first content right away when asked (a model with no wait before its first token).
      if (immediate) next();
      const timer = setInterval(next, intervalMs);
      res.on('close', () => clearInterval(timer));
    });
  });
  server.maxConnections = Infinity;
  return new Promise((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 8192 }, () => resolve(server)));
}
