/** Parameters of `embeddings.create`, as in the `openai` package. */
export interface EmbeddingCreateParams {
  input: string | Array<string> | Array<number> | Array<Array<number>>;
  model: string;
  dimensions?: number;
  encoding_format?: 'float' | 'base64';
  user?: string;
}

/** One embedding vector. */
export interface Embedding {
  embedding: Array<number>;
  index: number;
  object: 'embedding';
}

/** The result of `embeddings.create`. */
export interface CreateEmbeddingResponse {
  data: Array<Embedding>;
  model: string;
  object: 'list';
  usage: { prompt_tokens: number; total_tokens: number };
}

/** A model entry of `models.list()`. */
export interface Model {
  id: string;
  created: number;
  object: 'model';
  owned_by: string;
  /** When the vendor retires the model, if announced (`openai` 7.x). */
  shutdown_date?: string | null;
}

/** The result of `models.list()`. */
export interface ModelList {
  object: 'list';
  data: Array<Model>;
}
