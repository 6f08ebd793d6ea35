/*
 * The parts of the Gemini API (v1beta) wire format this package sends and reads, as documented
 * at https://ai.google.dev/api/generate-content and https://ai.google.dev/api/embeddings.
 * Field names are the REST (camelCase JSON) names. Responses are read leniently: every
 * field is optional, because the API omits empty ones.
 */

/** Raw bytes of a file, base64-encoded. */
export interface GeminiBlob {
  mimeType: string;
  data: string;
}

/** A file the API fetches itself: a Files API URI or an http(s) URL. */
export interface GeminiFileData {
  fileUri: string;
  /** Required by the API for most sources; left out when it could not be inferred. */
  mimeType?: string;
}

/** A function call the model made. `args` is a JSON object. */
export interface GeminiFunctionCall {
  /** Set by newer models; echo it back in the matching `functionResponse`. */
  id?: string;
  name: string;
  args?: Record<string, unknown>;
}

/** The result of a function call, sent back in a `user` turn. */
export interface GeminiFunctionResponse {
  id?: string;
  name: string;
  /** A JSON object; `output` / `error` keys carry the result, otherwise the whole object is the output. */
  response: Record<string, unknown>;
}

/** One part of a turn: exactly one of the data fields is set. */
export interface GeminiPart {
  text?: string;
  /** True for a thought summary (only with `thinkingConfig.includeThoughts`). */
  thought?: boolean;
  /** Opaque signature of the model's reasoning, to send back with the part in later turns. */
  thoughtSignature?: string;
  inlineData?: GeminiBlob;
  fileData?: GeminiFileData;
  functionCall?: GeminiFunctionCall;
  functionResponse?: GeminiFunctionResponse;
}

/** A turn of the conversation: `user` (also tool results) or `model`. */
export interface GeminiContent {
  role?: 'user' | 'model';
  parts: GeminiPart[];
}

/** Gemini's schema type names (the OpenAPI 3.0 subset it accepts). */
export type GeminiSchemaType = 'STRING' | 'NUMBER' | 'INTEGER' | 'BOOLEAN' | 'ARRAY' | 'OBJECT' | 'NULL';

/** A schema in Gemini's OpenAPI 3.0 subset (`Schema` in the API reference). */
export interface GeminiSchema {
  type?: GeminiSchemaType;
  format?: string;
  title?: string;
  description?: string;
  nullable?: boolean;
  enum?: string[];
  items?: GeminiSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, GeminiSchema>;
  required?: string[];
  minProperties?: number;
  maxProperties?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  anyOf?: GeminiSchema[];
  propertyOrdering?: string[];
  default?: unknown;
  example?: unknown;
}

/** A function the model may call. */
export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  /** Left out for a function without parameters. */
  parameters?: GeminiSchema;
}

/** A tool: here always a set of function declarations. */
export interface GeminiTool {
  functionDeclarations: GeminiFunctionDeclaration[];
}

/** How the model may call functions. */
export interface GeminiFunctionCallingConfig {
  mode: 'AUTO' | 'ANY' | 'NONE';
  allowedFunctionNames?: string[];
}

/** A safety threshold for one harm category. */
export interface GeminiSafetySetting {
  category: string;
  threshold: string;
}

/** Reasoning budget of the 2.5 models. */
export interface GeminiThinkingConfig {
  thinkingBudget?: number;
  includeThoughts?: boolean;
}

/** Sampling and output settings. */
export interface GeminiGenerationConfig {
  stopSequences?: string[];
  responseMimeType?: string;
  responseSchema?: GeminiSchema;
  candidateCount?: number;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  thinkingConfig?: GeminiThinkingConfig;
  [key: string]: unknown;
}

/** The body of `models/{model}:generateContent` and `:streamGenerateContent`. */
export interface GeminiGenerateContentRequest {
  contents: GeminiContent[];
  systemInstruction?: GeminiContent;
  tools?: GeminiTool[];
  toolConfig?: { functionCallingConfig: GeminiFunctionCallingConfig };
  safetySettings?: GeminiSafetySetting[];
  generationConfig?: GeminiGenerationConfig;
  cachedContent?: string;
}

/** A safety classifier's verdict on one harm category. */
export interface GeminiSafetyRating {
  category?: string;
  probability?: string;
  blocked?: boolean;
}

/** One answer candidate. */
export interface GeminiCandidate {
  content?: { role?: string; parts?: GeminiPart[] };
  finishReason?: string;
  finishMessage?: string;
  index?: number;
  safetyRatings?: GeminiSafetyRating[];
}

/** Token counts of a generation. */
export interface GeminiUsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  totalTokenCount?: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
  toolUsePromptTokenCount?: number;
}

/** Why the prompt itself was refused. */
export interface GeminiPromptFeedback {
  blockReason?: string;
  blockReasonMessage?: string;
  safetyRatings?: GeminiSafetyRating[];
}

/** The answer of `generateContent`, and each event of `streamGenerateContent`. */
export interface GeminiGenerateContentResponse {
  candidates?: GeminiCandidate[];
  promptFeedback?: GeminiPromptFeedback;
  usageMetadata?: GeminiUsageMetadata;
  modelVersion?: string;
  responseId?: string;
}

/** One request of `batchEmbedContents`; also the body of `embedContent` (without `model`). */
export interface GeminiEmbedContentRequest {
  /** `models/{model}`; required in batch requests. */
  model?: string;
  content: GeminiContent;
  taskType?: string;
  title?: string;
  outputDimensionality?: number;
}
