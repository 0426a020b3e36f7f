/**
 * The package's version, read from its package.json at run time: the CLI runs from src/ (tests)
 * and from dist/src/ (the bin, the image), at different depths below the package root.
 */
import { readFileSync } from 'node:fs';

export function packageVersion(): string {
  for (let dir = new URL('.', import.meta.url); ; dir = new URL('..', dir)) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (pkg.name === 'cleanwire' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // No package.json here (or not ours): look one folder up.
    }
    if (dir.pathname === '/') return 'unknown';
  }
}
