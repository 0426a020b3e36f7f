/**
 * The inner loop of MinHash (src/text/minhash.ts): for each seed, the least murmur3 finaliser
 * value of `shingle ^ seed` over all shingles: shingles × hashes mixes, about 130,000 a document of
 * the development corpus for its two signatures (templates, near-duplicates).
 *
 * It runs as a small WebAssembly function with 128-bit SIMD, four seeds a vector, which gives the
 * very minima the JavaScript loop below gives (the same 32-bit integer operations, lane by lane)
 * in about a quarter of the time. The module is assembled here from its bytes (no build step, no
 * binary file), once per thread. Where WebAssembly SIMD is missing, the JavaScript loop runs.
 *
 * The function's memory is fixed (shingles go through it in chunks, the minima carried from one
 * chunk to the next), so a document of millions of words grows nothing that stays.
 */

/** Shingles a chunk holds: 256 KB of memory. */
const CHUNK = 65_536;
/** Byte offsets in the module's memory: seeds, minima, then a chunk of shingles. */
const SEEDS_AT = 0;
const MINIMA_AT = 1024;
const SHINGLES_AT = 2048;
const PAGE = 65_536;
const PAGES = Math.ceil((SHINGLES_AT + 4 * CHUNK) / PAGE);

/** `minima[i]` = min over s of mix32(shingles[s] ^ seeds[i]), for i < count (a multiple of 4). */
export function minHashMinima(shingles: Uint32Array, seeds: Uint32Array, count: number): Uint32Array {
  if (count % 4 !== 0 || count > 256) throw new RangeError(`expected a multiple of 4 up to 256 seeds, got ${count}`);
  const simd = simdMinima();
  return simd ? simd(shingles, seeds, count) : jsMinima(shingles, seeds, count);
}

/** The loop in JavaScript: the reference the SIMD function is held to, and its stand-in. */
export function jsMinima(shingles: Uint32Array, seeds: Uint32Array, count: number): Uint32Array {
  const minima = new Uint32Array(count);
  // One hash function at a time over all shingles: its seed and running minimum stay in registers.
  for (let i = 0; i < count; i++) {
    const seed = seeds[i] as number;
    let min = 0xffffffff;
    for (let s = 0; s < shingles.length; s++) {
      let h = ((shingles[s] as number) ^ seed) >>> 0;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      h >>>= 0;
      if (h < min) min = h;
    }
    minima[i] = min;
  }
  return minima;
}

type Minima = (shingles: Uint32Array, seeds: Uint32Array, count: number) => Uint32Array;

let built: Minima | null | undefined;

/** What this file uses of the WebAssembly API (Node's global; not in the TypeScript libraries this project compiles with). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  readonly Memory: new (limits: { initial: number; maximum: number }) => { readonly buffer: ArrayBuffer };
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

/** The SIMD function, built on first use; null where the engine lacks WebAssembly SIMD. */
export function simdMinima(): Minima | null {
  if (built !== undefined) return built;
  built = null;
  const bytes = moduleBytes();
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!wasm?.validate(bytes)) return built;
  const memory = new wasm.Memory({ initial: PAGES, maximum: PAGES });
  const instance = new wasm.Instance(new wasm.Module(bytes), { env: { memory } });
  const minhash = instance.exports.minhash as (
    shingles: number,
    n: number,
    seeds: number,
    k: number,
    out: number,
  ) => void;
  const words = new Uint32Array(memory.buffer);
  built = (shingles, seeds, count) => {
    words.set(seeds.subarray(0, count), SEEDS_AT / 4);
    words.fill(0xffffffff, MINIMA_AT / 4, MINIMA_AT / 4 + count);
    for (let from = 0; from < shingles.length; from += CHUNK) {
      const chunk = shingles.subarray(from, Math.min(shingles.length, from + CHUNK));
      words.set(chunk, SHINGLES_AT / 4);
      minhash(SHINGLES_AT, chunk.length, SEEDS_AT, count, MINIMA_AT);
    }
    return words.slice(MINIMA_AT / 4, MINIMA_AT / 4 + count);
  };
  return built;
}

// The module, in WebAssembly's binary format. One function, exported as `minhash`:
//
//   minhash(sh, n, seeds, k, out): for g = 0, 4, .. < k:
//     min = v128.load(out + 4g); seed = v128.load(seeds + 4g)
//     for p = sh .. sh + 4n step 4:
//       x = splat(load32(p)) ^ seed; x ^= x >>> 16; x *= 0x85ebca6b; x ^= x >>> 13; x *= 0xc2b2ae35;
//       x ^= x >>> 16; min = i32x4.min_u(min, x)
//     v128.store(out + 4g, min)
//
// with its memory imported as env.memory.

