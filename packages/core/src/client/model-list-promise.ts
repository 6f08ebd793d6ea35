import type { Model, ModelList } from '@modelmesh/provider';

/**
 * What `models.list()` returns: a promise of the whole list that can also be iterated with
 * `for await`, model by model, as the `openai` package's page promise can.
 */
export type ModelListPromise = Promise<ModelList> & AsyncIterable<Model>;

/** Wraps the promise of a model list so that `for await` walks its models. */
export function modelListPromise(list: Promise<ModelList>): ModelListPromise {
  return Object.assign(list, {
    async *[Symbol.asyncIterator](): AsyncGenerator<Model> {
      yield* (await list).data;
    },
  });
}
