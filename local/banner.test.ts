import { describe, expect, it } from 'vitest';
import { stackBanner } from './banner.ts';
import type { LocalStack } from './cloudformation/local-stack.ts';

const stack = {
  stage: 'local',
  cognitoEndpoint: 'http://127.0.0.1:9229',
  physicalIds: {},
  outputs: {},
  routes: {},
  gatewayResponses: {},
} as unknown as LocalStack;
const places = {
  stage: 'local',
  dataDir: '/data',
  webUrl: 'http://127.0.0.1:5173',
  restApiUrl: 'http://127.0.0.1:3000/local',
  httpApiUrl: 'http://127.0.0.1:3000',
  cognitoUrl: 'http://127.0.0.1:9229',
  managedLoginUrl: 'https://127.0.0.1:9443',
};

describe('the banner’s managed login', () => {
  it('lists the managed login when the stack has a user pool domain, with the pool and the domain', () => {
    const banner = stackBanner(stack, {}, { ...places, domains: [{ userPoolId: 'eu-west-1_abc', domain: 'hello-auth-local' }] });
    expect(banner).toContain('    Login    https://127.0.0.1:9443  (managed login of eu-west-1_abc, domain hello-auth-local)\n');
  });

  it('names every domain at the one origin', () => {
    const banner = stackBanner(
      stack,
      {},
      {
        ...places,
        domains: [
          { userPoolId: 'p1', domain: 'one' },
          { userPoolId: 'p2', domain: 'two' },
        ],
      },
    );
    expect(banner).toContain(
      '    Login    https://127.0.0.1:9443  (managed login of p1, domain one)\n             https://127.0.0.1:9443  (managed login of p2, domain two)\n',
    );
  });

  it('leaves it out when the stack has no user pool domain', () => {
    expect(stackBanner(stack, {}, { ...places, domains: [] })).not.toContain('Login');
  });

  it('says how to trust the CA on the start that made it, and only then', () => {
    const made = stackBanner(stack, {}, { ...places, newCaFile: '/p/.local/tls/ca.pem' });
    expect(made).toContain("A local CA was made for the managed login's HTTPS (/p/.local/tls/ca.pem): `npm run trust-ca`");
    expect(stackBanner(stack, {}, places)).not.toContain('npm run trust-ca');
  });
});

describe('the banner’s routes', () => {
  it('names each route’s authorizer: Cognito, JWT, or the Lambda authorizer by kind and logical id', () => {
    const withRoutes = {
      ...stack,
      routes: {
        'GET /api/public': { type: 'NONE' },
        'GET /api/orders': { type: 'CUSTOM', authorizerType: 'TOKEN', authorizer: 'AuthApiGatewayAuthorizer' },
      },
      httpApi: {
        routes: { 'GET /items': { authorization: { type: 'LAMBDA', authorizer: 'HttpApiAuthorizerSimple' }, payloadFormatVersion: '2.0' } },
      },
    } as unknown as LocalStack;
    const banner = stackBanner(withRoutes, {}, places);
    expect(banner).toContain('GET /api/public\n');
    expect(banner).toContain('GET /api/orders  (Lambda TOKEN authorizer AuthApiGatewayAuthorizer)\n');
    expect(banner).toContain('GET /items  (Lambda authorizer HttpApiAuthorizerSimple)\n');
  });
});
