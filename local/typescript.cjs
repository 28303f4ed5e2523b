// The local stack's TypeScript, run without a TypeScript loader. esbuild compiles an entry
// point, with the project files it imports, into one file under node_modules/.cache (packages
// stay plain imports), and compiles it again only when one of those files changed. A loader
// cost serverless's process seconds of start-up and the web server hundreds of MB.
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

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
  metafile: true,
  write: false,
  logLevel: 'warning',
});

/** Where `source` compiled as `format` is kept, and the record of the files it was built from. */
function cachePaths(source, format) {
  const key = createHash('sha256').update(`${format}:${source}`).digest('hex').slice(0, 12);
  const file = path.join(cacheDir, `${path.basename(source, '.ts')}-${key}.${format === 'esm' ? 'mjs' : 'cjs'}`);
  return { file, stamps: `${file}.inputs.json` };
}

/** Each input file's modification time, or undefined for one that is gone. */
const stampsOf = (inputs) => Object.fromEntries(inputs.map((input) => [input, statSync(input, { throwIfNoEntry: false })?.mtimeMs]));

/** The compiled file, when none of the files it was built from changed since. */
function upToDate({ file, stamps }) {
  try {
    const recorded = JSON.parse(readFileSync(stamps, 'utf8'));
    const current = stampsOf(Object.keys(recorded));
    return Object.entries(recorded).every(([input, mtime]) => current[input] === mtime) ? file : undefined;
  } catch {
    return undefined;
  }
}

function writeAtomically(file, contents) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}

/** Keeps a build's output and, after it, the stamps of its inputs (a half-done save just builds again). */
function save(paths, result) {
  const inputs = Object.keys(result.metafile.inputs).map((input) => path.resolve(input));
  const stamps = stampsOf(inputs);
  mkdirSync(cacheDir, { recursive: true });
  writeAtomically(paths.file, result.outputFiles[0].contents);
  writeAtomically(paths.stamps, JSON.stringify(stamps));
  return paths.file;
}

/** Compiles the program `source` (a .ts file) as an ES module; resolves to the compiled file's path. */
async function compileProgram(source) {
  const paths = cachePaths(source, 'esm');
  const cached = upToDate(paths);
  if (cached) return cached;
  const esbuild = require('esbuild');
  const result = await esbuild.build({ ...options(source, 'esm'), plugins: [ownImportMetaUrl] });
  // The asynchronous API keeps an esbuild process running; the program needs it no more.
  await esbuild.stop();
  return save(paths, result);
}

/**
 * `require()` for a TypeScript module: `entry` is relative to the file `from`. (Synchronous, so
 * without the import.meta plugin: esbuild warns if such a module uses `import.meta`.)
 */
function requireTypeScript(entry, from) {
  const source = path.resolve(path.dirname(from), entry);
  const paths = cachePaths(source, 'cjs');
  // esbuild is loaded only to build: an up-to-date program starts without it.
  return require(upToDate(paths) ?? save(paths, require('esbuild').buildSync(options(source, 'cjs'))));
}

module.exports = { compileProgram, requireTypeScript };
