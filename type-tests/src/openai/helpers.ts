/**
 * `Source` with its properties `K` swapped for `Target`'s: assigning the result to `Target`
 * checks that every other property of `Source` hands on to `Target` unchanged. Used only for
 * the few fields where the two `openai` lines contradict each other (see README.md).
 */
export type HandOnExcept<Source, Target, K extends keyof Source & keyof Target> = Omit<Source, K> & Pick<Target, K>;

/** The page body of `models.list()`, which the `openai` package wraps in a `Page` object. */
export interface ModelListBody<M> {
  object: 'list';
  data: Array<M>;
}
