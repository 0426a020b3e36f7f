import { describe, expect, it } from 'vitest';
import { letterKey, publisherName } from '../../src/text/publisher-name.js';

describe('publisherName', () => {
  it.each([
    ['lakeshore-tribune-30', 'lakeshoretribune'],
    ['lakeshore-tribune', 'lakeshoretribune'],
    ['the-evening-beacon-16', 'eveningbeacon'],
    ['Granite_State_Ledger', 'granitestateledger'],
    ['www.lakeshoretribune.com', 'lakeshoretribune'],
    ['news.lakeshoretribune.co.uk', 'lakeshoretribune'],
    ['m.lakeshoretribune.com:8443', 'lakeshoretribune'],
    ['theeveningbeacon.com', 'eveningbeacon'],
    ['thestar.com', 'thestar'],
    ['feeds/lakeshore-tribune', 'lakeshoretribune'],
  ])('%j -> %j', (sourceKey, name) => {
    expect(publisherName(sourceKey)).toBe(name);
  });

  it.each(['ap.org', 'news.bbc.co.uk', 'www.com', '', '123', 'abc-7'])(
    'gives no name for %j: too short to tell',
    (key) => {
      expect(publisherName(key)).toBeUndefined();
    },
  );

  it('compares letters only, lower case', () => {
    expect(letterKey('Lakeshore Tribune 30 Staff')).toBe('lakeshoretribunestaff');
    expect(letterKey('Highland Post-Gazette')).toBe('highlandpostgazette');
  });
});
