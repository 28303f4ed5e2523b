// What a browser can read from the API is decided by CORS headers, locally as on AWS: the
// GatewayResponses in serverless.yml make the gateway's errors readable, and each handler must
// send its own Access-Control-Allow-Origin.
import { expect, test } from './hello-page.ts';
import { e2eStack } from './stack.ts';
import { startVariantApi, type VariantApi } from './variant-stack.ts';

/** What `fetch` from the page (another origin than the API) gets: a status, or a CORS failure. */
async function fetchFromPage(page: import('@playwright/test').Page, url: string) {
  return page.evaluate(async (target) => {
    try {
      const response = await fetch(target);
      return { status: response.status, body: await response.text() };
    } catch (error) {
      return { failure: String(error) };
    }
  }, url);
}

let variant: VariantApi;

test.beforeAll(async () => {
  // serverless.yml without its GatewayResponses, plus a handler that forgets its CORS header.
  variant = await startVariantApi((service) => {
    const resources: Record<string, { Type: string }> = service.resources.Resources;
    for (const [id, resource] of Object.entries(resources)) {
      if (resource.Type === 'AWS::ApiGateway::GatewayResponse') delete resources[id];
    }
    service.functions.forgetful = {
      handler: 'e2e/fixtures/forgetful-handler.handler',
      events: [{ http: { path: 'api/forgetful', method: 'get', cors: true } }],
    };
  });
});

test.afterAll(async () => {
  await variant?.stop();
});

test('the 401 is readable in the browser because serverless.yml adds CORS headers to it', async ({ helloPage }) => {
  const answer = await fetchFromPage(helloPage.page, `${e2eStack.apiUrl}/api/helloWorldSecured`);
  expect(answer).toEqual({ status: 401, body: '{"message":"Unauthorized"}' });
});

test('without the GatewayResponses the browser cannot read the 401, as on AWS', async ({ helloPage }) => {
  const answer = await fetchFromPage(helloPage.page, `${variant.apiUrl}/api/helloWorldSecured`);
  expect(answer).toEqual({ failure: 'TypeError: Failed to fetch' });
  // The API did answer; only the browser withholds it.
  expect((await fetch(`${variant.apiUrl}/api/helloWorldSecured`)).status).toBe(401);
});

test('a handler that forgets Access-Control-Allow-Origin fails in the browser, as on AWS', async ({ helloPage }) => {
  expect(await fetchFromPage(helloPage.page, `${variant.apiUrl}/api/helloWorld`)).toMatchObject({ status: 200 });
  expect(await fetchFromPage(helloPage.page, `${variant.apiUrl}/api/forgetful`)).toEqual({ failure: 'TypeError: Failed to fetch' });
  expect((await fetch(`${variant.apiUrl}/api/forgetful`)).status).toBe(200);
});
