import type { PipelineStats } from '../pipeline/stats.js';

/** Per-stage counters as an aligned table, one stage a row, in pipeline order. */
export function formatStats(stats: PipelineStats): string {
  const header = ['stage', 'seen', 'changed', 'changes', 'dropped', 'ms'];
  const rows = Object.entries(stats).map(([name, s]) =>
    [name, s.seen, s.changed, s.changes, s.dropped, Math.round(s.ms)].map(String),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
