import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  type LambdaConfigType,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretHash } from '../secrets/secret-hash.ts';
import { startSrpClient } from '../testing/aws-srp-client.ts';
import { type FakeLambda, functionArn } from '../testing/fake-lambda.ts';
import { startTriggerEmulator, type TriggerEmulator } from '../testing/trigger-emulator.ts';
import { OffsetClock } from '../../clock.ts';
import { CustomAuthSessions } from './custom-auth-session.ts';

// The emulator as `npm start` runs it, with a fake of serverless-offline's Lambda port for the triggers.
let lambda: FakeLambda;
let client: CognitoIdentityProviderClient;
let emulator: TriggerEmulator;
const PASSWORD = 'Correct-Horse-1';
const ANSWER = 'blue';

beforeAll(async () => {
  // The emulator's time stands still: the lockout test's sixth attempt, slow SRP arithmetic under
  // load, must find the 1 s lockout of the fifth wrong password still on (real time may pass it).
  const started = Date.now();
  emulator = await startTriggerEmulator({ triggerTimeoutMs: 1000, clock: new OffsetClock(() => started) });
  ({ lambda, client } = emulator);
  // The define auth challenge example of the Cognito developer guide, with three tries at the custom challenge.
  lambda.handle('svc-local-define', (event) => {
    const session: Array<{ challengeName: string; challengeResult: boolean }> = event.request.session;
    const last = session.at(-1);
    const tries = session.filter((result) => result.challengeName === 'CUSTOM_CHALLENGE').length;
    const response = (challengeName: string | null, issueTokens = false, failAuthentication = false) => ({
      ...event,
      response: { challengeName, issueTokens, failAuthentication },
    });
    if (last?.challengeName === 'SRP_A') return response('PASSWORD_VERIFIER');
    if (last?.challengeName === 'PASSWORD_VERIFIER' && !last.challengeResult) return response(null, false, true);
    if (last?.challengeName === 'CUSTOM_CHALLENGE' && last.challengeResult) return response(null, true);
    if (tries >= 3) return response(null, false, true);
    return response('CUSTOM_CHALLENGE');
  });
  lambda.handle('svc-local-create', (event) => ({
    ...event,
    response: {
      publicChallengeParameters: { question: 'Favourite colour?' },
      privateChallengeParameters: { answer: ANSWER },
      challengeMetadata: `COLOUR-${event.request.session.length}`,
    },
  }));
  lambda.handle('svc-local-verify', (event) => ({
    ...event,
    response: { answerCorrect: event.request.challengeAnswer === event.request.privateChallengeParameters.answer },
  }));
  lambda.handle('svc-local-tokens', (event) => ({
    ...event,
    response: { claimsOverrideDetails: { claimsToAddOrOverride: { signed_in_by: event.triggerSource } } },
  }));
  lambda.handle('svc-local-postAuthentication', (event) => event);
});

afterAll(async () => {
  await emulator?.close();
});

const CUSTOM_AUTH: LambdaConfigType = {
  DefineAuthChallenge: functionArn('svc-local-define'),
  CreateAuthChallenge: functionArn('svc-local-create'),
  VerifyAuthChallengeResponse: functionArn('svc-local-verify'),
};

let pools = 0;
/** A pool with the custom auth triggers (unless told otherwise) and one confirmed user, `ada`. */
async function poolWith(LambdaConfig: LambdaConfigType = CUSTOM_AUTH, clientOptions: { GenerateSecret?: boolean } = {}) {
  const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: `custom-auth-${++pools}`, LambdaConfig }));
  const userPoolId = UserPool!.Id!;
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH'],
      ...clientOptions,
    }),
  );
  await client.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: 'ada', MessageAction: 'SUPPRESS' }));
  await client.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: 'ada', Password: PASSWORD, Permanent: true }));
  return { userPoolId, clientId: UserPoolClient!.ClientId!, clientSecret: UserPoolClient!.ClientSecret };
}

const startCustomAuth = (clientId: string, AuthParameters: Record<string, string> = { USERNAME: 'ada' }) =>
  client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters }));
const answer = (clientId: string, Session: string | undefined, ANSWER: string, extra: Record<string, string> = {}) =>
  client.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session,
      ChallengeResponses: { USERNAME: 'ada', ANSWER, ...extra },
      ClientMetadata: { app: 'test' },
    }),
  );
const eventsOf = (functionName: string, userPoolId: string) =>
  lambda.invoked.filter((call) => call.functionName === functionName && call.event.userPoolId === userPoolId).map((call) => call.event);

