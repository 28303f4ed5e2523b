import { describe, expect, it } from 'vitest';
import { totpCode, UnsupportedError, type User } from '../cognito-local.ts';
import { startSrpClient } from '../testing/aws-srp-client.ts';
import { appClient, ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { opaqueRefreshToken } from '../refresh-tokens.ts';
import { signInRouter } from '../testing/sign-in-router.ts';

const POOL_ID = 'local_AbC123';
/** The real time under the fake's clock, which the tests move. */
const START = Date.parse('2024-06-18T15:00:00Z');
const PASSWORD = 'Correct-Horse-1';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const TOKENS = { AccessToken: 'access-token', IdToken: 'id-token', RefreshToken: 'refresh-token' };
/** A client allowing every flow: the flows' own gate is operations/sign-in-gates.test.ts's. */
const web = appClient('web', {
  UserPoolId: POOL_ID,
  ExplicitAuthFlows: [
    'ALLOW_USER_PASSWORD_AUTH',
    'ALLOW_ADMIN_USER_PASSWORD_AUTH',
    'ALLOW_USER_SRP_AUTH',
    'ALLOW_USER_AUTH',
    'ALLOW_REFRESH_TOKEN_AUTH',
  ],
});
const totpUser = (extra: Partial<User> = {}) =>
  poolUser('ada', 'ada@example.com', 'CONFIRMED', {
    SoftwareTokenMfaConfiguration: { Secret: SECRET, Verified: true },
    UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
    ...extra,
  });

/** The sign-in operations over cognito-local in memory, with a PostAuthentication trigger that records its calls and a clock the test moves. */
function setUp(users: User[], pool: Record<string, unknown> = {}) {
  const cognito = fakeCognito({
    users,
    pool: { Id: POOL_ID, ...pool },
    clients: [web],
    tokens: TOKENS,
    otp: '123456',
    realNow: () => START,
  });
  const postAuthentications: string[] = [];
  const triggers = {
    enabled: (name: string) => name === 'PostAuthentication',
    postAuthentication: async (_ctx: unknown, params: { username: string }) => {
      postAuthentications.push(params.username);
    },
  };
  const router = signInRouter(cognito.services, triggers);
  const call = (target: string, req: object) => router(target)(ctx, { ClientId: 'web', ...req });
  const initiate = (AuthFlow: string, AuthParameters: Record<string, string>) => call('InitiateAuth', { AuthFlow, AuthParameters });
  const respond = (ChallengeName: string, Session: string, responses: Record<string, string>) =>
    call('RespondToAuthChallenge', { ChallengeName, Session, ChallengeResponses: { USERNAME: 'ada', ...responses } });
  return { ...cognito, postAuthentications, call, initiate, respond };
}

const passwordSignIn = (setup: ReturnType<typeof setUp>) => setup.initiate('USER_PASSWORD_AUTH', { USERNAME: 'ada', PASSWORD });

describe('unknown users', () => {
  it('says an unknown user does not exist on a client that does not set PreventUserExistenceErrors (LEGACY, the API default)', async () => {
    // https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html
    const setup = setUp([totpUser()]);
    const error = await rejection(setup.initiate('USER_PASSWORD_AUTH', { USERNAME: 'nobody', PASSWORD }));
    expect([error.code, error.message]).toEqual(['UserNotFoundException', 'User does not exist.']);
  });
});

describe('lockout after wrong passwords', () => {
  // https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow-things-to-know.html#authentication-flow-lockout-behavior
  const attempt = (setup: ReturnType<typeof setUp>, password: string) =>
    setup.initiate('USER_PASSWORD_AUTH', { USERNAME: 'ada', PASSWORD: password });
  const failuresOf = (setup: ReturnType<typeof setUp>) => setup.stored.get('ada')!.PasswordFailures;

  it('answers Password attempts exceeded after five wrong passwords, even to the right one, until the lockout ends', async () => {
    const setup = setUp([poolUser('ada', 'ada@example.com', 'CONFIRMED')]);
    for (let i = 0; i < 5; i++) expect((await rejection(attempt(setup, 'Wrong-Horse-1'))).message).toBe('Incorrect username or password.');
    const locked = await rejection(attempt(setup, PASSWORD));
    expect([locked.code, locked.message]).toEqual(['NotAuthorizedException', 'Password attempts exceeded']);
    expect(failuresOf(setup)?.count).toBe(5);

    setup.clock.advance(1000);
    expect((await rejection(attempt(setup, 'Wrong-Horse-1'))).message).toBe('Incorrect username or password.');
    expect(failuresOf(setup)).toMatchObject({ count: 6, lockedUntil: START + 3000 });
    setup.clock.advance(1999);
    expect((await rejection(attempt(setup, PASSWORD))).message).toBe('Password attempts exceeded');
    setup.clock.advance(1);
    expect((await attempt(setup, PASSWORD)).AuthenticationResult).toBeDefined();
    // The count starts again, and the rest of the sign-in goes on with the user as stored (keeping
    // the refresh token saves the user it is given: a stale copy would bring the failures back).
    expect(failuresOf(setup)).toBeUndefined();
    expect((setup.generated.at(-1)![1] as User).PasswordFailures).toBeUndefined();
  });

  it('counts wrong SRP proofs, and refuses a locked-out user the start of an SRP exchange', async () => {
    const setup = setUp([poolUser('ada', 'ada@example.com', 'CONFIRMED')]);
    for (let i = 0; i < 5; i++) {
      const srp = await startSrpClient('AbC123');
      const challenge = await setup.initiate('USER_SRP_AUTH', { USERNAME: 'ada', SRP_A: srp.A.toString(16) });
      const proof = await srp.passwordVerifierResponses(challenge.ChallengeParameters, 'Wrong-Horse-1', 'Mon Nov 23 22:26:35 UTC 2026');
      expect((await rejection(setup.respond('PASSWORD_VERIFIER', challenge.Session, proof))).message).toBe(
        'Incorrect username or password.',
      );
    }
    const srp = await startSrpClient('AbC123');
    expect((await rejection(setup.initiate('USER_SRP_AUTH', { USERNAME: 'ada', SRP_A: srp.A.toString(16) }))).message).toBe(
      'Password attempts exceeded',
    );
  });
});

describe('disabled users', () => {
  it('answers a wrong password as such, and a right one with User is disabled. before PostAuthentication or tokens', async () => {
    const setup = setUp([poolUser('ada', 'ada@example.com', 'CONFIRMED', { Enabled: false })]);
    expect((await rejection(setup.initiate('USER_PASSWORD_AUTH', { USERNAME: 'ada', PASSWORD: 'Wrong-Horse-1' }))).message).toBe(
      'Incorrect username or password.',
    );
    const error = await rejection(passwordSignIn(setup));
    expect([error.code, error.message]).toEqual(['NotAuthorizedException', 'User is disabled.']);
    expect(setup.postAuthentications).toEqual([]);
    expect(setup.generated).toEqual([]);
  });

  it('refuses a user disabled while answering the MFA challenge', async () => {
    const setup = setUp([totpUser()], { MfaConfiguration: 'OPTIONAL' });
    const { Session } = await passwordSignIn(setup);
    await setup.userPool.saveUser(ctx, totpUser({ Enabled: false }));
    const error = await rejection(setup.respond('SOFTWARE_TOKEN_MFA', Session, { SOFTWARE_TOKEN_MFA_CODE: totpCode(SECRET) }));
    expect(error.message).toBe('User is disabled.');
    expect(setup.postAuthentications).toEqual([]);
  });
});

describe('sign-in Sessions', () => {
  it('refuses a made-up Session, another challenge’s, another user’s, and an expired one', async () => {
    const setup = setUp([totpUser(), poolUser('bob', 'bob@example.com', 'CONFIRMED')], { MfaConfiguration: 'OPTIONAL' });
    const invalid = ['NotAuthorizedException', 'Invalid session for the user.'];
    const answer = async (promise: Promise<unknown>) => {
      const error = await rejection(promise);
      return [error.code, error.message];
    };
    expect(await answer(setup.respond('SOFTWARE_TOKEN_MFA', 'made-up', { SOFTWARE_TOKEN_MFA_CODE: totpCode(SECRET) }))).toEqual(invalid);
    const otherChallenge = (await passwordSignIn(setup)).Session;
    expect(await answer(setup.respond('SMS_MFA', otherChallenge, { SMS_MFA_CODE: '123456' }))).toEqual(invalid);
    const otherUser = (await passwordSignIn(setup)).Session;
    expect(
      await answer(setup.respond('SOFTWARE_TOKEN_MFA', otherUser, { USERNAME: 'bob', SOFTWARE_TOKEN_MFA_CODE: totpCode(SECRET) })),
    ).toEqual(invalid);
    const expired = (await passwordSignIn(setup)).Session;
    setup.clock.advance(3 * 60 * 1000 + 1);
    expect(await answer(setup.respond('SOFTWARE_TOKEN_MFA', expired, { SOFTWARE_TOKEN_MFA_CODE: totpCode(SECRET) }))).toEqual([
      'NotAuthorizedException',
      'Invalid session for the user, session is expired.',
    ]);
    expect(setup.generated).toEqual([]);
  });

  it('keeps an admin sign-in’s Session for AdminRespondToAuthChallenge alone', async () => {
    const setup = setUp([poolUser('ada', 'ada@example.com', 'FORCE_CHANGE_PASSWORD')]);
    const admin = { UserPoolId: POOL_ID, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ada', PASSWORD } };
    const first = await setup.call('AdminInitiateAuth', admin);
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect((await rejection(setup.respond('NEW_PASSWORD_REQUIRED', first.Session, { NEW_PASSWORD: 'New-Horse-2' }))).message).toBe(
      'Invalid session for the user.',
    );
    const second = await setup.call('AdminInitiateAuth', admin);
    const done = await setup.call('AdminRespondToAuthChallenge', {
      UserPoolId: POOL_ID,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: second.Session,
      ChallengeResponses: { USERNAME: 'ada', NEW_PASSWORD: 'New-Horse-2' },
    });
    expect(done.AuthenticationResult.IdToken).toBe('id-token');
    expect(setup.postAuthentications).toEqual(['ada']);
  });
});

describe('USER_PASSWORD_AUTH and NEW_PASSWORD_REQUIRED', () => {
  it('signs in with the password, runs PostAuthentication and keeps the refresh token; a wrong one is Cognito’s “Incorrect username or password.”', async () => {
    const setup = setUp([poolUser('ada', 'ada@example.com', 'CONFIRMED')]);
    expect(await passwordSignIn(setup)).toEqual({
      ChallengeParameters: {},
      AuthenticationResult: { ...TOKENS, ExpiresIn: 3600, TokenType: 'Bearer' },
    });
    expect(setup.storedRefreshTokens).toEqual([['refresh-token', 'ada']]);
    expect(setup.postAuthentications).toEqual(['ada']);
    const error = await rejection(setup.initiate('USER_PASSWORD_AUTH', { USERNAME: 'ada', PASSWORD: 'Wrong-Horse-1' }));
    expect([error.code, error.message]).toEqual(['NotAuthorizedException', 'Incorrect username or password.']);
  });

  it('asks an invited user for a new password and the required attributes they lack, checks both, and stores the refresh token of the changed user', async () => {
    const schema = [
      { Name: 'sub', Required: true, Mutable: false },
      { Name: 'email', Required: true, Mutable: true },
      { Name: 'given_name', Required: true, Mutable: true },
    ];
    const setup = setUp([poolUser('ada', 'ada@example.com', 'FORCE_CHANGE_PASSWORD')], {
      SchemaAttributes: schema,
      Policies: { PasswordPolicy: { MinimumLength: 8, RequireNumbers: true } },
    });
    const challenge = await passwordSignIn(setup);
    expect(challenge.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(JSON.parse(challenge.ChallengeParameters.requiredAttributes)).toEqual(['userAttributes.given_name']);
    expect(JSON.parse(challenge.ChallengeParameters.userAttributes)).toMatchObject({ email: 'ada@example.com' });

    const weak = await rejection(setup.respond('NEW_PASSWORD_REQUIRED', challenge.Session, { NEW_PASSWORD: 'no-digits' }));
    expect([weak.code, weak.message]).toEqual([
      'InvalidPasswordException',
      'Password did not conform with policy: Password must have numeric characters',
    ]);
    const again = await passwordSignIn(setup);
    const lacking = await rejection(setup.respond('NEW_PASSWORD_REQUIRED', again.Session, { NEW_PASSWORD: 'New-Horse-2' }));
    expect([lacking.code, lacking.message]).toEqual([
      'InvalidParameterException',
      'Attributes did not conform to the schema: given_name: The attribute is required\n',
    ]);

    const last = await passwordSignIn(setup);
    const done = await setup.respond('NEW_PASSWORD_REQUIRED', last.Session, {
      NEW_PASSWORD: 'New-Horse-2',
      'userAttributes.given_name': 'Ada',
    });
    expect(done.AuthenticationResult.RefreshToken).toBe('refresh-token');
    const ada = setup.stored.get('ada')!;
    expect(ada).toMatchObject({ UserStatus: 'CONFIRMED', Password: 'New-Horse-2' });
    expect(ada.Attributes).toContainEqual({ Name: 'given_name', Value: 'Ada' });
    expect(setup.storedRefreshTokens).toEqual([['refresh-token', 'ada']]);
    expect(setup.generated[0]![1]).toMatchObject({ Password: 'New-Horse-2', UserStatus: 'CONFIRMED' });
  });
});

describe('MFA after the first factor', () => {
  it('asks a TOTP user on an OPTIONAL pool for the code after the password and after SRP alike', async () => {
    const setup = setUp([totpUser()], { MfaConfiguration: 'OPTIONAL' });
    const byPassword = await passwordSignIn(setup);
    expect([byPassword.ChallengeName, byPassword.ChallengeParameters]).toEqual(['SOFTWARE_TOKEN_MFA', { USER_ID_FOR_SRP: 'ada' }]);

    const srp = await startSrpClient('AbC123');
    const verifier = await setup.initiate('USER_SRP_AUTH', { USERNAME: 'ada', SRP_A: srp.A.toString(16) });
    const proof = await srp.passwordVerifierResponses(verifier.ChallengeParameters, PASSWORD, 'Mon Nov 23 22:26:35 UTC 2026');
    const bySrp = await setup.respond('PASSWORD_VERIFIER', verifier.Session, proof);
    expect(bySrp.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(setup.generated).toEqual([]);

    const done = await setup.respond('SOFTWARE_TOKEN_MFA', bySrp.Session, { SOFTWARE_TOKEN_MFA_CODE: totpCode(SECRET) });
    expect(done.AuthenticationResult.AccessToken).toBe('access-token');
  });

  it('refuses a wrong code with CodeMismatchException, and the Session is spent (strict side)', async () => {
    const setup = setUp([totpUser()], { MfaConfiguration: 'ON' });
    const { Session } = await passwordSignIn(setup);
    const wrong = String((Number(totpCode(SECRET)) + 500_000) % 1_000_000).padStart(6, '0');
    const error = await rejection(setup.respond('SOFTWARE_TOKEN_MFA', Session, { SOFTWARE_TOKEN_MFA_CODE: wrong }));
    expect([error.code, error.message]).toEqual(['CodeMismatchException', 'Invalid code received for user']);
    const retry = await rejection(setup.respond('SOFTWARE_TOKEN_MFA', Session, { SOFTWARE_TOKEN_MFA_CODE: totpCode(SECRET) }));
    expect(retry.message).toBe('Invalid session for the user.');
    expect(setup.generated).toEqual([]);
  });

  it('signs a user without MFA straight in on an OPTIONAL pool, and on a pool with MFA OFF whatever the user has', async () => {
    expect(
      (await passwordSignIn(setUp([poolUser('ada', 'a@example.com', 'CONFIRMED')], { MfaConfiguration: 'OPTIONAL' }))).ChallengeName,
    ).toBeUndefined();
    expect((await passwordSignIn(setUp([totpUser()], { MfaConfiguration: 'OFF' }))).ChallengeName).toBeUndefined();
  });

  it('lets a user with SMS and TOTP choose (SELECT_MFA_TYPE), and texts the SMS code', async () => {
    const user = totpUser({
      UserMFASettingList: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'],
      Attributes: [
        { Name: 'sub', Value: 'ada' },
        { Name: 'phone_number', Value: '+15555550100' },
      ],
    });
    const setup = setUp([user], { MfaConfiguration: 'OPTIONAL' });
    const select = await passwordSignIn(setup);
    expect(select.ChallengeName).toBe('SELECT_MFA_TYPE');
    expect(JSON.parse(select.ChallengeParameters.MFAS_CAN_CHOOSE)).toEqual(['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
    const sms = await setup.respond('SELECT_MFA_TYPE', select.Session, { ANSWER: 'SMS_MFA' });
    expect(sms.ChallengeName).toBe('SMS_MFA');
    expect(setup.delivered.map((call) => [call[1], call[5], call[7].Destination])).toEqual([['Authentication', '123456', '+15555550100']]);
    const done = await setup.respond('SMS_MFA', sms.Session, { SMS_MFA_CODE: '123456' });
    expect(done.AuthenticationResult.IdToken).toBe('id-token');
  });

  it('sets TOTP up on an ON pool for a user without MFA: MFA_SETUP, then AssociateSoftwareToken and VerifySoftwareToken with the Session', async () => {
    const setup = setUp([poolUser('ada', 'ada@example.com', 'CONFIRMED')], {
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    const setupChallenge = await passwordSignIn(setup);
    expect([setupChallenge.ChallengeName, setupChallenge.ChallengeParameters.MFAS_CAN_SETUP]).toEqual([
      'MFA_SETUP',
      '["SOFTWARE_TOKEN_MFA"]',
    ]);
    const early = await rejection(setup.respond('MFA_SETUP', setupChallenge.Session, {}));
    expect(early.message).toBe('Invalid session for the user.');

    const again = await passwordSignIn(setup);
    const { SecretCode, Session } = await setup.call('AssociateSoftwareToken', { Session: again.Session });
    const wrong = await rejection(
      setup.call('VerifySoftwareToken', { Session, UserCode: '000000' === totpCode(SecretCode) ? '111111' : '000000' }),
    );
    expect([wrong.code, wrong.message]).toEqual(['EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA']);

    const third = await passwordSignIn(setup);
    const associated = await setup.call('AssociateSoftwareToken', { Session: third.Session });
    const verified = await setup.call('VerifySoftwareToken', { Session: associated.Session, UserCode: totpCode(associated.SecretCode) });
    expect(verified.Status).toBe('SUCCESS');
    const done = await setup.respond('MFA_SETUP', verified.Session, {});
    expect(done.AuthenticationResult.IdToken).toBe('id-token');
    expect(setup.stored.get('ada')).toMatchObject({
      SoftwareTokenMfaConfiguration: { Secret: associated.SecretCode, Verified: true },
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
    });
    expect((await passwordSignIn(setup)).ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  });
});

describe('USER_AUTH', () => {
  it('offers PASSWORD and PASSWORD_SRP with SELECT_CHALLENGE, and signs in with either answer', async () => {
    const setup = setUp([poolUser('ada', 'ada@example.com', 'CONFIRMED')]);
    const select = await setup.initiate('USER_AUTH', { USERNAME: 'ada' });
    expect([select.ChallengeName, select.AvailableChallenges]).toEqual(['SELECT_CHALLENGE', ['PASSWORD', 'PASSWORD_SRP']]);
    const byPassword = await setup.respond('SELECT_CHALLENGE', select.Session, { ANSWER: 'PASSWORD', PASSWORD });
    expect(byPassword.AuthenticationResult.IdToken).toBe('id-token');

    const srp = await startSrpClient('AbC123');
    const next = await setup.initiate('USER_AUTH', { USERNAME: 'ada' });
    const verifier = await setup.respond('SELECT_CHALLENGE', next.Session, { ANSWER: 'PASSWORD_SRP', SRP_A: srp.A.toString(16) });
    expect(verifier.ChallengeName).toBe('PASSWORD_VERIFIER');
    const proof = await srp.passwordVerifierResponses(verifier.ChallengeParameters, PASSWORD, 'Mon Nov 23 22:26:35 UTC 2026');
    expect((await setup.respond('PASSWORD_VERIFIER', verifier.Session, proof)).AuthenticationResult.IdToken).toBe('id-token');
  });

  it('goes straight to the PREFERRED_CHALLENGE, and refuses the passwordless ones by name', async () => {
    const setup = setUp([poolUser('ada', 'ada@example.com', 'CONFIRMED')]);
    const direct = await setup.initiate('USER_AUTH', { USERNAME: 'ada', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD });
    expect(direct.AuthenticationResult.IdToken).toBe('id-token');
    const wrong = await rejection(
      setup.initiate('USER_AUTH', { USERNAME: 'ada', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Wrong-Horse-1' }),
    );
    expect(wrong.message).toBe('Incorrect username or password.');
    await expect(setup.initiate('USER_AUTH', { USERNAME: 'ada', PREFERRED_CHALLENGE: 'EMAIL_OTP' })).rejects.toThrow(UnsupportedError);
    await expect(setup.initiate('USER_AUTH', { USERNAME: 'ada', PREFERRED_CHALLENGE: 'EMAIL_OTP' })).rejects.toThrow(/EMAIL_OTP/);
  });
});

describe('REFRESH_TOKEN_AUTH', () => {
  it('refreshes a kept token without a new refresh token; says a dropped one was revoked and a made-up one is invalid', async () => {
    const kept = opaqueRefreshToken();
    const setup = setUp([poolUser('ada', 'ada@example.com', 'CONFIRMED', { RefreshTokens: [kept] })]);
    expect(await setup.initiate('REFRESH_TOKEN_AUTH', { REFRESH_TOKEN: kept })).toEqual({
      ChallengeParameters: {},
      AuthenticationResult: { AccessToken: 'access-token', IdToken: 'id-token', ExpiresIn: 3600, TokenType: 'Bearer' },
    });
    expect(setup.generated[0]![5]).toBe('RefreshTokens');
    const revoked = await rejection(setup.initiate('REFRESH_TOKEN', { REFRESH_TOKEN: opaqueRefreshToken() }));
    expect([revoked.code, revoked.message]).toEqual(['NotAuthorizedException', 'Refresh Token has been revoked']);
    const invalid = await rejection(
      setup.call('AdminInitiateAuth', { UserPoolId: POOL_ID, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: 'junk' } }),
    );
    expect([invalid.code, invalid.message]).toEqual(['NotAuthorizedException', 'Invalid Refresh Token']);
  });
});
