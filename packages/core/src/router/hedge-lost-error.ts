/** Ends the attempt of a hedged request that another attempt beat to the first content. Internal: never reaches the caller. */
export class HedgeLostError extends Error {
  constructor() {
    super('Another attempt of this hedged request produced content first');
    this.name = 'HedgeLostError';
  }
}
