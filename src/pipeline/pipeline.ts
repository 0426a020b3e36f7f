/**
 * The pipeline: the one place where the stages and their order are written. Everything that
 * runs documents (the CLI, the queue workers, the tests) builds its stages from here.
 */

import { expectKnownKeys } from '../core/options.js';
import type { Stage } from '../core/stage.js';
import { type BoilerplateOptions, createBoilerplate } from '../stages/boilerplate.js';
import { createDecode, type DecodeOptions } from '../stages/decode.js';
import { createGate, type GateOptions } from '../stages/gate.js';
import { createHeadlines, type HeadlinesOptions } from '../stages/headlines.js';
import { createHtml, type HtmlOptions } from '../stages/html.js';
import { createLanguage, type LanguageOptions } from '../stages/language.js';
import { createLigatures, type LigaturesOptions } from '../stages/ligatures.js';
import { createNearDuplicates, type NearDuplicatesOptions } from '../stages/near-duplicates.js';
import { createNormalize, type NormalizeOptions } from '../stages/normalize.js';
import { createPages, type PagesOptions } from '../stages/pages.js';
import { createRepeats, type RepeatsOptions } from '../stages/repeats.js';
import { createTemplates, type TemplatesOptions } from '../stages/templates.js';
import { createUnwrap, type UnwrapOptions } from '../stages/unwrap.js';

/** Options per stage, keyed by stage name; every field is optional and has a documented default. */
export interface PipelineOptions {
  decode?: DecodeOptions;
  html?: HtmlOptions;
  pages?: PagesOptions;
  normalize?: NormalizeOptions;
  unwrap?: UnwrapOptions;
  ligatures?: LigaturesOptions;
  boilerplate?: BoilerplateOptions;
  repeats?: RepeatsOptions;
  templates?: TemplatesOptions;
  headlines?: HeadlinesOptions;
  'near-duplicates'?: NearDuplicatesOptions;
  language?: LanguageOptions;
  gate?: GateOptions;
}

/**
 * Stage order, grouped by resource profile. The groups are the default queue topology:
 * ingest (bytes to text), clean (text stages; ligatures also asks the store's word vocabulary, a
 * small global lookup, so it stays with them), cross-document (store-backed), emit.
 * Pages runs first among the text stages: it needs the form feeds between pages, which normalize
 * would turn into spaces, and it must put a paragraph broken at a page end back together before
 * unwrap joins wrapped lines (and decides page-end hyphens like any other).
 * Ligatures run before boilerplate so that a footer whose ligatures were broken ("Fi led under")
 * still matches; repeats run after boilerplate so that template lines do not count as repeats.
 * Headlines (other documents' headlines listed as links) run after templates, because a
 * document's headline is its first line only once the site lines above the title are gone, and
 * templates is what removes those boilerplate does not know ("Tips? Write to the Site newsroom"):
 * learning before templates would learn the site line and miss the title. (A list heading that
 * templates takes as a site line goes as `source-template`; the list itself is left to
 * headlines.) Headlines run before near-duplicates, so that two copies of one article with
 * different link lists below them compare on their text.
 */
const PROFILES = {
  ingest: ['decode', 'html'],
  clean: ['pages', 'normalize', 'unwrap', 'ligatures', 'boilerplate', 'repeats'],
  'cross-document': ['templates', 'headlines', 'near-duplicates'],
  emit: ['language', 'gate'],
} as const satisfies Record<string, readonly (keyof PipelineOptions)[]>;

export type ProfileName = keyof typeof PROFILES;
export type StageName = (typeof PROFILES)[ProfileName][number];

export const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[];
export const STAGE_NAMES: readonly StageName[] = Object.values(PROFILES).flat();

export function profileStages(profile: ProfileName): readonly StageName[] {
  return PROFILES[profile];
}

const FACTORIES: { [K in StageName]: (options: NonNullable<PipelineOptions[K]>) => Stage } = {
  decode: createDecode,
  html: createHtml,
  pages: createPages,
  normalize: createNormalize,
  unwrap: createUnwrap,
  ligatures: createLigatures,
  boilerplate: createBoilerplate,
  repeats: createRepeats,
  templates: createTemplates,
  headlines: createHeadlines,
  'near-duplicates': createNearDuplicates,
  language: createLanguage,
  gate: createGate,
};

/** Builds every stage once, validating all options up front. */
export function createPipeline(options: PipelineOptions = {}): Stage[] {
  expectKnownKeys('pipeline', options, STAGE_NAMES);
  return STAGE_NAMES.map((name) => {
    const factory = FACTORIES[name] as (o: object) => Stage;
    return factory(options[name] ?? {});
  });
}

/** The stages up to and including the last cross-document one: what it takes to learn. */
export function learningStages(stages: readonly Stage[]): Stage[] {
  const last = stages.findLastIndex((stage) => stage.kind === 'cross');
  return stages.slice(0, last + 1);
}
