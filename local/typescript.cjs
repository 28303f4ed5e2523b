// serverless and serverless-offline require() their plugins and hooks; ours are TypeScript.
// esbuild compiles one, with the project files it imports, into a CommonJS file under
// node_modules/.cache (packages stay plain require()s). That takes milliseconds, where loading
// a TypeScript loader into serverless's process cost it seconds of start-up.
const { createHash } = require('node:crypto');
const { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync, existsSync } = require('node:fs');
const path = require('node:path');
const { buildSync } = require('esbuild');

const cacheDir = path.join(__dirname, '..', 'node_modules', '.cache', 'hello-auth');

/** `require()` for a TypeScript module: `entry` is relative to the file `from`. */
exports.requireTypeScript = function requireTypeScript(entry, from) {
  const source = path.resolve(path.dirname(from), entry);
  const [output] = buildSync({
    entryPoints: [source],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    write: false,
    logLevel: 'warning',
  }).outputFiles;
  const name = path.basename(source, '.ts');
  const file = path.join(cacheDir, `${name}-${createHash('sha256').update(output.contents).digest('hex').slice(0, 16)}.cjs`);
  if (!existsSync(file)) {
    mkdirSync(cacheDir, { recursive: true });
    // Older builds of the same module go; a process that loaded one keeps it in memory.
    for (const stale of readdirSync(cacheDir)) if (stale.startsWith(`${name}-`)) rmSync(path.join(cacheDir, stale), { force: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, output.contents);
    renameSync(temporary, file);
  }
  return require(file);
};
