import { describe, expect, it } from 'vitest';
import { attributesToRecord, type User } from '../../cognito-local.ts';
import { ctx, userWithAttributes } from '../../testing/fake-cognito.ts';
import { ALL_TRIGGERS, CORP_SAML, federationTestbed, GOOGLE } from '../../testing/federation-testbed.ts';
import { NOW } from '../../testing/operation-testbed.ts';
import { type ProviderIdentity, signInFederated } from './federated-sign-in.ts';
import { FederationRefusal } from './federation-refusal.ts';
import type { IdentityProvider } from './identity-providers.ts';

// The federated user as Cognito makes it and the triggers it runs for one:
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html
// ("Lambda triggers for federated users"), cognito-user-pools-user-groups.html,
// cognito-user-pools-identity-federation-consolidate-users.html.
const testbed = federationTestbed();
const google = GOOGLE as IdentityProvider;
const ADA: ProviderIdentity = {
  provider: google,
  subject: '1001',
  claims: { sub: '1001', email: 'ada@example.com', email_verified: 'true', name: 'Ada Lovelace' },
};

function fakeWith(options: Parameters<ReturnType<typeof federationTestbed>['fake']>[0] = {}) {
  const fake = testbed.fake(options);
  const signIn = (identity = ADA) =>
    signInFederated({ clock: fake.deps.services.clock, triggers: fake.deps.triggers }, ctx, fake.userPool, fake.client, identity);
  return { ...fake, signIn };
}

/** Every trigger answers the event it was given (the documented no-op), and records it. */
function answerAll() {
  for (const arn of Object.values(ALL_TRIGGERS)) testbed.lambda().handle(arn.split(':').at(-1)!, (event) => event);
}

async function refusal(promise: Promise<unknown>): Promise<FederationRefusal> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof FederationRefusal)) throw new Error(`expected a FederationRefusal, got ${String(error)}`);
  return error;
}

const attributes = (user: User | undefined) => attributesToRecord(user?.Attributes);
const invokedSince = (count: number) =>
  testbed
    .lambda()
    .invoked.slice(count)
    .map(({ event }) => event);

