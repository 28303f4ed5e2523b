// The same app with serverless.yml edited as a developer might edit it, served by a second API
// beside the e2e stack: what a browser can read is decided by CORS headers, locally as on AWS
// (the GatewayResponses make the gateway's errors readable; each handler sends its own
// Access-Control-Allow-Origin), and handlers receive the claims as AWS delivers them.
import { awsIssuer, idTokenClaims, mint } from '../testing/tokens.ts';
import { expect, test } from './hello-page.ts';
import { e2eOutput, e2eStack } from './stack.ts';
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
  // serverless.yml without its GatewayResponses, plus a handler that forgets its CORS header and
  // one that echoes what it was given, behind the Cognito authorizer and without it.
  variant = await startVariantApi((service) => {
    const resources: Record<string, { Type: string }> = service.resources.Resources;
    for (const [id, resource] of Object.entries(resources)) {
      if (resource.Type === 'AWS::ApiGateway::GatewayResponse') delete resources[id];
    }
    service.functions.forgetful = {
      handler: 'e2e/fixtures/forgetful-handler.handler',
      events: [{ http: { path: 'api/forgetful', method: 'get', cors: true } }],
    };
    const authorizer = service.functions.helloWorldSecured.events[0].http.authorizer;
    service.functions.echo = {
      handler: 'e2e/fixtures/echo-handler.handler',
      events: [
        { http: { path: 'api/echoSecured', method: 'get', cors: true, authorizer } },
        { http: { path: 'api/echoPublic', method: 'get', cors: true } },
      ],
    };
  });
});

test.afterAll(async () => {
  await variant?.stop();
});

test('the 401 is readable in the browser because serverless.yml adds CORS headers to it', async ({ helloPage }) => {
  const answer = await fetchFromPage(helloPage.page, `${e2eStack.urls.api}/api/helloWorldSecured`);
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

test.describe('claims as the handler receives them', () => {
  const token = (overrides: Record<string, unknown> = {}) =>
    mint({
      ...idTokenClaims(awsIssuer(e2eOutput('UserPoolId')), e2eOutput('UserPoolClientId'), 'ada@example.com'),
      ...overrides,
    });

  async function echo(path: string, headers: Record<string, string>) {
    const response = await fetch(`${variant.apiUrl}/api/${path}`, { headers });
    expect(response.status).toBe(200);
    return (await response.json()) as { authorizer: { claims?: Record<string, unknown> } | null; headers: Record<string, string> };
  }

  test("every claim is a string in AWS's format", async () => {
    const exp = 1_900_000_000; // Sun, 17 Mar 2030 17:46:40 GMT
    const { authorizer } = await echo('echoSecured', {
      Authorization: `Bearer ${token({ exp, 'cognito:groups': ['admins', 'editors'], auth_time: 1_718_722_804 })}`,
    });
    expect(Object.keys(authorizer!)).toEqual(['claims']);
    const claims = authorizer!.claims!;
    expect(claims.email).toBe('ada@example.com');
    expect(claims.email_verified).toBe('true');
    expect(claims.exp).toBe('Sun Mar 17 17:46:40 UTC 2030');
    expect(claims.auth_time).toBe('1718722804');
    expect(claims['cognito:groups']).toBe('admins,editors');
    expect(Object.values(claims).every((value) => typeof value === 'string')).toBe(true);
  });

  test('the override header changes nothing the handler sees about the caller', async () => {
    const { authorizer } = await echo('echoSecured', {
      Authorization: token(),
      'sls-offline-authorizer-override': JSON.stringify({ claims: { email: 'mallory@example.com' } }),
    });
    expect(authorizer!.claims!.email).toBe('ada@example.com');
  });

  test('a public route gets no claims, whatever token the client sends', async () => {
    const forged = mint({ email: 'mallory@example.com', token_use: 'id' }, { kid: 'whatever' });
    const { authorizer, headers } = await echo('echoPublic', { Authorization: `Bearer ${forged}` });
    expect(authorizer?.claims).toBeUndefined();
    // The header itself reaches the handler, as on AWS.
    expect(headers.Authorization ?? headers.authorization).toBe(`Bearer ${forged}`);
  });
});
