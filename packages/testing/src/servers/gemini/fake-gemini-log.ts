import type { FakeRequestEnd, FakeRequestLog, Mutable } from '../fake-request-log.js';
import type { FakeGeminiStep } from './fake-gemini-step.js';

/** The Gemini API method a request called, from its URL (`models/{model}:{rpc}`), or `models` for the model list. */
export type FakeGeminiRpc = 'generateContent' | 'streamGenerateContent' | 'embedContent' | 'batchEmbedContents' | 'countTokens' | 'models' | 'model' | (string & {});

/** One request the fake Gemini server received. The record is live: `step`, `chunksSent` and `end` change while it plays. */
export interface FakeGeminiRequestRecord {
  /** Position in `server.requests` since the last `reset()`. */
  readonly index: number;
  /** HTTP method. */
  readonly method: string;
  /** Path without the query string, e.g. `/v1beta/models/gemini-2.5-flash:generateContent`. */
  readonly path: string;
  /** Query parameters (last value wins), e.g. `{ alt: 'sse' }`. A `key` here means the API key went in the URL. */
  readonly query: Readonly<Record<string, string>>;
  /** Request headers with lowercased names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body: parsed JSON, else the raw text; `undefined` when empty. */
  readonly body: unknown;
  /** API version of the path (`v1beta`). */
  readonly version?: string;
  /** The model of the path, without `models/` (`gemini-2.5-flash`). */
  readonly model?: string;
  /** The method after the colon (`generateContent`), or `models` / `model` for the listings. */
  readonly rpc?: FakeGeminiRpc;
  /** `streamGenerateContent` was called. */
  readonly stream: boolean;
  /** When the body was fully received, in ms since epoch. */
  readonly at: number;
  /** The step that answered; undefined for requests refused before scripting (auth, route, validation). */
  readonly step: FakeGeminiStep | undefined;
  /** SSE data events written so far. */
  readonly chunksSent: number;
  /** How the exchange ended so far. */
  readonly end: FakeRequestEnd;
}

/** The writable view the server keeps of a record. */
export type MutableGeminiRecord = Mutable<FakeGeminiRequestRecord>;

/** The request log of the fake Gemini server: the shared log, holding Gemini records. */
export type FakeGeminiRequestLog = FakeRequestLog<FakeGeminiRequestRecord>;
