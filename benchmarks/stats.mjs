// Percentiles and table formatting shared by the benchmarks.

/** The q-quantile (0..1) of sorted numbers. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[index];
}

/** p50 and p99 in microseconds of nanosecond samples. */
export function summarize(samplesNs) {
  const sorted = Float64Array.from(samplesNs).sort();
  return { p50: quantile(sorted, 0.5) / 1000, p99: quantile(sorted, 0.99) / 1000, n: sorted.length };
}

/** Prints rows of equal-length cells as an aligned table. */
export function printTable(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  '));
    if (index === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}
