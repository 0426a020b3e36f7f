import { describe, expect, it } from 'vitest';
import { addSecrets, errorMessage, scrub } from '../src/log.js';

describe('scrub', () => {
  it('masks passwords in URLs and AUTH arguments, whoever wrote them', () => {
    expect(scrub('connect to redis://:pw1@db:6379/0 and rediss://user:p%40ss@db')).toBe(
      'connect to redis://:***@db:6379/0 and rediss://user:***@db',
    );
    expect(scrub('ERR in AUTH default hunter2 (command: auth, args: ["default","hunter2"])')).toContain('AUTH ***');
    expect(scrub('auth hunter2')).toBe('auth ***');
  });

  it('masks the secrets of this process wherever they appear, also URL-encoded', () => {
    addSecrets('s3cr=t/pw');
    expect(scrub('args: [ "default", "s3cr=t/pw" ] and s3cr%3Dt%2Fpw')).toBe('args: [ "default", "***" ] and ***');
  });

  it('makes one line of an error, without its stack', () => {
    const error = new Error('first line\n  at somewhere (file.js:1:1)');
    expect(errorMessage(error)).toBe('first line at somewhere (file.js:1:1)');
    expect(errorMessage(new TypeError('x'))).toBe('TypeError: x');
  });
});