describe('custom authentication (CUSTOM_AUTH) with the pool’s challenge triggers', () => {
  it('asks again after a wrong answer, then issues tokens through PreTokenGeneration and runs PostAuthentication', async () => {
    const { userPoolId, clientId } = await poolWith({
      ...CUSTOM_AUTH,
      PreTokenGeneration: functionArn('svc-local-tokens'),
      PostAuthentication: functionArn('svc-local-postAuthentication'),
    });

    const challenge = await startCustomAuth(clientId);
    expect(challenge.ChallengeName).toBe('CUSTOM_CHALLENGE');
    expect(challenge.ChallengeParameters).toEqual({ question: 'Favourite colour?', USERNAME: 'ada' });
    const retry = await answer(clientId, challenge.Session, 'red');
    expect(retry.ChallengeName).toBe('CUSTOM_CHALLENGE');
    expect(retry.Session).not.toBe(challenge.Session);
    const signedIn = await answer(clientId, retry.Session, ANSWER);

    expect(decodeJwt(signedIn.AuthenticationResult!.IdToken!)).toMatchObject({
      'cognito:username': 'ada',
      signed_in_by: 'TokenGeneration_Authentication',
    });
    expect(signedIn.AuthenticationResult!.RefreshToken).toBeTruthy();
    const [firstDefine, secondDefine, lastDefine] = eventsOf('svc-local-define', userPoolId);
    expect(firstDefine).toMatchObject({
      triggerSource: 'DefineAuthChallenge_Authentication',
      userName: 'ada',
      callerContext: { clientId },
      request: { session: [], clientMetadata: {}, userNotFound: false, userAttributes: { 'cognito:user_status': 'CONFIRMED' } },
    });
    expect(secondDefine!.request.session).toEqual([
      { challengeName: 'CUSTOM_CHALLENGE', challengeResult: false, challengeMetadata: 'COLOUR-0' },
    ]);
    expect(lastDefine!.request).toMatchObject({
      clientMetadata: { app: 'test' },
      session: [
        { challengeName: 'CUSTOM_CHALLENGE', challengeResult: false, challengeMetadata: 'COLOUR-0' },
        { challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'COLOUR-1' },
      ],
    });
    expect(eventsOf('svc-local-create', userPoolId).at(-1)).toMatchObject({
      triggerSource: 'CreateAuthChallenge_Authentication',
      request: { challengeName: 'CUSTOM_CHALLENGE', session: [{ challengeName: 'CUSTOM_CHALLENGE', challengeResult: false }] },
      response: { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
    });
    expect(eventsOf('svc-local-verify', userPoolId).at(-1)).toMatchObject({
      triggerSource: 'VerifyAuthChallengeResponse_Authentication',
      request: {
        privateChallengeParameters: { answer: ANSWER },
        challengeAnswer: ANSWER,
        clientMetadata: { app: 'test' },
        userNotFound: false,
      },
      response: { answerCorrect: null },
    });
    expect(eventsOf('svc-local-postAuthentication', userPoolId).at(-1)).toMatchObject({
      triggerSource: 'PostAuthentication_Authentication',
      request: { clientMetadata: { app: 'test' } },
    });
  });

  it('answers Incorrect username or password when DefineAuthChallenge fails the sign-in, and takes that Session no more', async () => {
    const { clientId } = await poolWith();
    let step = await startCustomAuth(clientId);
    step = await answer(clientId, step.Session, 'red');
    step = await answer(clientId, step.Session, 'green');
    const lastSession = step.Session;
    await expect(answer(clientId, lastSession, 'grey')).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    await expect(answer(clientId, lastSession, ANSWER)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });
  });

  it('refuses a made-up Session, one used already, and one given to another client', async () => {
    const { clientId } = await poolWith();
    const other = await poolWith();
    await expect(answer(clientId, 'made-up', ANSWER)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });
    const challenge = await startCustomAuth(clientId);
    await expect(answer(other.clientId, challenge.Session, ANSWER)).rejects.toMatchObject({ message: 'Invalid session for the user.' });
    const fresh = await startCustomAuth(clientId);
    await answer(clientId, fresh.Session, ANSWER);
    await expect(answer(clientId, fresh.Session, ANSWER)).rejects.toMatchObject({ message: 'Invalid session for the user.' });
  });

  it('signs in with the password first, as Amplify’s CUSTOM_WITH_SRP does, with AWS’s own SRP client', async () => {
    const { userPoolId, clientId } = await poolWith();
    const srp = await startSrpClient(userPoolId.split('_')[1]!);
    const verifier = await startCustomAuth(clientId, { USERNAME: 'ada', SRP_A: srp.A.toString(16), CHALLENGE_NAME: 'SRP_A' });
    expect(verifier.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(eventsOf('svc-local-define', userPoolId).at(-1)!.request.session).toEqual([{ challengeName: 'SRP_A', challengeResult: true }]);

    const responses = await srp.passwordVerifierResponses(verifier.ChallengeParameters!, PASSWORD, 'Mon Nov 23 22:26:35 UTC 2026');
    const challenge = await client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        Session: verifier.Session,
        ChallengeResponses: responses,
      }),
    );
    expect(challenge.ChallengeName).toBe('CUSTOM_CHALLENGE');
    expect(eventsOf('svc-local-define', userPoolId).at(-1)!.request.session).toEqual([
      { challengeName: 'SRP_A', challengeResult: true },
      { challengeName: 'PASSWORD_VERIFIER', challengeResult: true },
    ]);
    const signedIn = await answer(clientId, challenge.Session, ANSWER);
    expect(signedIn.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('lets DefineAuthChallenge fail a CUSTOM_WITH_SRP sign-in with a wrong password', async () => {
    const { userPoolId, clientId } = await poolWith();
    const srp = await startSrpClient(userPoolId.split('_')[1]!);
    const verifier = await startCustomAuth(clientId, { USERNAME: 'ada', SRP_A: srp.A.toString(16), CHALLENGE_NAME: 'SRP_A' });
    const responses = await srp.passwordVerifierResponses(verifier.ChallengeParameters!, 'Wrong-Horse-1', 'Mon Nov 23 22:26:35 UTC 2026');
    await expect(
      client.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: 'PASSWORD_VERIFIER',
          Session: verifier.Session,
          ChallengeResponses: responses,
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('counts a wrong CUSTOM_WITH_SRP password for the lockout: after five, even the right one answers Password attempts exceeded', async () => {
    // https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow-things-to-know.html#authentication-flow-lockout-behavior
    const { userPoolId, clientId } = await poolWith();
    const attempt = async (password: string) => {
      const srp = await startSrpClient(userPoolId.split('_')[1]!);
      const verifier = await startCustomAuth(clientId, { USERNAME: 'ada', SRP_A: srp.A.toString(16), CHALLENGE_NAME: 'SRP_A' });
      const responses = await srp.passwordVerifierResponses(verifier.ChallengeParameters!, password, 'Mon Nov 23 22:26:35 UTC 2026');
      const answer = new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        Session: verifier.Session,
        ChallengeResponses: responses,
      });
      return client.send(answer).catch((error: Error) => error.message);
    };
    for (let i = 0; i < 5; i++) expect(await attempt('Wrong-Horse-1')).toBe('Incorrect username or password.');
    expect(await attempt(PASSWORD)).toBe('Password attempts exceeded');
  });

  it('runs the same loop for AdminInitiateAuth and AdminRespondToAuthChallenge', async () => {
    const { userPoolId, clientId } = await poolWith();
    const challenge = await client.send(
      new AdminInitiateAuthCommand({
        UserPoolId: userPoolId,
        ClientId: clientId,
        AuthFlow: 'CUSTOM_AUTH',
        AuthParameters: { USERNAME: 'ada' },
      }),
    );
    await expect(answer(clientId, challenge.Session, ANSWER)).rejects.toMatchObject({ message: 'Invalid session for the user.' });
    const again = await client.send(
      new AdminInitiateAuthCommand({
        UserPoolId: userPoolId,
        ClientId: clientId,
        AuthFlow: 'CUSTOM_AUTH',
        AuthParameters: { USERNAME: 'ada' },
      }),
    );
    const signedIn = await client.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: userPoolId,
        ClientId: clientId,
        ChallengeName: 'CUSTOM_CHALLENGE',
        Session: again.Session,
        ChallengeResponses: { USERNAME: 'ada', ANSWER },
      }),
    );
    expect(signedIn.AuthenticationResult?.IdToken).toBeTruthy();
  });

  it('needs the SECRET_HASH of a client with a secret on both steps', async () => {
    const { clientId, clientSecret } = await poolWith(CUSTOM_AUTH, { GenerateSecret: true });
    const SECRET_HASH = secretHash(clientSecret!, 'ada', clientId);
    await expect(startCustomAuth(clientId)).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    const challenge = await startCustomAuth(clientId, { USERNAME: 'ada', SECRET_HASH });
    await expect(answer(clientId, challenge.Session, ANSWER)).rejects.toMatchObject({
      message: `Client ${clientId} is configured with secret but SECRET_HASH was not received`,
    });
    const signedIn = await answer(clientId, challenge.Session, ANSWER, { SECRET_HASH });
    expect(signedIn.AuthenticationResult?.IdToken).toBeTruthy();
  });

  it('refuses CUSTOM_AUTH in a pool without DefineAuthChallenge, and an unknown user as the client is configured', async () => {
    const plain = await poolWith({});
    await expect(startCustomAuth(plain.clientId)).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Custom auth lambda trigger is not configured for the user pool.',
    });
    const { clientId } = await poolWith();
    await expect(startCustomAuth(clientId, { USERNAME: 'nobody' })).rejects.toMatchObject({ name: 'UserNotFoundException' });
  });
});

describe('CustomAuthSessions', () => {
  it('refuses a Session past its 3 minutes', () => {
    let now = 0;
    const sessions = new CustomAuthSessions(() => now);
    const state = { userPoolId: 'p', clientId: 'c', username: 'ada', userNotFound: false, admin: false, session: [] };
    const session = sessions.open({ ...state, pending: { challengeName: 'CUSTOM_CHALLENGE', privateChallengeParameters: {} } });
    now = 3 * 60 * 1000 + 1;
    expect(() => sessions.take(session, 'c', false)).toThrow('Invalid session for the user, session is expired.');
  });
});
