import { randomUUID } from 'node:crypto';
import type { Router, User } from '../cognito-local.ts';
import { describe, expect, it } from 'vitest';
import { startSrpClient, type SrpClient } from '../testing/aws-srp-client.ts';
import { appClient, ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { signInRouter } from '../testing/sign-in-router.ts';

const POOL_ID = 'local_AbC123';
const POOL_NAME = 'AbC123';
const PASSWORD = 'Correct-Horse-1';
const TIMESTAMP = 'Mon Nov 23 22:26:35 UTC 2026';

const user = (email: string, status: User['UserStatus']) => poolUser(randomUUID(), email, status, { Password: PASSWORD });
const clientOne = appClient('client-1', { UserPoolId: POOL_ID });

/** The sign-in operations over cognito-local in memory: an email-as-username pool with two app clients, `groups` by member. */
function setUp(
  users: User[],
  groups: Record<string, string[]> = {},
  clients = [clientOne, appClient('client-2', { UserPoolId: POOL_ID })],
) {
  const cognito = fakeCognito({
    users,
    pool: { Id: POOL_ID, UsernameAttributes: ['email'] },
    clients,
    groups,
    tokens: { AccessToken: 'access-token', IdToken: 'id-token', RefreshToken: 'refresh-token' },
  });
  return { ...cognito, router: signInRouter(cognito.services) };
}

/** Step 1, as Amplify sends it: InitiateAuth with USER_SRP_AUTH and the client's A. */
async function initiate(router: Router, username: string, clientId = 'client-1') {
  const srp = await startSrpClient(POOL_NAME);
  const response = await router('InitiateAuth')(ctx, {
    AuthFlow: 'USER_SRP_AUTH',
    ClientId: clientId,
    AuthParameters: { USERNAME: username, SRP_A: srp.A.toString(16) },
  });
  return { srp, response };
}

/** Step 2's answers, computed as amazon-cognito-identity-js's CognitoUser computes them, with the Session it sends along. */
async function passwordClaim(srp: SrpClient, response: { ChallengeParameters: Record<string, string>; Session: string }, password: string) {
  return { Session: response.Session, responses: await srp.passwordVerifierResponses(response.ChallengeParameters, password, TIMESTAMP) };
}

function respond(router: Router, claim: { Session: string; responses: Record<string, string> }, clientId = 'client-1') {
  return router('RespondToAuthChallenge')(ctx, {
    ChallengeName: 'PASSWORD_VERIFIER',
    ClientId: clientId,
    ChallengeResponses: claim.responses,
    Session: claim.Session,
  });
}

/** Both steps, with `password` typed by the user. */
async function signIn(router: Router, email: string, password: string) {
  const { srp, response } = await initiate(router, email);
  return respond(router, await passwordClaim(srp, response, password));
}

describe('USER_SRP_AUTH through InitiateAuth and RespondToAuthChallenge', () => {
  it("answers USER_SRP_AUTH with a PASSWORD_VERIFIER challenge for the user's id", async () => {
    const ada = user('ada@example.com', 'CONFIRMED');
    const { router } = setUp([ada]);
    const { response } = await initiate(router, 'ada@example.com');
    expect(response.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(Object.keys(response.ChallengeParameters).sort()).toEqual(['SALT', 'SECRET_BLOCK', 'SRP_B', 'USERNAME', 'USER_ID_FOR_SRP']);
    expect(response.ChallengeParameters.USER_ID_FOR_SRP).toBe(ada.Username);
    expect(response.ChallengeParameters.USERNAME).toBe(ada.Username);
    expect(response.ChallengeParameters.SALT).toMatch(/^[0-9a-f]{32}$/);
    expect(response.ChallengeParameters.SRP_B).toMatch(/^[0-9a-f]+$/);
    expect(Buffer.from(response.ChallengeParameters.SECRET_BLOCK, 'base64')).toHaveLength(64);
    expect(typeof response.Session).toBe('string');
  });

  it('signs a confirmed user in with the right password and stores the refresh token', async () => {
    const ada = user('ada@example.com', 'CONFIRMED');
    const { router, generated, storedRefreshTokens } = setUp([ada], { admins: [ada.Username] });
    const result = await signIn(router, 'ada@example.com', PASSWORD);
    expect(result).toEqual({
      ChallengeParameters: {},
      AuthenticationResult: {
        AccessToken: 'access-token',
        IdToken: 'id-token',
        RefreshToken: 'refresh-token',
        ExpiresIn: 3600,
        TokenType: 'Bearer',
      },
    });
    expect(generated).toEqual([[ctx, ada, ['admins'], clientOne, undefined, 'Authentication']]);
    expect(storedRefreshTokens).toEqual([['refresh-token', ada.Username]]);
  });

  it('refuses a wrong password as Cognito does, issuing nothing', async () => {
    const ada = user('ada@example.com', 'CONFIRMED');
    const { router, generated, storedRefreshTokens } = setUp([ada]);
    const error = await rejection(signIn(router, 'ada@example.com', 'Wrong-Horse-1'));
    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe('Incorrect username or password.');
    expect(generated).toEqual([]);
    expect(storedRefreshTokens).toEqual([]);
  });

  it('accepts a secret block, and its Session, only once', async () => {
    const ada = user('ada@example.com', 'CONFIRMED');
    const { router, generated } = setUp([ada]);
    const { srp, response } = await initiate(router, 'ada@example.com');
    const claim = await passwordClaim(srp, response, PASSWORD);
    await respond(router, claim);
    const error = await rejection(respond(router, claim));
    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe('Invalid session for the user.');
    expect(generated).toHaveLength(1);
  });

  it('burns the secret block on a wrong password, so a retry needs a new challenge', async () => {
    const ada = user('ada@example.com', 'CONFIRMED');
    const { router, generated } = setUp([ada]);
    const first = await initiate(router, 'ada@example.com');
    await rejection(respond(router, await passwordClaim(first.srp, first.response, 'Wrong-Horse-1')));
    // The right password, answering the same challenge again.
    const error = await rejection(respond(router, await passwordClaim(first.srp, first.response, PASSWORD)));
    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe('Invalid session for the user.');
    expect(generated).toEqual([]);
    const second = await initiate(router, 'ada@example.com');
    const result = await respond(router, await passwordClaim(second.srp, second.response, PASSWORD));
    expect(result.AuthenticationResult.IdToken).toBe('id-token');
  });

  it('refuses an answer sent through another app client', async () => {
    const ada = user('ada@example.com', 'CONFIRMED');
    const { router, generated } = setUp([ada]);
    const { srp, response } = await initiate(router, 'ada@example.com', 'client-1');
    const error = await rejection(respond(router, await passwordClaim(srp, response, PASSWORD), 'client-2'));
    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe('Invalid session for the user.');
    expect(generated).toEqual([]);
  });

  it('refuses an unknown user at the first step without telling it apart, where the client hides users', async () => {
    const { router } = setUp([user('ada@example.com', 'CONFIRMED')], {}, [{ ...clientOne, PreventUserExistenceErrors: 'ENABLED' }]);
    const error = await rejection(initiate(router, 'nobody@example.com').then(({ response }) => response));
    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe('Incorrect username or password.');
  });

  it('tells an unknown user so where the client does not hide users (LEGACY)', async () => {
    const { router } = setUp([user('ada@example.com', 'CONFIRMED')]);
    const error = await rejection(initiate(router, 'nobody@example.com').then(({ response }) => response));
    expect([error.code, error.message]).toEqual(['UserNotFoundException', 'User does not exist.']);
  });

  it('tells an unconfirmed user with the right password to confirm first', async () => {
    const { router, generated } = setUp([user('pending@example.com', 'UNCONFIRMED')]);
    const error = await rejection(signIn(router, 'pending@example.com', PASSWORD));
    expect(error.code).toBe('UserNotConfirmedException');
    expect(error.message).toBe('User is not confirmed.');
    expect(generated).toEqual([]);
  });

  it('refuses an unconfirmed user with a wrong password as a wrong password', async () => {
    const { router } = setUp([user('pending@example.com', 'UNCONFIRMED')]);
    const error = await rejection(signIn(router, 'pending@example.com', 'Wrong-Horse-1'));
    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe('Incorrect username or password.');
  });

  it('refuses USER_SRP_AUTH without SRP_A', async () => {
    const { router } = setUp([user('ada@example.com', 'CONFIRMED')]);
    const error = await rejection(
      router('InitiateAuth')(ctx, { AuthFlow: 'USER_SRP_AUTH', ClientId: 'client-1', AuthParameters: { USERNAME: 'ada@example.com' } }),
    );
    expect(error.code).toBe('InvalidParameterException');
  });

  it('runs each flow only through its operation: USER_PASSWORD_AUTH through InitiateAuth, the admin password flows through AdminInitiateAuth', async () => {
    // AWS: "USER_PASSWORD_AUTH can only be used with InitiateAuth and ADMIN_USER_PASSWORD_AUTH can only be used
    // with AdminInitiateAuth" (https://github.com/getmoto/moto/issues/4623); the answer's words:
    // https://github.com/awsdocs/aws-doc-sdk-examples/issues/5289
    const { router, generated } = setUp([user('ada@example.com', 'CONFIRMED')], {}, [
      { ...clientOne, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH'] },
    ]);
    const AuthParameters = { USERNAME: 'ada@example.com', PASSWORD };
    for (const [target, AuthFlow] of [
      ['InitiateAuth', 'ADMIN_USER_PASSWORD_AUTH'],
      ['InitiateAuth', 'ADMIN_NO_SRP_AUTH'],
      ['AdminInitiateAuth', 'USER_PASSWORD_AUTH'],
    ] as const) {
      const error = await rejection(router(target)(ctx, { UserPoolId: POOL_ID, ClientId: 'client-1', AuthFlow, AuthParameters }));
      expect([error.code, error.message]).toEqual(['InvalidParameterException', 'Initiate Auth method not supported.']);
    }
    expect(generated).toEqual([]);
    const signedIn = await router('AdminInitiateAuth')(ctx, {
      UserPoolId: POOL_ID,
      ClientId: 'client-1',
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters,
    });
    expect(signedIn.AuthenticationResult.IdToken).toBe('id-token');
  });

  it('answers CUSTOM_AUTH on a pool without DefineAuthChallenge as Cognito does', async () => {
    const { router } = setUp([user('ada@example.com', 'CONFIRMED')]);
    const req = { AuthFlow: 'CUSTOM_AUTH', ClientId: 'client-1', AuthParameters: { USERNAME: 'ada@example.com' } };
    const error = await rejection(router('InitiateAuth')(ctx, req));
    expect([error.code, error.message]).toEqual([
      'InvalidParameterException',
      'Custom auth lambda trigger is not configured for the user pool.',
    ]);
  });

  it('refuses a PASSWORD_VERIFIER answer with a made-up Session, or none', async () => {
    const ada = user('ada@example.com', 'CONFIRMED');
    const { router, generated } = setUp([ada]);
    const { srp, response } = await initiate(router, 'ada@example.com');
    const claim = await passwordClaim(srp, response, PASSWORD);
    for (const Session of ['made-up', undefined]) {
      const error = await rejection(respond(router, { ...claim, Session: Session as string }));
      expect([error.code, error.message]).toEqual(['NotAuthorizedException', 'Invalid session for the user.']);
    }
    expect(generated).toEqual([]);
  });

  // Cognito (and cognito-local's own USER_PASSWORD_AUTH) answers a user created by an
  // administrator, still on a temporary password, with the NEW_PASSWORD_REQUIRED challenge.
  it('asks a user on a temporary password for a new one instead of issuing tokens', async () => {
    const { router, generated } = setUp([user('invited@example.com', 'FORCE_CHANGE_PASSWORD')]);
    const result = await signIn(router, 'invited@example.com', PASSWORD);
    expect(result.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(generated).toEqual([]);
  });
});
