import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { storeContract } from './contract.js';

storeContract('memory', async (limits) => createMemoryStore(limits));

describe('memory store: limits', () => {
  it('rejects a bad limit, quoting the value', () => {
    expect(() => createMemoryStore({ maxDocs: 1.5 })).toThrow(
      'store limit `maxDocs` must be a positive integer, got 1.5',
    );
    expect(() => createMemoryStore({ ageAfter: 1 })).toThrow('store limit `ageAfter` must be from 2 to 1048576, got 1');
    expect(() => createMemoryStore({ ageAfter: 2 ** 21 })).toThrow('got 2097152');
    expect(() => createMemoryStore({ maxSourceDocs: 2 ** 28 })).toThrow(
      'store limit `maxSourceDocs` must be at most 268435455 in memory, got 268435456',
    );
  });
});
