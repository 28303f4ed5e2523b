// A handler that verifies tokens with aws-jwt-verify exactly as AWS's documentation shows it
// (e2e/fixtures/verify-token.ts), run by the real local stage beside the e2e stack's emulator: on
// the starter stack (serverless.yml with the handler added) and on a team's stack with its own
// pool in another region. Its tokens are the local Cognito's; the keys it fetches from
// https://cognito-idp.<region>.amazonaws.com come from the local Cognito too (nothing leaves the
// machine: were the request to leave, it would fail, and AWS has no such pool anyway).
// https://github.com/awslabs/aws-jwt-verify#verifying-jwts-from-amazon-cognito
import { type CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { expect, test } from '@playwright/test';
import { decodeJwt } from 'jose';
import { adminConfirmedUser, cognitoClient } from '../testing/cognito-client.ts';
import { uniqueEmail, uniqueName } from '../testing/unique-names.ts';
import { e2eStack } from './stack.ts';
import { type ServiceEdit, startVariantApi, type VariantApi } from './variant-stack.ts';

const VERIFY = 'e2e/fixtures/verify-token';
const PASSWORD = 'Verify-Passw0rd!';

interface Tokens {
  readonly idToken: string;
  readonly accessToken: string;
}

/** The handler (GET /verify) and the function that asks Cognito's endpoint itself (GET /cognito-endpoint), with the pool's ids. */
function withVerifyingHandler(pool: string, client: string): ServiceEdit {
  return (service) => {
    service.provider.environment = { USER_POOL_ID: { Ref: pool }, USER_POOL_CLIENT_ID: { Ref: client } };
    service.functions.verifyToken = { handler: `${VERIFY}.handler`, events: [{ http: { path: 'verify', method: 'get' } }] };
    service.functions.cognitoEndpoint = {
      handler: `${VERIFY}.cognitoEndpoint`,
      events: [{ http: { path: 'cognito-endpoint', method: 'get' } }],
    };
  };
}

/** A confirmed user of the pool, signed in through `clientId` with USER_PASSWORD_AUTH. */
async function signedIn(cognito: CognitoIdentityProviderClient, userPoolId: string, clientId: string): Promise<Tokens> {
  const email = await adminConfirmedUser(cognito, userPoolId, uniqueEmail('verify'), PASSWORD);
  const { AuthenticationResult } = await cognito.send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } }),
  );
  return { idToken: AuthenticationResult!.IdToken!, accessToken: AuthenticationResult!.AccessToken! };
}

