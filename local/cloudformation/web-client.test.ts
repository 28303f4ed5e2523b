import { describe, expect, it } from 'vitest';
import type { DeployedResource } from './stack-state.ts';
import { stageCognito } from './web-client.ts';

const pool = (physicalId: string): DeployedResource => ({ type: 'AWS::Cognito::UserPool', physicalId, attributes: {}, properties: {} });
const client = (physicalId: string, userPoolId: string, secret = false, flows?: string[]): DeployedResource => ({
  type: 'AWS::Cognito::UserPoolClient',
  physicalId,
  attributes: {},
  properties: { UserPoolId: userPoolId, ...(secret && { GenerateSecret: true }), ...(flows && { ExplicitAuthFlows: flows }) },
});

describe('stageCognito: the web client of any stack', () => {
  it('takes the pool and client the UserPoolId and UserPoolClientId Outputs name', () => {
    const resources = { First: pool('p1'), Second: pool('p2'), FirstWeb: client('c1', 'p1'), SecondWeb: client('c2', 'p2') };
    expect(stageCognito(resources, { UserPoolId: 'p2', UserPoolClientId: 'c2' }).web).toEqual({
      userPoolLogicalId: 'Second',
      userPoolId: 'p2',
      clientLogicalId: 'SecondWeb',
      clientId: 'c2',
      from: 'Outputs',
    });
  });

  it('without Outputs, prefers a client that allows SRP (the default set, or ALLOW_USER_SRP_AUTH) to one that does not', () => {
    const resources = { Pool: pool('p1'), Custom: client('c1', 'p1', false, ['ALLOW_CUSTOM_AUTH']), Web: client('c2', 'p1') };
    expect(stageCognito(resources, {}).web.clientLogicalId).toBe('Web');
  });

  it('without Outputs, takes the first pool and its first client a browser can use (no secret)', () => {
    const resources = { Pool: pool('p1'), Server: client('c1', 'p1', true), Web: client('c2', 'p1') };
    const cognito = stageCognito(resources, {});
    expect(cognito.web).toEqual({ userPoolLogicalId: 'Pool', userPoolId: 'p1', clientLogicalId: 'Web', clientId: 'c2', from: 'template' });
    expect(cognito.pools).toEqual({ Pool: 'p1' });
    expect(cognito.clients.map((c) => [c.logicalId, c.userPoolLogicalId, c.hasSecret])).toEqual([
      ['Server', 'Pool', true],
      ['Web', 'Pool', false],
    ]);
  });

  it('says why the web client cannot sign in: only a client with a secret, no client, no pool', () => {
    expect(stageCognito({ Pool: pool('p1'), Server: client('c1', 'p1', true) }, {}).web.unusable).toBe(
      'app client Server has a secret (GenerateSecret), which a browser cannot keep: Amplify cannot sign in with it. Add a client without one for the web.',
    );
    expect(stageCognito({ Pool: pool('p1'), Sms: client('c1', 'p1', false, ['CUSTOM_AUTH_FLOW_ONLY']) }, {}).web.unusable).toBe(
      "app client Sms does not allow ALLOW_USER_SRP_AUTH (ExplicitAuthFlows), the page's Amplify sign-in. Add it there, or a client for the web that allows it.",
    );
    expect(stageCognito({ Pool: pool('p1') }, {}).web.unusable).toBe('user pool Pool has no app client (AWS::Cognito::UserPoolClient)');
    expect(stageCognito({}, {}).web).toEqual({ from: 'template', unusable: 'the stack has no user pool (AWS::Cognito::UserPool)' });
  });

  it("keeps each client's OAuth settings and each pool's domain, for the page's hosted UI", () => {
    const oauthClient: DeployedResource = {
      ...client('c1', 'p1'),
      properties: {
        UserPoolId: 'p1',
        AllowedOAuthFlowsUserPoolClient: 'true',
        AllowedOAuthFlows: ['code'],
        CallbackURLs: ['http://127.0.0.1:5173/'],
        ClientName: 'web',
      },
    };
    const domain: DeployedResource = {
      type: 'AWS::Cognito::UserPoolDomain',
      physicalId: 'hello-local',
      attributes: {},
      properties: { UserPoolId: 'p1', Domain: 'hello-local' },
    };
    const cognito = stageCognito({ Pool: pool('p1'), Other: pool('p2'), Web: oauthClient, Domain: domain }, {});
    expect(cognito.clients[0]!.oauth).toEqual({
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      CallbackURLs: ['http://127.0.0.1:5173/'],
    });
    expect(cognito.domains).toEqual({ Pool: 'hello-local' });
  });
});
