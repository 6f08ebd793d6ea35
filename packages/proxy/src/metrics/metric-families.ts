/**
 * Minimal Prometheus metric families and their text exposition format (version 0.0.4):
 * `# HELP`, `# TYPE`, then one `name{labels} value` line per series. Hand-written because
 * the format is small and a client library would be the proxy's largest dependency.
 */

const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const escapeHelp = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

function labelText(names: readonly string[], values: readonly string[], extra?: [string, string]): string {
  const pairs = names.map((name, i) => `${name}="${escapeLabel(values[i] ?? '')}"`);
  if (extra) pairs.push(`${extra[0]}="${escapeLabel(extra[1])}"`);
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}

const formatValue = (value: number) => (Number.isFinite(value) ? String(value) : value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN');

const header = (name: string, help: string, type: string) => `# HELP ${name} ${escapeHelp(help)}\n# TYPE ${name} ${type}\n`;

/** A family of series keyed by label values. */
abstract class Family<S> {
  protected readonly series = new Map<string, { values: readonly string[]; state: S }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {}

  protected slot(values: readonly string[], init: () => S): S {
    const id = values.join('\u0000');
    let entry = this.series.get(id);
    if (!entry) this.series.set(id, (entry = { values: [...values], state: init() }));
    return entry.state;
  }

  abstract render(): string;
}

/** A monotonically increasing count (or sum) per label set. */
export class Counter extends Family<{ value: number }> {
  /** Adds `by` (default 1) to the series of `values`. */
  inc(values: readonly string[], by = 1): void {
    this.slot(values, () => ({ value: 0 })).value += by;
  }

  /** The current value of a series (0 when absent). */
  get(values: readonly string[]): number {
    return this.series.get(values.join('\u0000'))?.state.value ?? 0;
  }

  render(): string {
    let text = header(this.name, this.help, 'counter');
    for (const { values, state } of this.series.values()) text += `${this.name}${labelText(this.labelNames, values)} ${formatValue(state.value)}\n`;
    return text;
  }
}

/** Values read at scrape time. */
export class Gauge {
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
    private readonly read: () => Iterable<readonly [readonly string[], number]>,
  ) {}

  render(): string {
    let text = header(this.name, this.help, 'gauge');
    for (const [values, value] of this.read()) text += `${this.name}${labelText(this.labelNames, values)} ${formatValue(value)}\n`;
    return text;
  }
}

interface HistogramState {
  readonly counts: number[];
  sum: number;
  count: number;
}

/** Observations counted into cumulative buckets (`le`), with `_sum` and `_count`. */
export class Histogram extends Family<HistogramState> {
  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    readonly buckets: readonly number[],
  ) {
    super(name, help, labelNames);
  }

  /** Records one observation in the series of `values`. */
  observe(values: readonly string[], value: number): void {
    const state = this.slot(values, () => ({ counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    this.buckets.forEach((bound, i) => {
      if (value <= bound) state.counts[i] = (state.counts[i] ?? 0) + 1;
    });
    state.sum += value;
    state.count++;
  }

  render(): string {
    let text = header(this.name, this.help, 'histogram');
    for (const { values, state } of this.series.values()) {
      this.buckets.forEach((bound, i) => {
        text += `${this.name}_bucket${labelText(this.labelNames, values, ['le', formatValue(bound)])} ${state.counts[i] ?? 0}\n`;
      });
      text += `${this.name}_bucket${labelText(this.labelNames, values, ['le', '+Inf'])} ${state.count}\n`;
      text += `${this.name}_sum${labelText(this.labelNames, values)} ${formatValue(state.sum)}\n`;
      text += `${this.name}_count${labelText(this.labelNames, values)} ${state.count}\n`;
    }
    return text;
  }
}
