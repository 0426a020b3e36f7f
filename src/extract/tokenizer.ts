/**
 * htmlparser2's tokenizer, made to skip what it only steps over. Its main loop takes one UTF-16
 * unit at a time through a state switch, and in text and in quoted attribute values (well over
 * half of a page's characters) each unit only asks "is this the end, or an `&`?". This subclass
 * answers that with `indexOf` (SIMD in V8) and jumps to the next unit that matters; the
 * `fastForwardTo` htmlparser2 already has (script and style bodies, comments, end tags) becomes
 * one `indexOf` too, instead of a `charCodeAt` loop. Every state change, callback and index the
 * parser sees is the one the stock tokenizer gives: the skipped units are those its states
 * would have passed over without acting (`test/extract/tokenizer.test.ts` compares the trees).
 *
 * The subclass reaches into fields and methods htmlparser2 declares private (its `Parser` takes a
 * `Tokenizer` class as an option for this). Should a version no longer have them, the stock
 * tokenizer is used: `pageTokenizer` checks them once, with a probe page parsed both ways.
 */
import { type DomHandler, Parser, type ParserOptions, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/** The parts of the stock tokenizer the skips use (private in its type declarations). */
interface TokenizerInternals {
  buffer: string;
  index: number;
  offset: number;
  readonly decodeEntities: boolean;
  write(chunk: string): void;
  stateText(c: number): void;
  stateInTagName(c: number): void;
  stateInAttributeName(c: number): void;
  stateInClosingTagName(c: number): void;
  handleInAttributeValue(c: number, quote: number): void;
  fastForwardTo(c: number): boolean;
}

type TokenizerClass = new (
  options: { xmlMode?: boolean; decodeEntities?: boolean },
  cbs: TokenizerCallbacks,
) => TokenizerInternals;

const LT = 0x3c;
const AMP = 0x26;
const DQ = 0x22;
const GT = 0x3e;
const EQ = 0x3d;
const SLASH = 0x2f;

/** htmlparser2's white space: space, tab, LF, FF, CR. */
const isWhitespace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d;
const isEndOfTagSection = (c: number): boolean => c === SLASH || c === GT || isWhitespace(c);
const notEndOfTagSection = (c: number): boolean => !isEndOfTagSection(c);
const inAttributeName = (c: number): boolean => c !== EQ && !isEndOfTagSection(c);
const inClosingTagName = (c: number): boolean => c !== GT && !isWhitespace(c);

/**
 * Where the next occurrence of one character is, from a position on: remembered, so that text
 * with a rare `&` does not search to the page's end again at every text node (that would be
 * quadratic). `from` is where the search that found `at` started; -2 in `at`: not searched yet.
 */
class NextOf {
  private from = 0;
  private at = -2;
  constructor(private readonly char: string) {}
  reset(): void {
    this.at = -2;
  }
  /** The first occurrence at or after `i` in `buffer`, or -1. */
  find(buffer: string, i: number): number {
    if (this.at === -2 || i < this.from || (this.at !== -1 && this.at < i)) {
      this.from = i;
      this.at = buffer.indexOf(this.char, i);
    }
    return this.at;
  }
}

/** The earlier of two positions where -1 means none. */
const earlier = (a: number, b: number): number => (a === -1 ? b : b === -1 ? a : Math.min(a, b));

const Base = Tokenizer as unknown as TokenizerClass;

class SkippingTokenizer extends Base {
  private readonly lt = new NextOf('<');
  private readonly amp = new NextOf('&');
  private readonly dq = new NextOf('"');
  private readonly sq = new NextOf("'");

  override write(chunk: string): void {
    for (const next of [this.lt, this.amp, this.dq, this.sq]) next.reset();
    super.write(chunk);
  }

  /**
   * Puts the index just before the next unit that matters (the main loop then steps onto it),
   * or at the buffer's last unit when there is none, as `fastForwardTo` does.
   */
  private skipTo(at: number): void {
    this.index = at === -1 ? this.buffer.length + this.offset - 1 : at + this.offset - 1;
  }

  override stateText(c: number): void {
    if (c === LT || c === AMP || !this.decodeEntities) {
      super.stateText(c);
      return;
    }
    // Text acts on `<` and `&` only (with entities decoded; without, the stock one fast-forwards).
    const i = this.index - this.offset + 1;
    this.skipTo(earlier(this.lt.find(this.buffer, i), this.amp.find(this.buffer, i)));
  }

  override handleInAttributeValue(c: number, quote: number): void {
    if (c === quote || c === AMP || !this.decodeEntities) {
      super.handleInAttributeValue(c, quote);
      return;
    }
    // A quoted value acts on its quote and `&` only.
    const i = this.index - this.offset + 1;
    const end = (quote === DQ ? this.dq : this.sq).find(this.buffer, i);
    this.skipTo(earlier(end, this.amp.find(this.buffer, i)));
  }

  // Names: their states act on the unit that ends them only; a tight loop finds it without a
  // trip through the main loop's switch per unit.
  override stateInTagName(c: number): void {
    if (isEndOfTagSection(c)) super.stateInTagName(c);
    else this.skipWhile(notEndOfTagSection);
  }

  override stateInAttributeName(c: number): void {
    if (c === EQ || isEndOfTagSection(c)) super.stateInAttributeName(c);
    else this.skipWhile(inAttributeName);
  }

  override stateInClosingTagName(c: number): void {
    if (c === GT || isWhitespace(c)) super.stateInClosingTagName(c);
    else this.skipWhile(inClosingTagName);
  }

  /** Skips the units after the current one while `go` holds: the main loop steps onto the first that fails. */
  private skipWhile(go: (c: number) => boolean): void {
    const { buffer } = this;
    let j = this.index - this.offset + 1;
    while (j < buffer.length && go(buffer.charCodeAt(j))) j++;
    this.index = j + this.offset - 1;
  }

  override fastForwardTo(c: number): boolean {
    const at = this.buffer.indexOf(String.fromCharCode(c), this.index - this.offset + 1);
    if (at === -1) {
      this.index = this.buffer.length + this.offset - 1;
      return false;
    }
    this.index = at + this.offset;
    return true;
  }
}

/** A page that goes through every state the skips touch, for the check below. */
const PROBE =
  '<!doctype html><html><head><title>A &amp; B</title><script>if (a < b && c) x = "</div>";</script>' +
  '<style>p > a { color: red }</style></head><body class="a &amp; b" data-x=\'1 &lt; 2\' id=q>' +
  'Text &copy; more &notanentity; &#x41;<p title="x&quot;y">one<br/>two</p><!-- a -- comment -->' +
  "<![CDATA[ c ]]><a href='/x?a=1&b=2'>link</a></body></html>";

const OPTIONS = { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true };

/** Every callback the parser would make, in order, for comparing two tokenizers. */
function trace(html: string, tokenizer: typeof Tokenizer | undefined): string {
  const events: unknown[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) =>
      events.push([name, ...args]);
  const handler = {
    onopentag: record('open'),
    onclosetag: record('close'),
    ontext: record('text'),
    oncomment: record('comment'),
    oncdatastart: record('cdata'),
    onprocessinginstruction: record('pi'),
    onattribute: record('attr'),
  } as unknown as Partial<DomHandler>;
  const parser = new Parser(handler, { ...OPTIONS, ...(tokenizer ? { Tokenizer: tokenizer } : {}) });
  parser.end(html);
  return JSON.stringify(events);
}

let chosen: typeof Tokenizer | undefined;

/**
 * The tokenizer class for parsing pages: the skipping one when this htmlparser2 has the internals
 * it uses and parses the probe page exactly as the stock one does, else the stock one.
 */
export function pageTokenizer(): typeof Tokenizer {
  if (chosen) return chosen;
  const proto = Tokenizer.prototype as unknown as Record<string, unknown>;
  const usable = [
    'stateText',
    'handleInAttributeValue',
    'fastForwardTo',
    'write',
    'stateInTagName',
    'stateInAttributeName',
    'stateInClosingTagName',
  ].every((name) => typeof proto[name] === 'function');
  const skipping = SkippingTokenizer as unknown as typeof Tokenizer;
  chosen = usable && trace(PROBE, skipping) === trace(PROBE, undefined) ? skipping : Tokenizer;
  return chosen;
}

/** The stock tokenizer, for comparisons (tests). */
export const STOCK_TOKENIZER = Tokenizer;

/** Parser options for pages, with the tokenizer of `pageTokenizer`. */
export function pageParserOptions(): ParserOptions {
  return { ...OPTIONS, Tokenizer: pageTokenizer() };
}

export { trace as tokenTrace };
