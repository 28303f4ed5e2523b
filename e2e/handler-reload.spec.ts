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

/** A TOKEN authorizer whose policy says `effect` on the method it is asked about. */
const AUTHORIZER = 'e2e/fixtures/generated-reloading-authorizer.ts';
const authorizerSaying = (effect: 'Allow' | 'Deny') => `
export const handler = async (event: { methodArn: string }) => ({
  principalId: 'reloaded',
  policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: ${JSON.stringify(effect)}, Resource: event.methodArn }] },
});
`;

let variant: VariantApi;

test.beforeAll(async () => {
  writeFileSync(HANDLER, handlerSaying('first'));
  writeFileSync(AUTHORIZER, authorizerSaying('Deny'));
  variant = await startVariantApi((service) => {
    service.functions.reloading = {
      handler: HANDLER.replace(/\.ts$/, '.handler'),
      events: [
        { http: { path: 'api/reloading', method: 'get' } },
        // Without caching, every request runs the authorizer's function as it now is.
        { http: { path: 'api/guarded', method: 'get', authorizer: { name: 'reloadingAuthorizer', type: 'token', resultTtlInSeconds: 0 } } },
      ],
    };
    service.functions.reloadingAuthorizer = { handler: AUTHORIZER.replace(/\.ts$/, '.handler') };
    service.custom.esbuild.watch = { pattern: [HANDLER, AUTHORIZER] };
  });
});

test.afterAll(async () => {
  await variant?.stop();
  rmSync(HANDLER, { force: true });
  rmSync(AUTHORIZER, { force: true });
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

test('an edited Lambda authorizer decides with its new code, as handlers do', async () => {
  const status = async () => (await fetch(`${variant.apiUrl}/api/guarded`, { headers: { Authorization: 'any' } })).status;
  expect(await status()).toBe(403);
  writeFileSync(AUTHORIZER, authorizerSaying('Allow'));
  await expect.poll(status, { timeout: 15_000 }).toBe(200);
});
