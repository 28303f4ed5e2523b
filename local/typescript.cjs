// The local stack's TypeScript, run without a TypeScript loader. esbuild compiles an entry
// point, with the project files it imports, into one file under node_modules/.cache (packages
// stay plain imports). That takes milliseconds, where a loader cost serverless's process seconds
// of start-up and the web server hundreds of MB.
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { build, buildSync, stop } = require('esbuild');

const cacheDir = path.join(__dirname, '..', 'node_modules', '.cache', 'hello-auth');

/** Each module keeps its own `import.meta.url`, not the bundle's. */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: 'ts',
    }));
  },
};

const options = (source, format) => ({
  entryPoints: [source],
  bundle: true,
  packages: 'external',
  platform: 'node',
  format,
  target: 'node20',
  sourcemap: 'inline',
  write: false,
  logLevel: 'warning',
});

/** Writes a compiled entry point under a name taken from its content, so unchanged sources reuse it. */
function cached(source, format, contents) {
  const name = path.basename(source, '.ts');
  const hash = createHash('sha256').update(contents).digest('hex').slice(0, 16);
  const file = path.join(cacheDir, `${name}-${hash}.${format === 'esm' ? 'mjs' : 'cjs'}`);
  if (!existsSync(file)) {
    mkdirSync(cacheDir, { recursive: true });
    // Older builds of the same entry go; a process that loaded one keeps it in memory.
    for (const stale of readdirSync(cacheDir)) if (stale.startsWith(`${name}-`)) rmSync(path.join(cacheDir, stale), { force: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, contents);
    renameSync(temporary, file);
  }
  return file;
}

/** Compiles the program `source` (a .ts file) as an ES module; resolves to the compiled file's path. */
async function compileProgram(source) {
  const { outputFiles } = await build({ ...options(source, 'esm'), plugins: [ownImportMetaUrl] });
  // The asynchronous API keeps an esbuild process running; the program needs it no more.
  await stop();
  return cached(source, 'esm', outputFiles[0].contents);
}

/**
 * `require()` for a TypeScript module: `entry` is relative to the file `from`. (Synchronous, so
 * without the import.meta plugin: esbuild warns if such a module uses `import.meta`.)
 */
function requireTypeScript(entry, from) {
  const source = path.resolve(path.dirname(from), entry);
  return require(cached(source, 'cjs', buildSync(options(source, 'cjs')).outputFiles[0].contents));
}

module.exports = { compileProgram, requireTypeScript };
