/**
 * The `clean` progress bar: documents and bytes done, the rate in documents a second, and an
 * estimate of the time left. A batch goes through the documents once per pass, so the bar moves
 * with the work (document steps) and the estimate comes from the rate of steps, while the counts
 * show documents that went through every pass and the input bytes they came from.
 */
import { SingleBar } from 'cli-progress';
import type { CleanProgress } from '../embedded/clean-files.js';

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : s >= 60
      ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
      : `${s}s`;
}

export function createProgressBar(stream: NodeJS.WriteStream): { update(progress: CleanProgress): void; stop(): void } {
  const bar = new SingleBar({
    format:
      'cleaning [{bar}] {percentage}% | {docs}/{totalDocs} docs | {bytes}/{totalBytes} MB | {rate} docs/s | {left} left',
    stream,
    hideCursor: true,
  });
  let started: number | undefined;
  return {
    update(progress) {
      const now = performance.now();
      if (started === undefined) {
        started = now;
        bar.start(progress.totalSteps, 0);
      }
      // Totals grow while a streamed batch is still finding its inputs.
      bar.setTotal(progress.totalSteps);
      const seconds = (now - started) / 1000;
      const stepsPerSecond = seconds > 0 ? progress.steps / seconds : 0;
      const passes = progress.totalDocs ? progress.totalSteps / progress.totalDocs : 1;
      bar.update(progress.steps, {
        docs: progress.docs,
        totalDocs: progress.totalDocs,
        bytes: mb(progress.bytes),
        totalBytes: mb(progress.totalBytes),
        rate: (stepsPerSecond / passes).toFixed(1),
        // Wait for a few steps before guessing: the first ones include start-up.
        left:
          progress.steps >= Math.min(20, progress.totalSteps) && stepsPerSecond > 0
            ? duration((progress.totalSteps - progress.steps) / stepsPerSecond)
            : '?',
      });
    },
    stop: () => bar.stop(),
  };
}
