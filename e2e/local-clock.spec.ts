// The local stack's one clock (local/clock.ts), moved on a whole `npm start` of its own (moving
// the e2e stack's clock would move it under every spec that runs after this one): the Cognito
// emulator's /_dev/clock moves it, and the emulator's Sessions and both APIs' authorizers, in
// another process, follow at their next request, as they would once that much time had passed
// on AWS.
import {
  AdminCreateUserCommand,
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect, test } from '@playwright/test';
import { decodeJwt } from 'jose';
import { localStackPath, readLocalStack, stackOutput } from '../local/cloudformation/local-stack.ts';
import { cognitoClient } from '../testing/cognito-client.ts';
import { type LaunchedStack, launchStack } from '../testing/launch-stack.ts';
import { writeVariantConfig } from '../testing/variant-api.ts';
import { failure } from './stack.ts';
import type { ServiceEdit } from './variant-stack.ts';

const ISSUER_URL = { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: 'CognitoUserPool' }]] };
const USER = { email: 'user@example.com', password: 'User-Passw0rd!' };

/** A team's stack the starter is not: tokens that last 5 minutes, and an HTTP API route behind a JWT authorizer beside the REST API. */
const fiveMinuteTokensAndHttpApi: ServiceEdit = (service) => {
  const client = service.resources.Resources.CognitoUserPoolClient.Properties;
  Object.assign(client, { IdTokenValidity: 5, AccessTokenValidity: 5 });
  service.provider.httpApi = {
    authorizers: {
      cognito: {
        type: 'jwt',
        identitySource: '$request.header.Authorization',
        issuerUrl: ISSUER_URL,
        audience: [{ Ref: 'CognitoUserPoolClient' }],
      },
    },
  };
  service.functions.httpEcho = {
    handler: 'e2e/fixtures/echo-handler.handler',
    events: [{ httpApi: { method: 'GET', path: '/http/echoSecured', authorizer: { name: 'cognito' } } }],
  };
};

interface Clock {
  now: string;
  epochSeconds: number;
  offsetSeconds: number;
}

test.describe('the local clock', () => {
  let stack: LaunchedStack;
  let removeVariant: () => void;
  let cognito: CognitoIdentityProviderClient;
  let clientId: string;
  let userPoolId: string;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    const variant = writeVariantConfig(fiveMinuteTokensAndHttpApi);
    removeVariant = variant.remove;
    stack = await launchStack({ args: ['--config', variant.configFile] });
    const deployed = readLocalStack(localStackPath(stack.dataDir));
    clientId = stackOutput(deployed, 'UserPoolClientId');
    userPoolId = stackOutput(deployed, 'UserPoolId');
    cognito = cognitoClient(stack.urls.cognito);
  });

  test.afterAll(async () => {
    cognito?.destroy();
    await stack?.stop();
    removeVariant?.();
  });

  const clock = async (advanceSeconds?: number): Promise<Clock> => {
    const answer = await fetch(`${stack.urls.cognito}/_dev/clock`, {
      method: advanceSeconds === undefined ? 'GET' : 'POST',
      ...(advanceSeconds !== undefined && { body: JSON.stringify({ advanceSeconds }) }),
    });
    expect(answer.status).toBe(200);
    return (await answer.json()) as Clock;
  };
  const signIn = async () => {
    const { AuthenticationResult } = await cognito.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: USER.email, PASSWORD: USER.password },
      }),
    );
    return AuthenticationResult!.IdToken!;
  };
  const restApi = (token: string) => fetch(`${stack.urls.api}/api/helloWorldSecured`, { headers: { Authorization: token } });
  const httpApi = (token: string) => fetch(`${stack.urls.apiBase}/http/echoSecured`, { headers: { Authorization: `Bearer ${token}` } });

  test('moving it forward expires tokens at both APIs and sign-in Sessions at Cognito, and what is issued afterwards works', async () => {
    const start = await clock();
    expect(start.offsetSeconds).toBe(0);
    expect(Math.abs(Date.parse(start.now) - Date.now())).toBeLessThan(5000);

    const token = await signIn();
    const { iat, exp } = decodeJwt(token);
    expect(exp! - iat!).toBe(300);
    expect((await restApi(token)).status).toBe(200);
    expect((await httpApi(token)).status).toBe(200);

    // A sign-in between two steps: NEW_PASSWORD_REQUIRED for a user an administrator created, behind a Session.
    const invited = `invited-${Date.now()}@example.com`;
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: invited,
        TemporaryPassword: 'Temp-Passw0rd!',
        MessageAction: 'SUPPRESS',
      }),
    );
    const { ChallengeName, Session } = await cognito.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: invited, PASSWORD: 'Temp-Passw0rd!' },
      }),
    );
    expect(ChallengeName).toBe('NEW_PASSWORD_REQUIRED');

    // The ID token's 5 minutes, and more than a Session's 3 (AuthSessionValidity's default).
    const moved = await clock(301);
    expect(moved.offsetSeconds).toBe(301);
    expect(moved.epochSeconds).toBeGreaterThan(exp!);

    await test.step('API Gateway refuses the token the clock moved past, on the REST API and the HTTP API', async () => {
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html (EXPIRED_TOKEN is not what a user pool authorizer answers: 401 Unauthorized, "The incoming token has expired").
      const rest = await restApi(token);
      expect([rest.status, await rest.text(), rest.headers.get('x-amzn-errortype')]).toEqual([
        401,
        '{"message":"The incoming token has expired"}',
        'UnauthorizedException',
      ]);
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html: exp is checked on every request.
      const http = await httpApi(token);
      expect(http.status).toBe(401);
      expect(http.headers.get('www-authenticate')).toContain('error_description="the token has expired"');
    });

    await test.step('Cognito refuses the Session the clock moved past', async () => {
      const refused = await failure(
        cognito.send(
          new RespondToAuthChallengeCommand({
            ClientId: clientId,
            ChallengeName: 'NEW_PASSWORD_REQUIRED',
            Session,
            ChallengeResponses: { USERNAME: invited, NEW_PASSWORD: 'Chosen-Passw0rd!' },
          }),
        ),
      );
      expect(refused).toEqual({ name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
    });

    await test.step('a sign-in now gets tokens of the moved time, which both APIs take', async () => {
      const fresh = await signIn();
      expect(decodeJwt(fresh).iat).toBeGreaterThanOrEqual(moved.epochSeconds);
      expect((await restApi(fresh)).status).toBe(200);
      expect((await httpApi(fresh)).status).toBe(200);
    });

    await test.step('the clock does not move backward by seconds, and stays where it was moved', async () => {
      const back = await fetch(`${stack.urls.cognito}/_dev/clock`, { method: 'POST', body: '{"advanceSeconds": -301}' });
      expect(back.status).toBe(400);
      expect(((await back.json()) as { message: string }).message).toContain('The local clock only moves forward');
      expect((await clock()).offsetSeconds).toBe(301);
    });

    await test.step('set back to the real time, a token of the moved time fails the HTTP API (its iat is ahead) and a new one passes', async () => {
      const movedToken = await signIn();
      const back = await fetch(`${stack.urls.cognito}/_dev/clock`, { method: 'DELETE' });
      expect(back.status).toBe(200);
      const now = (await back.json()) as Clock;
      expect(now.offsetSeconds).toBe(0);
      expect(Math.abs(Date.parse(now.now) - Date.now())).toBeLessThan(5000);
      expect((await httpApi(movedToken)).status).toBe(401);
      const fresh = await signIn();
      expect((await restApi(fresh)).status).toBe(200);
      expect((await httpApi(fresh)).status).toBe(200);
    });
  });
});
