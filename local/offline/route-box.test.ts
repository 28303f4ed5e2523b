import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hideRouteBox } from './route-box.ts';

/** serverless-offline's own route box printer (not exported: reached by its file, as the box is an internal). */
async function offlineLogRoutes(): Promise<(routes: object[]) => void> {
  const entry = createRequire(import.meta.url).resolve('serverless-offline');
  const file = path.join(path.dirname(entry), 'utils', 'logRoutes.js');
  return (await import(pathToFileURL(file).href)).default;
}

const ROUTES = [
  {
    method: 'GET',
    server: 'http://127.0.0.1:3000',
    path: '/local/api/helloWorld',
    invokePath: '/2015-03-31/functions/helloWorld/invocations',
  },
];

describe('hideRouteBox', () => {
  afterEach(() => vi.restoreAllMocks());

  it("leaves out serverless-offline's route box as offline prints it, and nothing else, until undone", async () => {
    const logRoutes = await offlineLogRoutes();
    const printed: unknown[][] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args));
    const undo = hideRouteBox();
    logRoutes(ROUTES);
    console.log('Server ready: http://127.0.0.1:3000 🚀');
    console.log('┌ not a box');
    undo();
    logRoutes(ROUTES);
    expect(printed.slice(0, 2)).toEqual([['Server ready: http://127.0.0.1:3000 🚀'], ['┌ not a box']]);
    // Once undone, offline's box prints again: what was left out above was that box.
    expect(printed).toHaveLength(3);
    expect(String(printed[2]![0])).toContain('/local/api/helloWorld');
  });
});