describe('the first sign-in of a provider user', () => {
  it('creates <ProviderName>_<sub>, EXTERNAL_PROVIDER, with its mapped attributes, a sub of its own and its identities', async () => {
    const { signIn, stored } = fakeWith();
    expect(await signIn()).toBe('Google_1001');

    const user = stored.get('Google_1001');
    expect(user).toMatchObject({ Username: 'Google_1001', UserStatus: 'EXTERNAL_PROVIDER', Enabled: true, UserCreateDate: NOW });
    const { sub, identities, ...mapped } = attributes(user);
    expect(sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(sub).not.toBe('1001');
    expect(mapped).toEqual({ email: 'ada@example.com', email_verified: 'true', name: 'Ada Lovelace' });
    expect(JSON.parse(identities!)).toEqual([
      { userId: '1001', providerName: 'Google', providerType: 'Google', issuer: null, primary: 'true', dateCreated: String(NOW.getTime()) },
    ]);
  });

  it('puts the user in the group <pool id>_<ProviderName>, made once for every user of the provider', async () => {
    const { signIn, groups } = fakeWith();
    await signIn();
    await signIn({ ...ADA, subject: '1002', claims: { ...ADA.claims, sub: '1002' } });

    expect(groups.get('local_Pool1_Google')).toMatchObject({ GroupName: 'local_Pool1_Google', members: ['Google_1001', 'Google_1002'] });
  });

  it('runs PreSignUp_ExternalProvider with the mapped attributes, then PostConfirmation_ConfirmSignUp, and no sign-in trigger', async () => {
    answerAll();
    const { signIn } = fakeWith({ pool: { LambdaConfig: ALL_TRIGGERS } });
    const before = testbed.lambda().invoked.length;
    await signIn();

    const events = invokedSince(before);
    expect(events.map((event) => event.triggerSource)).toEqual(['PreSignUp_ExternalProvider', 'PostConfirmation_ConfirmSignUp']);
    expect(events[0]).toMatchObject({
      userName: 'Google_1001',
      userPoolId: 'local_Pool1',
      callerContext: { clientId: 'web' },
      request: { userAttributes: { email: 'ada@example.com', email_verified: 'true', name: 'Ada Lovelace' } },
    });
    expect(events[1]).toMatchObject({
      userName: 'Google_1001',
      request: { userAttributes: { 'cognito:user_status': 'EXTERNAL_PROVIDER' } },
    });
  });

  it("verifies the email when PreSignUp's answer says autoVerifyEmail", async () => {
    testbed.lambda().handle('fed-pre-sign-up', (event) => ({ ...event, response: { autoVerifyEmail: true } }));
    const { signIn, stored } = fakeWith({ pool: { LambdaConfig: { PreSignUp: ALL_TRIGGERS.PreSignUp } } });
    await signIn({ ...ADA, claims: { sub: '1001', email: 'ada@example.com' } });

    expect(attributes(stored.get('Google_1001')).email_verified).toBe('true');
  });

  it("refuses the sign-in with PreSignUp's error, as Cognito's redirect carries it, and creates no user", async () => {
    testbed.lambda().handle('fed-pre-sign-up', () => {
      throw new Error('Not invited');
    });
    const { signIn, stored, groups } = fakeWith({ pool: { LambdaConfig: { PreSignUp: ALL_TRIGGERS.PreSignUp } } });
    const refused = await refusal(signIn());

    expect({ error: refused.error, description: refused.description }).toEqual({
      error: 'invalid_request',
      description: 'PreSignUp failed with error Not invited. ',
    });
    expect(stored.size).toBe(0);
    expect(groups.size).toBe(0);
  });

  it("refuses a SAML provider's sign-in with server_error and 'Invalid SAML response received: '", async () => {
    testbed.lambda().handle('fed-pre-sign-up', () => {
      throw new Error('Invalid email domain');
    });
    const { signIn } = fakeWith({ pool: { LambdaConfig: { PreSignUp: ALL_TRIGGERS.PreSignUp } } });
    const corp = CORP_SAML as IdentityProvider;
    const refused = await refusal(signIn({ provider: corp, subject: 'ada@corp.example.com', claims: { NameID: 'ada@corp.example.com' } }));

    expect([refused.error, refused.description]).toEqual([
      'server_error',
      'Invalid SAML response received: PreSignUp failed with error Invalid email domain. ',
    ]);
  });

  it('refuses a first sign-in without an attribute the pool requires', async () => {
    const { signIn, stored, pool } = fakeWith();
    pool.SchemaAttributes = [
      { Name: 'sub', AttributeDataType: 'String', Mutable: false, Required: true },
      { Name: 'email', AttributeDataType: 'String', Mutable: true, Required: true },
      { Name: 'name', AttributeDataType: 'String', Mutable: true },
    ];
    const refused = await refusal(signIn({ ...ADA, claims: { sub: '1001', name: 'Ada' } }));

    expect([refused.error, refused.description]).toEqual(['invalid_request', 'attributes required: [email]']);
    expect(stored.size).toBe(0);
  });

  it('fails the sign-in whose PreSignUp links the identity to a user, which the next sign-in signs in ("Already found an entry for username")', async () => {
    const grace = userWithAttributes('grace', { email: 'ada@example.com' });
    const { signIn, stored, userPool } = fakeWith({ pool: { LambdaConfig: { PreSignUp: ALL_TRIGGERS.PreSignUp } }, users: [grace] });
    testbed.lambda().handle('fed-pre-sign-up', async (event) => {
      // What AdminLinkProviderForUser records on the destination user.
      const link = [{ userId: '1001', providerName: 'Google', providerType: 'Google', issuer: null, primary: false, dateCreated: 1 }];
      await userPool.saveUser(ctx, { ...grace, Attributes: [...grace.Attributes, { Name: 'identities', Value: JSON.stringify(link) }] });
      return event;
    });
    const refused = await refusal(signIn());

    expect([refused.error, refused.description]).toEqual(['invalid_request', 'Already found an entry for username Google_1001']);
    expect(stored.has('Google_1001')).toBe(false);
    expect(await signIn()).toBe('grace');
  });
});

describe('a later sign-in of a provider user', () => {
  it('updates the mapped attributes the provider sent, keeps those it did not, and keeps the user otherwise', async () => {
    const { signIn, stored } = fakeWith();
    await signIn();
    const first = stored.get('Google_1001')!;
    expect(await signIn({ ...ADA, claims: { sub: '1001', name: 'Ada King' } })).toBe('Google_1001');

    const user = stored.get('Google_1001')!;
    expect(attributes(user)).toEqual({ ...attributes(first), name: 'Ada King' });
    expect(user.UserCreateDate).toEqual(first.UserCreateDate);
  });

  it('runs PreAuthentication_Authentication before the update and PostAuthentication_Authentication after it, and no sign-up trigger', async () => {
    answerAll();
    const { signIn } = fakeWith({ pool: { LambdaConfig: ALL_TRIGGERS } });
    await signIn();
    const before = testbed.lambda().invoked.length;
    await signIn({ ...ADA, claims: { ...ADA.claims, name: 'Ada King' } });

    const events = invokedSince(before);
    expect(events.map((event) => event.triggerSource)).toEqual(['PreAuthentication_Authentication', 'PostAuthentication_Authentication']);
    expect(events[0]!.request.userAttributes.name).toBe('Ada Lovelace');
    expect(events[1]!.request.userAttributes.name).toBe('Ada King');
  });

  it("refuses the sign-in with PreAuthentication's error and leaves the attributes as they were", async () => {
    testbed.lambda().handle('fed-pre-authentication', () => {
      throw new Error('Locked by support');
    });
    const { signIn, stored } = fakeWith({ pool: { LambdaConfig: { PreAuthentication: ALL_TRIGGERS.PreAuthentication } } });
    await signIn();
    const refused = await refusal(signIn({ ...ADA, claims: { sub: '1001', name: 'Ada King' } }));

    expect(refused.description).toBe('PreAuthentication failed with error Locked by support. ');
    expect(attributes(stored.get('Google_1001')).name).toBe('Ada Lovelace');
  });

  it('refuses a disabled user', async () => {
    const { signIn, userPool } = fakeWith();
    await signIn();
    await userPool.updateUser(ctx, 'Google_1001', (user) => ({ ...user, Enabled: false }));

    expect((await refusal(signIn())).description).toBe('User is disabled.');
  });
});

describe('an identity linked to a user of the pool (AdminLinkProviderForUser)', () => {
  const linkedGrace = () =>
    userWithAttributes('grace', {
      email: 'grace@example.com',
      identities: JSON.stringify([
        { userId: '1001', providerName: 'Google', providerType: 'Google', issuer: null, primary: 'false', dateCreated: '1' },
      ]),
    });

  it('signs that user in, with the mapped attributes, and makes no federated user nor group membership', async () => {
    const { signIn, stored, groups } = fakeWith({ users: [linkedGrace()] });
    expect(await signIn()).toBe('grace');

    expect(stored.has('Google_1001')).toBe(false);
    expect(groups.size).toBe(0);
    expect(attributes(stored.get('grace'))).toMatchObject({ email: 'ada@example.com', name: 'Ada Lovelace' });
  });

  it('runs the sign-in triggers for that user, not the sign-up ones', async () => {
    answerAll();
    const { signIn } = fakeWith({ pool: { LambdaConfig: ALL_TRIGGERS }, users: [linkedGrace()] });
    const before = testbed.lambda().invoked.length;
    await signIn();

    expect(invokedSince(before).map((event) => [event.triggerSource, event.userName])).toEqual([
      ['PreAuthentication_Authentication', 'grace'],
      ['PostAuthentication_Authentication', 'grace'],
    ]);
  });

  it('does not sign in the user linked to another subject or another provider', async () => {
    const { signIn } = fakeWith({ users: [linkedGrace()] });
    expect(await signIn({ ...ADA, subject: '1002', claims: { ...ADA.claims, sub: '1002' } })).toBe('Google_1002');
  });
});
