import type { FakeHttpRequestFields } from '../fake-http-request.js';
import type { FakeLoggedRecord, FakeRequestLog, Mutable } from '../fake-request-log.js';
import type { FakeGeminiStep } from './fake-gemini-step.js';

/** The Gemini API method a request called, from its URL (`models/{model}:{rpc}`), or `models` for the model list. */
export type FakeGeminiRpc = 'generateContent' | 'streamGenerateContent' | 'embedContent' | 'batchEmbedContents' | 'countTokens' | 'models' | 'model' | (string & {});

/**
 * One request the fake Gemini server received. The record is live: `step`, `chunksSent` and `end`
 * change while it plays. `path` is without the query string, e.g.
 * `/v1beta/models/gemini-2.5-flash:generateContent`; a `key` in `query` means the API key went in the URL.
 */
export interface FakeGeminiRequestRecord extends FakeHttpRequestFields, FakeLoggedRecord {
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
}

/** The writable view the server keeps of a record. */
export type MutableGeminiRecord = Mutable<FakeGeminiRequestRecord>;

/** The request log of the fake Gemini server: the shared log, holding Gemini records. */
export type FakeGeminiRequestLog = FakeRequestLog<FakeGeminiRequestRecord>;
