import type { IdentityProviderType } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { ctx } from '../../testing/fake-cognito.ts';
import { ALL_TRIGGERS, federationTestbed, ORIGIN } from '../../testing/federation-testbed.ts';
import type { PageRequest, PageResult, SignedIn } from '../page-types.ts';
import { federationPages, federationStart, STAND_IN_PATH, startFederatedSignIn } from './federation-pages.ts';

// The stand-in provider's page and Cognito's response paths, request in, result out.
// https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
const testbed = federationTestbed();
const CALLBACK = 'https://app.example.com/callback';
const AUTHORIZE = new URLSearchParams({
  client_id: 'web',
  response_type: 'code',
  redirect_uri: CALLBACK,
  state: 'app-state',
  scope: 'openid',
});

function request(method: string, url: string, form: Record<string, string> = {}): PageRequest {
  const parsed = new URL(url, ORIGIN);
  return { method, path: parsed.pathname, query: parsed.searchParams, form: new URLSearchParams(form), headers: {}, cookies: {} };
}

/** The fake's pages, and every sign-in they ended with signedIn (which answers a redirect to the app with a code). */
function pagesOf(options: Parameters<ReturnType<typeof federationTestbed>['fake']>[0] = {}) {
  const fake = testbed.fake(options);
  const signIns: Array<{ userPoolId: string; username: string; parameters: string }> = [];
  const signedIn: SignedIn = async (_request, userPoolId, username, parameters) => {
    signIns.push({ userPoolId, username, parameters: parameters.toString() });
    return { kind: 'redirect', location: `${parameters.get('redirect_uri')}?code=the-code&state=${parameters.get('state')}` };
  };
  const pages = federationPages(fake.deps, signedIn);
  const serve = (page: PageRequest) => pages[page.path]!(page);
  /** The stand-in page the authorize request `parameters` leads to. */
  const standIn = async (parameters: URLSearchParams) => {
    const start = await startFederatedSignIn(fake.deps, { pool: fake.pool, client: fake.client, parameters });
    if (start.kind !== 'redirect') throw new Error(`authorize answered ${start.kind}`);
    return { url: start.location, page: await serve(request('GET', start.location)) };
  };
  return { ...fake, serve, standIn, signIns };
}

const htmlOf = (result: PageResult) => (result.kind === 'html' ? result.html : '');

/** The forms of a stand-in page: where each posts, and its fields. */
function formsOf(html: string) {
  return [...html.matchAll(/<form method="post" action="([^"]+)">(.*?)<\/form>/gs)].map(([, action, inner]) => ({
    action: action!,
    fields: Object.fromEntries(
      [...inner!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(([, name, value]) => [name!, value!]),
    ),
  }));
}

