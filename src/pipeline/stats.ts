/** Per-stage counters, datatrove style: how many documents each stage saw, kept, dropped and changed. */
export interface StageStats {
  seen: number;
  dropped: number;
  changed: number;
  changes: number;
  ms: number;
}

export type PipelineStats = Record<string, StageStats>;

export function emptyStats(): StageStats {
  return { seen: 0, dropped: 0, changed: 0, changes: 0, ms: 0 };
}
