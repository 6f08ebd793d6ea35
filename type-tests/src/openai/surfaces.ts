// The types the checks compare, one interface per side: assigning one surface to another
// checks every member, and an error names the member that broke.
import type * as MM from '@modelmesh/provider';
import type OpenAI6 from 'openai-v6';
import type OpenAI7 from 'openai-v7';

/** The page body of `models.list()`, which the `openai` package wraps in a `Page` object. */
export interface ModelListBody<M> {
  object: 'list';
  data: Array<M>;
}

/** ModelMesh's OpenAI-shaped types. */
export interface MeshSurface {
  params: MM.ChatCompletionCreateParams;
  streaming: MM.ChatCompletionCreateParamsStreaming;
  nonStreaming: MM.ChatCompletionCreateParamsNonStreaming;
  message: MM.ChatCompletionMessageParam;
  tool: MM.ChatCompletionTool;
  toolChoice: MM.ChatCompletionToolChoiceOption;
  completion: MM.ChatCompletion;
  chunk: MM.ChatCompletionChunk;
  usage: MM.CompletionUsage;
  embeddingParams: MM.EmbeddingCreateParams;
  embeddings: MM.CreateEmbeddingResponse;
  model: MM.Model;
  models: MM.ModelList;
}

/** The same types in openai 6.x. */
export interface V6Surface {
  params: OpenAI6.ChatCompletionCreateParams;
  streaming: OpenAI6.ChatCompletionCreateParamsStreaming;
  nonStreaming: OpenAI6.ChatCompletionCreateParamsNonStreaming;
  message: OpenAI6.ChatCompletionMessageParam;
  tool: OpenAI6.ChatCompletionTool;
  toolChoice: OpenAI6.ChatCompletionToolChoiceOption;
  completion: OpenAI6.ChatCompletion;
  chunk: OpenAI6.ChatCompletionChunk;
  usage: OpenAI6.CompletionUsage;
  embeddingParams: OpenAI6.EmbeddingCreateParams;
  embeddings: OpenAI6.CreateEmbeddingResponse;
  model: OpenAI6.Model;
  models: ModelListBody<OpenAI6.Model>;
}

/** The same types in openai 7.x. */
export interface V7Surface {
  params: OpenAI7.ChatCompletionCreateParams;
  streaming: OpenAI7.ChatCompletionCreateParamsStreaming;
  nonStreaming: OpenAI7.ChatCompletionCreateParamsNonStreaming;
  message: OpenAI7.ChatCompletionMessageParam;
  tool: OpenAI7.ChatCompletionTool;
  toolChoice: OpenAI7.ChatCompletionToolChoiceOption;
  completion: OpenAI7.ChatCompletion;
  chunk: OpenAI7.ChatCompletionChunk;
  usage: OpenAI7.CompletionUsage;
  embeddingParams: OpenAI7.EmbeddingCreateParams;
  embeddings: OpenAI7.CreateEmbeddingResponse;
  model: OpenAI7.Model;
  models: ModelListBody<OpenAI7.Model>;
}

/**
 * `Source` with its properties `K` swapped for `Target`'s: assigning the result to `Target`
 * checks that every other property of `Source` assigns to `Target` unchanged. Used only for
 * the fields where the two `openai` lines contradict each other (see README.md).
 */
export type Except<Source, Target, K extends keyof Source & keyof Target> = Omit<Source, K> & Pick<Target, K>;
