/**
 * Option validation shared by every factory: each factory validates once, and a bad value is
 * quoted back in the error so the caller sees what they passed.
 */
export class OptionError extends TypeError {
  override name = 'OptionError';
}

const show = (value: unknown): string => {
  try {
    // Numbers by String: JSON.stringify turns NaN and Infinity into "null".
    return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
};

export function expectNumber(
  owner: string,
  key: string,
  value: unknown,
  { min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY, integer = false } = {},
): number {
  if (
    typeof value !== 'number' ||
    Number.isNaN(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    const range = `${integer ? 'an integer' : 'a number'}${min > Number.NEGATIVE_INFINITY ? ` >= ${min}` : ''}${max < Number.POSITIVE_INFINITY ? ` <= ${max}` : ''}`;
    throw new OptionError(`${owner}: option \`${key}\` must be ${range}, got ${show(value)}`);
  }
  return value;
}

export function expectBoolean(owner: string, key: string, value: unknown): boolean {
  if (typeof value !== 'boolean')
    throw new OptionError(`${owner}: option \`${key}\` must be a boolean, got ${show(value)}`);
  return value;
}

export function expectStrings(owner: string, key: string, value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new OptionError(`${owner}: option \`${key}\` must be an array of strings, got ${show(value)}`);
  }
  return value;
}

export function expectOneOf<T extends string>(owner: string, key: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new OptionError(
      `${owner}: option \`${key}\` must be one of ${allowed.map((a) => show(a)).join(', ')}, got ${show(value)}`,
    );
  }
  return value as T;
}

/** Rejects keys the factory does not know: a typo must not silently fall back to a default. */
export function expectKnownKeys(owner: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key))
      throw new OptionError(`${owner}: unknown option ${show(key)} (known: ${known.join(', ') || 'none'})`);
  }
}
