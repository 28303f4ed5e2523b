import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { forgetHandlerBundles, removeBundlesExcept } from './handler-reload.ts';

describe('forgetHandlerBundles', () => {
  it('makes the next require() load a rebuilt bundle, and leaves other modules loaded', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'handler-reload-'));
    const bundleDir = path.join(root, '.esbuild', '.build');
    mkdirSync(path.join(bundleDir, 'src'), { recursive: true });
    const bundle = path.join(bundleDir, 'src', 'handler.cjs');
    const other = path.join(root, 'other.cjs');
    writeFileSync(bundle, 'module.exports = "first build";');
    writeFileSync(other, 'module.exports = {};');
    const load = createRequire(path.join(root, 'index.cjs'));
    expect(load(bundle)).toBe('first build');
    const otherModule = load(other);

    writeFileSync(bundle, 'module.exports = "second build";');
    expect(load(bundle)).toBe('first build');
    expect(forgetHandlerBundles(bundleDir)).toEqual([bundle]);
    expect(load(bundle)).toBe('second build');
    expect(load(other)).toBe(otherModule);
  });
});

describe('removeBundlesExcept', () => {
  it('deletes bundles of another format and keeps the current ones', () => {
    const bundleDir = mkdtempSync(path.join(os.tmpdir(), 'handler-bundles-'));
    mkdirSync(path.join(bundleDir, 'src', 'functions'), { recursive: true });
    const files = ['hello.mjs', 'hello.mjs.map', 'hello.cjs', 'hello.cjs.map', 'notes.txt'].map((name) =>
      path.join('src', 'functions', name),
    );
    for (const file of files) writeFileSync(path.join(bundleDir, file), '');

    expect(removeBundlesExcept(bundleDir, '.cjs').sort()).toEqual([files[0], files[1]]);
    expect(files.map((file) => existsSync(path.join(bundleDir, file)))).toEqual([false, false, true, true, true]);
  });

  it('does nothing when nothing was built yet', () => {
    expect(removeBundlesExcept(path.join(os.tmpdir(), 'no-such-bundles'), '.cjs')).toEqual([]);
  });
});