describe('the stand-in identity provider page', () => {
  it('offers test identities with the claims the AttributeMapping reads, each posting to /oauth2/idpresponse with the state', async () => {
    const { standIn } = pagesOf();
    const { url, page } = await standIn(new URLSearchParams({ ...Object.fromEntries(AUTHORIZE), identity_provider: 'Google' }));

    expect(page).toMatchObject({ kind: 'html', status: 200 });
    const [first] = formsOf(htmlOf(page));
    expect(first).toEqual({
      action: '/oauth2/idpresponse',
      fields: {
        state: new URL(url).searchParams.get('state'),
        'claim.sub': '100000000000000000001',
        'claim.email': 'ada.lovelace@example.com',
        'claim.email_verified': 'true',
        'claim.name': 'Ada Lovelace',
      },
    });
    expect(htmlOf(page)).toContain('name="claim.sub" required');
  });

  it('asks an OIDC provider for email and name even when its AttributeMapping leaves them out, saying Cognito ignores them', async () => {
    const bare: IdentityProviderType = { ProviderName: 'Bare', ProviderType: 'OIDC', AttributeMapping: { email: 'mail' } };
    const { standIn } = pagesOf({ providers: [bare], supported: ['Bare'] });
    const html = htmlOf((await standIn(new URLSearchParams({ ...Object.fromEntries(AUTHORIZE), identity_provider: 'Bare' }))).page);

    expect([...html.matchAll(/<label for="claim-\d+">([^<]*)<\/label>/g)].map(([, label]) => label)).toEqual([
      'sub (the user&#39;s id: required)',
      'mail',
      'email (not in the AttributeMapping: Cognito ignores it)',
      'name (not in the AttributeMapping: Cognito ignores it)',
    ]);
  });

  it('escapes every value it shows and runs no script', async () => {
    const evil: IdentityProviderType = {
      ProviderName: `Evil<b>"'&`,
      ProviderType: 'OIDC',
      ProviderDetails: { oidc_issuer: 'https://evil.example.com' },
      AttributeMapping: { name: `x"><script>alert(1)</script>` },
    };
    const { standIn } = pagesOf({ providers: [evil], supported: [`Evil<b>"'&`] });
    const html = htmlOf((await standIn(new URLSearchParams({ ...Object.fromEntries(AUTHORIZE), identity_provider: `Evil<b>"'&` }))).page);

    expect(html).not.toMatch(/<script|<b>/i);
    expect(html).toContain('Evil&lt;b&gt;&quot;&#39;&amp;');
    expect(html).toContain('name="claim.x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it("refuses a state it did not seal, and a redirect_uri other than Cognito's response path", async () => {
    const { serve, standIn } = pagesOf();
    const forged = await serve(
      request('GET', `${STAND_IN_PATH}?state=forged&redirect_uri=${encodeURIComponent(`${ORIGIN}/oauth2/idpresponse`)}`),
    );
    expect(forged).toMatchObject({ kind: 'html', status: 400 });

    const { url } = await standIn(new URLSearchParams({ ...Object.fromEntries(AUTHORIZE), identity_provider: 'Google' }));
    const elsewhere = new URL(url);
    elsewhere.searchParams.set('redirect_uri', 'https://attacker.example.com/oauth2/idpresponse');
    expect(await serve(request('GET', elsewhere.toString()))).toMatchObject({ kind: 'html', status: 400 });
  });
});

describe("Cognito's response paths", () => {
  it('signs the chosen identity in and ends the sign-in with signedIn, with the authorize parameters', async () => {
    const { standIn, serve, signIns } = pagesOf();
    const parameters = new URLSearchParams({ ...Object.fromEntries(AUTHORIZE), identity_provider: 'Google' });
    const [ada] = formsOf(htmlOf((await standIn(parameters)).page));
    const answer = await serve(request('POST', ada!.action, ada!.fields));

    expect(answer).toEqual({ kind: 'redirect', location: `${CALLBACK}?code=the-code&state=app-state` });
    expect(signIns).toEqual([{ userPoolId: 'local_Pool1', username: 'Google_100000000000000000001', parameters: parameters.toString() }]);
  });

  it('makes one user of an identity posted twice at once, and runs its PreSignUp once', async () => {
    testbed.lambda().handle('fed-pre-sign-up', (event) => event);
    const { standIn, serve, signIns, stored } = pagesOf({ pool: { LambdaConfig: { PreSignUp: ALL_TRIGGERS.PreSignUp } } });
    const [ada] = formsOf(
      htmlOf((await standIn(new URLSearchParams({ ...Object.fromEntries(AUTHORIZE), identity_provider: 'Google' }))).page),
    );
    const before = testbed.lambda().invoked.length;
    await Promise.all([serve(request('POST', ada!.action, ada!.fields)), serve(request('POST', ada!.action, ada!.fields))]);

    expect(
      testbed
        .lambda()
        .invoked.slice(before)
        .map(({ event }) => event.triggerSource),
    ).toEqual(['PreSignUp_ExternalProvider']);
    expect([...stored.keys()]).toEqual(['Google_100000000000000000001']);
    expect(signIns.map((signIn) => signIn.username)).toEqual(['Google_100000000000000000001', 'Google_100000000000000000001']);
  });

  it('takes the answer of an OIDC provider by GET too', async () => {
    const { standIn, serve, signIns } = pagesOf();
    const [ada] = formsOf(
      htmlOf((await standIn(new URLSearchParams({ ...Object.fromEntries(AUTHORIZE), identity_provider: 'Google' }))).page),
    );
    await serve(request('GET', `/oauth2/idpresponse?${new URLSearchParams(ada!.fields)}`));

    expect(signIns.map((signIn) => signIn.username)).toEqual(['Google_100000000000000000001']);
  });

  it('signs a SAML identity in through /saml2/idpresponse, with its RelayState', async () => {
    const { standIn, serve, signIns } = pagesOf();
    const [ada] = formsOf(
      htmlOf((await standIn(new URLSearchParams({ ...Object.fromEntries(AUTHORIZE), idp_identifier: 'corp.example.com' }))).page),
    );

    expect(ada!.action).toBe('/saml2/idpresponse');
    expect(Object.keys(ada!.fields)).toContain('RelayState');
    await serve(request('POST', ada!.action, ada!.fields));
    expect(signIns.map((signIn) => signIn.username)).toEqual(['CorpSSO_ada.lovelace@example.com']);
  });

  it("sends Cognito's refusal to the app's redirect_uri with its state: in the query for a code, in the fragment for tokens", async () => {
    const { standIn, serve, pool, signIns } = pagesOf();
    pool.SchemaAttributes = [
      { Name: 'sub', AttributeDataType: 'String', Mutable: false, Required: true },
      { Name: 'email', AttributeDataType: 'String', Mutable: true, Required: true },
    ];
    for (const [responseType, separator] of [
      ['code', '?'],
      ['token', '#'],
    ] as const) {
      const parameters = new URLSearchParams({
        ...Object.fromEntries(AUTHORIZE),
        response_type: responseType,
        identity_provider: 'Google',
      });
      const [ada] = formsOf(htmlOf((await standIn(parameters)).page));
      const answer = await serve(request('POST', ada!.action, { state: ada!.fields.state!, 'claim.sub': '1001' }));

      expect(answer).toEqual({
        kind: 'redirect',
        location: `${CALLBACK}${separator}error_description=attributes+required%3A+%5Bemail%5D&state=app-state&error=invalid_request`,
      });
    }
    expect(signIns).toEqual([]);
  });

  it('refuses an answer without a state it sealed, or without the user id, with a page', async () => {
    const { standIn, serve, signIns } = pagesOf();
    expect(await serve(request('POST', '/oauth2/idpresponse', { state: 'forged', 'claim.sub': '1' }))).toMatchObject({
      kind: 'html',
      status: 400,
    });
    const [ada] = formsOf(
      htmlOf((await standIn(new URLSearchParams({ ...Object.fromEntries(AUTHORIZE), identity_provider: 'Google' }))).page),
    );
    expect(
      await serve(request('POST', '/oauth2/idpresponse', { state: ada!.fields.state!, 'claim.email': 'a@example.com' })),
    ).toMatchObject({
      kind: 'html',
      status: 400,
    });
    expect(signIns).toEqual([]);
  });

  it('answers only the methods a provider uses', async () => {
    const { serve } = pagesOf();
    expect(await serve(request('GET', '/saml2/idpresponse'))).toMatchObject({ kind: 'html', status: 405 });
    expect(await serve(request('PUT', '/oauth2/idpresponse'))).toMatchObject({ kind: 'html', status: 405 });
    expect(await serve(request('POST', STAND_IN_PATH))).toMatchObject({ kind: 'html', status: 405 });
  });
});

describe('federationStart', () => {
  it("starts the sign-in of the authorize request the sign-in flow read, at the provider's stand-in", async () => {
    const fake = testbed.fake();
    const parameters = new URLSearchParams({ ...Object.fromEntries(AUTHORIZE), identity_provider: 'Google' });
    const result = await federationStart(fake.deps)(ctx, {
      pool: fake.userPool,
      client: fake.client,
      settings: { resourceServers: [], identityProviders: [] },
      redirectUri: CALLBACK,
      responseType: 'code',
      scopes: ['openid'],
      state: 'app-state',
      identityProvider: 'Google',
      prompts: new Set(),
      parameters,
    });

    expect(result.kind === 'redirect' && result.location).toMatch(new RegExp(`^${ORIGIN}${STAND_IN_PATH}\\?redirect_uri=`));
  });
});
