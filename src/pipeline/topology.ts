/**
 * A topology cuts the pipeline's stage list into segments. Each segment becomes one BullMQ queue
 * whose worker runs the segment's stages and hands the document to the next segment's queue.
 * Every topology runs the same stages in the same order, so output does not depend on it.
 */
import { OptionError } from '../core/options.js';
import { PROFILE_NAMES, profileStages, STAGE_NAMES, type StageName } from './pipeline.js';

export interface Segment {
  /** Queue-safe name: the profile name, the stage name, or `all`. */
  readonly name: string;
  readonly stages: readonly StageName[];
}

export const TOPOLOGY_NAMES = ['default', 'fused', 'per-stage'] as const;
export type TopologyName = (typeof TOPOLOGY_NAMES)[number];

export function createTopology(name: TopologyName): readonly Segment[] {
  switch (name) {
    case 'default':
      return PROFILE_NAMES.map((profile) => ({ name: profile, stages: profileStages(profile) }));
    case 'fused':
      return [{ name: 'all', stages: STAGE_NAMES }];
    case 'per-stage':
      return STAGE_NAMES.map((stage) => ({ name: stage, stages: [stage] }));
    default:
      throw new OptionError(`topology must be one of ${TOPOLOGY_NAMES.join(', ')}, got ${JSON.stringify(name)}`);
  }
}
