import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const { compileProgram } = createRequire(import.meta.url)('./typescript.cjs') as { compileProgram(source: string): Promise<string> };

describe('compileProgram', () => {
  it('compiles a program with the files it imports, and again only when one of them changes', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'typescript-'));
    const main = path.join(dir, 'main.ts');
    const greeting = path.join(dir, 'greeting.ts');
    writeFileSync(greeting, "export const greeting: string = 'first';\n");
    writeFileSync(
      main,
      "import { greeting } from './greeting.ts';\nexport const said: string = `${greeting} from ${new URL(import.meta.url).pathname}`;\n",
    );

    const compiled = await compileProgram(main);
    expect((await import(pathToFileURL(compiled).href)).said).toBe(`first from ${main}`);
    const builtAt = statSync(compiled).mtimeMs;
    expect(await compileProgram(main)).toBe(compiled);
    expect(statSync(compiled).mtimeMs).toBe(builtAt);

    writeFileSync(greeting, "export const greeting: string = 'second';\n");
    expect(await compileProgram(main)).toBe(compiled);
    expect(readFileSync(compiled, 'utf8')).toContain('"second"');
    for (const file of [compiled, `${compiled}.inputs.json`, dir]) rmSync(file, { recursive: true, force: true });
  });
});
