import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { hideRouteBox } from './route-box.ts';

describe('hideRouteBox', () => {
  it("leaves out serverless-offline's route box, and nothing else, until undone", async () => {
    // The box as offline draws it (serverless-offline/src/utils/logRoutes.js): boxen, from offline's own dependency.
    const boxen = (await import(createRequire(createRequire(import.meta.url).resolve('serverless-offline')).resolve('boxen'))).default;
    const box = boxen('GET  | http://127.0.0.1:3000/local/api/helloWorld', {
      borderColor: 'yellow',
      dimBorder: true,
      margin: 1,
      padding: 1,
    });
    const printed: unknown[][] = [];
    const console_ = { log: (...args: unknown[]) => void printed.push(args) };
    const undo = hideRouteBox(console_);
    console_.log(box);
    console_.log('Server ready: http://127.0.0.1:3000 🚀');
    console_.log('┌ not a box');
    undo();
    console_.log(box);
    expect(printed).toEqual([['Server ready: http://127.0.0.1:3000 🚀'], ['┌ not a box'], [box]]);
  });
});
