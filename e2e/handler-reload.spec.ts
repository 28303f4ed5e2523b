import { rmSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startVariantApi, type VariantApi } from './variant-stack.ts';

// A handler edited while the API runs answers with the new code on the next requests, as
// `npm start` promises (serverless-esbuild rebuilds; local/offline/handler-reload.ts reloads).
const HANDLER = 'e2e/fixtures/generated-reloading-handler.ts';
const handlerSaying = (greeting: string) => `
let invocations = 0;
export const handler = async () => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ greeting: ${JSON.stringify(greeting)}, invocations: ++invocations }),
});
`;

let variant: VariantApi;

test.beforeAll(async () => {
  writeFileSync(HANDLER, handlerSaying('first'));
  variant = await startVariantApi((service) => {
    service.functions.reloading = {
      handler: HANDLER.replace(/\.ts$/, '.handler'),
      events: [{ http: { path: 'api/reloading', method: 'get' } }],
    };
    service.custom.esbuild.watch = { pattern: [HANDLER] };
  });
});

test.afterAll(async () => {
  await variant?.stop();
  rmSync(HANDLER, { force: true });
});

test('an edited handler answers with its new code, starting afresh', async () => {
  const call = async () => (await fetch(`${variant.apiUrl}/api/reloading`)).json();
  expect(await call()).toEqual({ greeting: 'first', invocations: 1 });
  expect(await call()).toEqual({ greeting: 'first', invocations: 2 });

  writeFileSync(HANDLER, handlerSaying('second'));
  await expect.poll(call, { timeout: 15_000 }).toMatchObject({ greeting: 'second' });
  // The module was loaded again, as a new Lambda instance would load it: its state started over
  // (the poll stopped at the new code's first answer).
  expect(await call()).toEqual({ greeting: 'second', invocations: 2 });
});
