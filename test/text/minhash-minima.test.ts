import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsMinima, minHashMinima, simdMinima } from '../../src/text/minhash-minima.js';

const seeds = Uint32Array.from({ length: 256 }, (_, i) => (Math.imul(i + 1, 0x9e3779b1) ^ 0xdeadbeef) >>> 0);

describe('minHashMinima', () => {
  it('runs as WebAssembly SIMD on this Node', () => {
    expect(simdMinima()).not.toBeNull();
  });

  it('gives the JavaScript loop’s minima for any shingles and seed count', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 64 }),
        (values, quads) => {
          const shingles = Uint32Array.from(values);
          expect([...minHashMinima(shingles, seeds, 4 * quads)]).toEqual([...jsMinima(shingles, seeds, 4 * quads)]);
        },
      ),
    );
  });

  it('carries the minima across chunks: shingles around and past one chunk of memory', () => {
    for (const n of [65_535, 65_536, 65_537, 200_001]) {
      const shingles = Uint32Array.from({ length: n }, (_, i) => Math.imul(i, 0x85ebca6b) >>> 0);
      expect([...minHashMinima(shingles, seeds, 128)]).toEqual([...jsMinima(shingles, seeds, 128)]);
    }
  });

  it('gives all-ones minima for no shingles, and refuses a seed count it cannot hold', () => {
    expect([...minHashMinima(new Uint32Array(0), seeds, 8)]).toEqual(Array(8).fill(0xffffffff));
    expect(() => minHashMinima(new Uint32Array(4), seeds, 6)).toThrow(/got 6/);
    expect(() => minHashMinima(new Uint32Array(4), seeds, 260)).toThrow(/got 260/);
  });
});
