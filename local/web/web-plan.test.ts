import { describe, expect, it } from 'vitest';
import { stackBanner } from '../banner.ts';
import type { LocalStack } from '../cloudformation/local-stack.ts';
import { localWebEnv, webPlan } from './web-plan.ts';

const urls = { restApi: 'http://127.0.0.1:3000/local', httpApi: 'http://127.0.0.1:3000' };
const places = {
  stage: 'local',
  dataDir: '/data',
  webUrl: 'http://127.0.0.1:5173',
  restApiUrl: urls.restApi,
  httpApiUrl: urls.httpApi,
  cognitoUrl: 'http://127.0.0.1:9229',
};
const web = { userPoolLogicalId: 'Pool', userPoolId: 'local_p1', clientLogicalId: 'Web', clientId: 'c1', from: 'template' } as const;
const stack = (parts: Partial<LocalStack>): LocalStack => ({
  stage: 'local',
  cognitoEndpoint: 'http://127.0.0.1:9229',
  physicalIds: {},
  outputs: {},
  routes: {},
  gatewayResponses: {} as LocalStack['gatewayResponses'],
  cognito: { pools: { Pool: 'local_p1' }, clients: [], web },
  ...parts,
});

describe('webPlan and the banner', () => {
  it('uses the template when the stack has no Outputs, and says so', () => {
    const plain = stack({ routes: { 'GET /hello': { type: 'NONE' } } as LocalStack['routes'] });
    const plan = webPlan(plain, urls);
    expect(plan).toEqual({
      userPoolId: 'local_p1',
      clientId: 'c1',
      source: 'from the template: Pool, client Web',
      apiUrl: 'http://127.0.0.1:3000/local',
    });
    expect(stackBanner(plain, plan, places)).toContain(
      'Cognito  http://127.0.0.1:9229  (web client: user pool local_p1, client c1, from the template: Pool, client Web)',
    );
  });

  it('runs a stack without any http event: no API on the page or in the banner, saying why', () => {
    const triggersOnly = stack({});
    const plan = webPlan(triggersOnly, urls);
    expect(plan.apiOff).toBe('serverless.yml has no http or httpApi event');
    expect(localWebEnv(plan, 'http://127.0.0.1:9229')).toMatchObject({ VITE_API_OFF: plan.apiOff });
    expect(localWebEnv(plan, 'http://127.0.0.1:9229')).not.toHaveProperty('VITE_API_URL');
    expect(stackBanner(triggersOnly, plan, places)).toContain('API      none (serverless.yml has no http or httpApi event)');
  });

  it('turns sign-in off on a stack whose only client has a secret, in the banner and for the page', () => {
    const secretOnly = stack({
      cognito: { pools: { Pool: 'local_p1' }, clients: [], web: { ...web, unusable: 'app client Web has a secret' } },
    });
    const plan = webPlan(secretOnly, urls);
    expect(plan).toMatchObject({ authOff: 'app client Web has a secret' });
    expect(localWebEnv(plan, 'x')).toEqual({
      VITE_AUTH_OFF: 'app client Web has a secret',
      VITE_API_OFF: plan.apiOff,
      VITE_COGNITO_ENDPOINT: 'x',
    });
    expect(stackBanner(secretOnly, plan, places)).toContain('Sign-in is off on the web page: app client Web has a secret.');
  });

  it('prefers the ApiUrl Output, and lists an HTTP API at the root', () => {
    const httpOnly = stack({
      outputs: { ApiUrl: 'http://127.0.0.1:3000/custom' },
      httpApi: { routes: { 'GET /items': { authorization: { type: 'NONE' }, payloadFormatVersion: '2.0' } } },
    });
    expect(webPlan(httpOnly, urls).apiUrl).toBe('http://127.0.0.1:3000/custom');
    expect(stackBanner(httpOnly, webPlan(httpOnly, urls), places)).toContain(
      '    HTTP API http://127.0.0.1:3000\n             GET /items\n',
    );
  });

  describe('the hosted UI through the local managed login', () => {
    const managedLogin = { host: '127.0.0.1:9443', pageUrl: 'http://127.0.0.1:5173/' };
    const oauth = {
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid'],
      CallbackURLs: ['http://127.0.0.1:5173/'],
      LogoutURLs: ['http://127.0.0.1:5173/'],
      SupportedIdentityProviders: ['COGNITO', 'Google'],
    } as const;
    const withClient = (domains: Record<string, string>) =>
      stack({
        cognito: {
          pools: { Pool: 'local_p1' },
          clients: [{ logicalId: 'Web', id: 'c1', userPoolLogicalId: 'Pool', hasSecret: false, allowsSrp: true, oauth: oauth as never }],
          domains,
          web,
        },
      });

    it("points Amplify at the managed login's host:port, whatever the pool's domain prefix", () => {
      const plan = webPlan(withClient({ Pool: 'hello-auth-local-000000000000' }), { ...urls, managedLogin });
      expect(localWebEnv(plan, 'x')).toMatchObject({
        VITE_OAUTH_DOMAIN: '127.0.0.1:9443',
        VITE_OAUTH_REDIRECT_SIGN_IN: 'http://127.0.0.1:5173/',
        VITE_OAUTH_RESPONSE_TYPE: 'code',
        VITE_OAUTH_PROVIDERS: 'COGNITO Google',
      });
    });

    it("says why the page has none: the web client's pool has no domain, or the page is not a callback URL", () => {
      expect(localWebEnv(webPlan(withClient({}), { ...urls, managedLogin }), 'x').VITE_HOSTED_UI_OFF).toBe(
        'the user pool has no domain (AWS::Cognito::UserPoolDomain)',
      );
      const elsewhere = { ...managedLogin, pageUrl: 'http://127.0.0.1:5999/' };
      expect(localWebEnv(webPlan(withClient({ Pool: 'd' }), { ...urls, managedLogin: elsewhere }), 'x').VITE_HOSTED_UI_OFF).toBe(
        "app client Web's CallbackURLs do not include this page, http://127.0.0.1:5999/",
      );
    });
  });
});
