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

interface Series<S> {
  readonly values: readonly string[];
  readonly state: S;
}

/** One level of the label tree: the next label's value to the level below, or to the series at the last label. */
type LabelLevel<S> = Map<string, LabelLevel<S> | Series<S>>;

/** A family of series keyed by label values. */
abstract class Family<S> {
  /** Every series, in creation order (the exposition order). */
  protected readonly series: Series<S>[] = [];
  /**
   * Series by label values, one map level per label: a lookup with the label strings the
   * caller already holds, where one joined key would build and hash a new string per observation.
   */
  private readonly byLabels: LabelLevel<S> = new Map();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {}

  /** The state of a new series. */
  protected abstract initialState(): S;

  /** The series of `values`, if it exists. */
  protected find(values: readonly string[]): Series<S> | undefined {
    let level: LabelLevel<S> | Series<S> | undefined = this.byLabels;
    for (let i = 0; i < values.length && level instanceof Map; i++) level = level.get(values[i] ?? '');
    return level instanceof Map ? (level.get('') as Series<S> | undefined) : level;
  }

  protected slot(values: readonly string[]): S {
    let level = this.byLabels;
    const last = values.length - 1;
    for (let i = 0; i < last; i++) {
      const value = values[i] ?? '';
      let next = level.get(value) as LabelLevel<S> | undefined;
      if (next === undefined) level.set(value, (next = new Map()));
      level = next;
    }
    // A family without labels keeps its one series under ''.
    const key = last >= 0 ? (values[last] ?? '') : '';
    let entry = level.get(key) as Series<S> | undefined;
    if (entry === undefined) {
      entry = { values: [...values], state: this.initialState() };
      level.set(key, entry);
      this.series.push(entry);
    }
    return entry.state;
  }

  /** The exposition text; `keep` (by label values) leaves out the series it refuses. */
  abstract render(keep?: SeriesFilter): string;
}

/** Decides from its label values whether a series is shown. */
export type SeriesFilter = (values: readonly string[]) => boolean;

/** A monotonically increasing count (or sum) per label set. */
export class Counter extends Family<{ value: number }> {
  /** Adds `by` (default 1) to the series of `values`. */
  inc(values: readonly string[], by = 1): void {
    this.slot(values).value += by;
  }

  /** The current value of a series (0 when absent). */
  get(values: readonly string[]): number {
    return this.find(values)?.state.value ?? 0;
  }

  protected initialState(): { value: number } {
    return { value: 0 };
  }

  render(keep?: SeriesFilter): string {
    let text = header(this.name, this.help, 'counter');
    for (const { values, state } of this.series) if (!keep || keep(values)) text += `${this.name}${labelText(this.labelNames, values)} ${formatValue(state.value)}\n`;
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

  render(keep?: SeriesFilter): string {
    let text = header(this.name, this.help, 'gauge');
    for (const [values, value] of this.read()) if (!keep || keep(values)) text += `${this.name}${labelText(this.labelNames, values)} ${formatValue(value)}\n`;
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
    const state = this.slot(values);
    const { buckets } = this;
    for (let i = 0; i < buckets.length; i++) if (value <= (buckets[i] as number)) state.counts[i] = (state.counts[i] ?? 0) + 1;
    state.sum += value;
    state.count++;
  }

  protected initialState(): HistogramState {
    return { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
  }

  render(keep?: SeriesFilter): string {
    let text = header(this.name, this.help, 'histogram');
    for (const { values, state } of this.series) {
      if (keep && !keep(values)) continue;
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