async function verified(variant: VariantApi, token: string, use: 'id' | 'access' = 'id') {
  const response = await fetch(`${variant.apiUrl}/verify?use=${use}`, { headers: { Authorization: token } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The token with one claim changed and its signature kept: what an attacker would send. */
function tampered(token: string): string {
  const [header, , signature] = token.split('.');
  const payload = Buffer.from(JSON.stringify({ ...decodeJwt(token), email: 'eve@example.com' })).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

/** The checks both stacks pass: the pool's tokens verified, others refused, with aws-jwt-verify's own errors. */
async function expectVerifiedAsOnAws(variant: VariantApi, region: string, tokens: Tokens, otherPoolTokens: Tokens): Promise<void> {
  const { UserPoolId, UserPoolClientId } = variant.stack.outputs as Record<string, string>;
  const iss = `https://cognito-idp.${region}.amazonaws.com/${UserPoolId}`;
  expect(UserPoolId).toMatch(new RegExp(`^${region}_[A-Za-z0-9]{9}$`));

  await test.step('the ID and access tokens verify, with AWS’s issuer', async () => {
    expect(await verified(variant, tokens.idToken)).toMatchObject({ status: 200, body: { iss, aud: UserPoolClientId, token_use: 'id' } });
    expect(await verified(variant, tokens.accessToken, 'access')).toMatchObject({
      status: 200,
      body: { iss, client_id: UserPoolClientId, token_use: 'access' },
    });
  });

  await test.step('a tampered token, the other use, and another pool’s token are refused', async () => {
    expect(await verified(variant, tampered(tokens.idToken))).toMatchObject({ status: 401, body: { name: 'JwtInvalidSignatureError' } });
    expect(await verified(variant, tokens.accessToken)).toMatchObject({ status: 401, body: { name: 'CognitoJwtInvalidTokenUseError' } });
    expect(await verified(variant, otherPoolTokens.idToken)).toMatchObject({
      status: 401,
      body: { name: 'ParameterValidationError', message: expect.stringContaining('issuer not configured') },
    });
  });

  await test.step('in the handlers’ process, Cognito’s endpoint serves the pool’s discovery document and its API, and refuses the rest', async () => {
    const response = await fetch(`${variant.apiUrl}/cognito-endpoint`);
    const body = (await response.json()) as { discovery: unknown; api: unknown; other: { error?: string } };
    expect(body.discovery).toEqual({
      status: 200,
      body: expect.objectContaining({ issuer: iss, jwks_uri: `${iss}/.well-known/jwks.json` }),
    });
    // A call to Cognito's JSON API is forwarded to the local Cognito, which knows the pool.
    expect(body.api).toEqual({ status: 200, poolId: UserPoolId });
    expect(body.other.error).toContain(`GET https://cognito-idp.${region}.amazonaws.com/ would reach AWS's Cognito`);
  });
}

test.describe('a handler verifying tokens with aws-jwt-verify as AWS documents it', () => {
  let starter: VariantApi;
  let team: VariantApi;
  let cognito: CognitoIdentityProviderClient;

  test.beforeAll(async () => {
    cognito = cognitoClient(e2eStack.urls.cognito);
    [starter, team] = await Promise.all([
      // The starter's serverless.yml with the handler added (its pool under a name of its own, so
      // that the e2e stack's pool is left alone).
      startVariantApi((service) => {
        service.resources.Resources.CognitoUserPool.Properties.UserPoolName = uniqueName('verify-starter');
        withVerifyingHandler('CognitoUserPool', 'CognitoUserPoolClient')(service);
      }),
      // A team's stack: its own service name, region and pool, no starter resources.
      startVariantApi((service) => {
        service.service = 'verify-team';
        service.provider.region = 'ap-southeast-2';
        delete service.functions.helloWorld;
        delete service.functions.helloWorldSecured;
        service.resources = {
          Resources: {
            TeamPool: {
              Type: 'AWS::Cognito::UserPool',
              Properties: { UserPoolName: uniqueName('verify-team'), UsernameAttributes: ['email'] },
            },
            TeamClient: {
              Type: 'AWS::Cognito::UserPoolClient',
              Properties: {
                UserPoolId: { Ref: 'TeamPool' },
                ClientName: 'api',
                ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
              },
            },
          },
          Outputs: { UserPoolId: { Value: { Ref: 'TeamPool' } }, UserPoolClientId: { Value: { Ref: 'TeamClient' } } },
        };
        withVerifyingHandler('TeamPool', 'TeamClient')(service);
      }),
    ]);
  });

  test.afterAll(async () => {
    cognito?.destroy();
    await Promise.all([starter?.stop(), team?.stop()]);
  });

  test('on the starter stack (eu-west-1)', async () => {
    const outputs = (variant: VariantApi) => variant.stack.outputs as Record<string, string>;
    const tokens = await signedIn(cognito, outputs(starter).UserPoolId!, outputs(starter).UserPoolClientId!);
    const other = await signedIn(cognito, outputs(team).UserPoolId!, outputs(team).UserPoolClientId!);
    await expectVerifiedAsOnAws(starter, 'eu-west-1', tokens, other);
  });

  test('on a team’s stack with its own pool in ap-southeast-2', async () => {
    const outputs = (variant: VariantApi) => variant.stack.outputs as Record<string, string>;
    const tokens = await signedIn(cognito, outputs(team).UserPoolId!, outputs(team).UserPoolClientId!);
    const other = await signedIn(cognito, outputs(starter).UserPoolId!, outputs(starter).UserPoolClientId!);
    await expectVerifiedAsOnAws(team, 'ap-southeast-2', tokens, other);
  });
});