const leb = (value: number): number[] => {
  const out: number[] = [];
  let n = value >>> 0;
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
};

const sleb = (value: number): number[] => {
  const out: number[] = [];
  let n = value | 0;
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
};

const vector = (items: readonly number[][]): number[] => [...leb(items.length), ...items.flat()];
const name = (text: string): number[] => vector([...text].map((c) => [c.charCodeAt(0)]));
const section = (id: number, bytes: readonly number[]): number[] => [id, ...leb(bytes.length), ...bytes];
const simd = (op: number): number[] => [0xfd, ...leb(op)];
const i32 = (value: number): number[] => [0x41, ...sleb(value)];
const splat4 = (lane: number): number[] => [
  ...simd(0x0c),
  ...[0, 1, 2, 3].flatMap(() => [lane & 0xff, (lane >>> 8) & 0xff, (lane >>> 16) & 0xff, (lane >>> 24) & 0xff]),
];

function moduleBytes(): Uint8Array {
  // Locals: the five i32 parameters, then g, p, end (i32) and seed, min, x (v128).
  const [SH, N, SEEDS, K, OUT, G, P, END, SEED, MIN, X] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
  const get = (local: number) => [0x20, local];
  const set = (local: number) => [0x21, local];
  const tee = (local: number) => [0x22, local];
  const [BLOCK, LOOP, END_, BR, BR_IF, ADD, SHL, GE_U] = [0x02, 0x03, 0x0b, 0x0c, 0x0d, 0x6a, 0x74, 0x4f];
  const [LOAD, LOAD32_SPLAT, STORE, XOR, SHR_U, MUL, MIN_U] = [0x00, 0x09, 0x0b, 0x51, 0xad, 0xb5, 0xb7];
  const memarg = [2, 0]; // 4-byte alignment, offset 0
  const slot = (base: number) => [...get(base), ...get(G), ...i32(2), SHL, ADD];
  // biome-ignore format: one line per step of the pseudo-code above
  const body = [
    ...vector([
      [3, 0x7f],
      [3, 0x7b],
    ]),
    BLOCK, 0x40, LOOP, 0x40,
    ...get(G), ...get(K), GE_U, BR_IF, 1,
    ...slot(SEEDS), ...simd(LOAD), ...memarg, ...set(SEED),
    ...slot(OUT), ...simd(LOAD), ...memarg, ...set(MIN),
    ...get(SH), ...set(P),
    ...get(SH), ...get(N), ...i32(2), SHL, ADD, ...set(END),
    BLOCK, 0x40, LOOP, 0x40,
    ...get(P), ...get(END), GE_U, BR_IF, 1,
    ...get(P), ...simd(LOAD32_SPLAT), ...memarg, ...get(SEED), ...simd(XOR), ...tee(X),
    ...get(X), ...i32(16), ...simd(SHR_U), ...simd(XOR), ...tee(X),
    ...splat4(0x85ebca6b), ...simd(MUL), ...tee(X),
    ...get(X), ...i32(13), ...simd(SHR_U), ...simd(XOR), ...tee(X),
    ...splat4(0xc2b2ae35), ...simd(MUL), ...tee(X),
    ...get(X), ...i32(16), ...simd(SHR_U), ...simd(XOR),
    ...get(MIN), ...simd(MIN_U), ...set(MIN),
    ...get(P), ...i32(4), ADD, ...set(P),
    BR, 0, END_, END_,
    ...slot(OUT), ...get(MIN), ...simd(STORE), ...memarg,
    ...get(G), ...i32(4), ADD, ...set(G),
    BR, 0, END_, END_,
    END_,
  ];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...section(1, vector([[0x60, ...vector([[0x7f], [0x7f], [0x7f], [0x7f], [0x7f]]), 0]])),
    ...section(2, vector([[...name('env'), ...name('memory'), 0x02, 0x01, ...leb(PAGES), ...leb(PAGES)]])),
    ...section(3, vector([[0]])),
    ...section(7, vector([[...name('minhash'), 0x00, 0]])),
    ...section(10, vector([[...leb(body.length), ...body]])),
  ]);
}
