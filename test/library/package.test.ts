/**
 * The package as users get it: `npm pack`, installed from the tarball into a scratch project,
 * then its bin run on a seed, `import { cleanText } from 'cleanwire'` run, and a TypeScript file
 * that uses the types type-checked against the shipped declarations.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../support/cli.js';

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
  });

describe('the packed tarball', () => {
  it('installs in a scratch project: the bin cleans a seed, the library imports with types', () => {
    const packDir = tempDir('cleanwire-pack-');
    // --ignore-scripts: the suite's global setup has just built dist/, and prepare would build it again.
    const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], ROOT)) as {
      filename: string;
      files: { path: string }[];
    }[];
    const files = packed[0]?.files.map((f) => f.path) ?? [];
    expect(files).toContain('dist/src/index.js');
    expect(files).toContain('dist/src/index.d.ts');
    expect(files).toContain('bin/cleanwire.js');
    expect(files.some((f) => f.startsWith('test/') || f.startsWith('src/'))).toBe(false);

    const project = tempDir('cleanwire-scratch-');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', type: 'module', private: true }));
    npm(['install', join(packDir, packed[0]?.filename ?? '')], project);

    const seed = readdirSync(join(ROOT, 'seeds/input'))[0] ?? '';
    const out = join(project, 'out');
    execFileSync(join(project, 'node_modules/.bin/cleanwire'), [
      'clean',
      join(ROOT, 'seeds/input', seed),
      '--out',
      out,
    ]);
    const expected = readFileSync(join(ROOT, 'seeds/expected', seed), 'utf8');
    expect(readFileSync(join(out, seed), 'utf8')).toBe(expected);
    expect(execFileSync(join(project, 'node_modules/.bin/cleanwire'), ['--version'], { encoding: 'utf8' }).trim()).toBe(
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
    );

    const script = `import { readFileSync } from 'node:fs';
import { cleanText, isRejection } from 'cleanwire';
const result = await cleanText(readFileSync(${JSON.stringify(join(ROOT, 'seeds/input', seed))}, 'utf8'));
if (isRejection(result)) throw new Error(result.reason);
const title: string = result.title;
process.stdout.write(title + '\\n' + result.text + '\\n');
`;
    mkdirSync(join(project, 'src'));
    writeFileSync(join(project, 'src/use.ts'), script);
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2023',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
        },
        include: ['src'],
      }),
    );
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    // Type-check against the shipped .d.ts files (skipLibCheck off: the declarations must hold up).
    execFileSync(process.execPath, [tsc, '-p', project, '--typeRoots', join(ROOT, 'node_modules/@types')], {
      encoding: 'utf8',
    });
    writeFileSync(join(project, 'use.mjs'), script.replace('const title: string', 'const title'));
    expect(execFileSync(process.execPath, ['use.mjs'], { cwd: project, encoding: 'utf8' })).toBe(expected);
  });
});
