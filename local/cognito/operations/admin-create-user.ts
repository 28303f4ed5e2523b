import { randomBytes, randomUUID } from 'node:crypto';
import type { AdminCreateUserCommandInput, AdminCreateUserCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { adminUserExists, resendNotPossible, userDoesNotExist, usernameShouldBeEmail } from '../cognito-answers.ts';
import { attributeValue, type Context, type DeliveryDetails, type User, type UserPoolService } from '../cognito-local.ts';
import { refuseUndeliverableInvitation } from '../rules/admin-create-user-rules.ts';
import { refuseSchemaViolationsOnCreate } from '../rules/attribute-rules.ts';
import { refuseWeakPassword } from '../rules/cognito-rules.ts';
import { preSignUpForAdminCreateUser } from '../triggers/admin-create-user-trigger.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

type Attributes = User['Attributes'];

/**
 * AdminCreateUser: a user in FORCE_CHANGE_PASSWORD with a temporary password, invited by the
 * DesiredDeliveryMediums (SMS unless said) unless MessageAction is SUPPRESS. Its rules are checked
 * before anyone is created, in the order they always had here: the pool's schema, the policy
 * for a given TemporaryPassword, an attribute for each medium, the name not taken,
 * PreSignUp_AdminCreateUser, an email as the username of an email pool. The invitation
 * (through the pool's CustomMessage trigger) goes before the one save, so a failing trigger or
 * delivery leaves no user, as Cognito creates nobody when it answers an error. MessageAction
 * RESEND invites a user who exists again ({@link resendInvitation}).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUser.html
 */
export const adminCreateUser: Operation<
  AdminCreateUserCommandInput,
  AdminCreateUserCommandOutput,
  Pick<OperationDeps, 'cognito' | 'clock' | 'messages' | 'triggers'>
> = async (deps, ctx, input) => {
  const { Username: name = '', UserAttributes: given = [], TemporaryPassword, MessageAction } = input;
  const pool = await deps.cognito.getUserPool(ctx, input.UserPoolId ?? '');
  const options = pool.options;
  if (MessageAction === 'RESEND') return resendInvitation(deps, ctx, pool, input);
  refuseSchemaViolationsOnCreate(options, given);
  if (TemporaryPassword !== undefined) refuseWeakPassword(options, TemporaryPassword);
  refuseUndeliverableInvitation(options, input);
  if (await pool.getUserByUsername(ctx, name)) throw adminUserExists();
  await preSignUpForAdminCreateUser(deps.triggers, options, input);
  const emailUsername = options.UsernameAttributes?.includes('email') === true;
  if (emailUsername && !name.includes('@')) throw usernameShouldBeEmail();

  const sub = given.find((attribute) => attribute.Name === 'sub')?.Value ?? randomUUID();
  const attributes: Attributes = [
    ...(given.some((attribute) => attribute.Name === 'sub') ? [] : [{ Name: 'sub', Value: sub }]),
    ...given.map(({ Name = '', Value }) => ({ Name, Value })),
  ];
  if (emailUsername && !given.some((attribute) => attribute.Name === 'email')) attributes.push({ Name: 'email', Value: name });
  const now = deps.clock.get();
  const password = TemporaryPassword ?? temporaryPassword(options.Policies?.PasswordPolicy?.MinimumLength);
  const user: User = {
    Username: emailUsername ? sub : name,
    Password: password,
    Attributes: attributes.sort((a, b) => a.Name.localeCompare(b.Name)),
    Enabled: true,
    UserStatus: 'FORCE_CHANGE_PASSWORD',
    ConfirmationCode: undefined,
    UserCreateDate: now,
    UserLastModifiedDate: now,
    RefreshTokens: [],
  };
  if (MessageAction !== 'SUPPRESS') await invite(deps, ctx, pool, user, input);
  await pool.saveUser(ctx, user);
  return answer(user);
};

/**
 * MessageAction RESEND: "resend the invitation message to a user that already exists, and reset
 * the expiration limit on the user's account" ([D]). The user (by username or alias) must still be
 * on their temporary password: anyone else is UnsupportedUserStateException, and no such user is
 * UserNotFoundException ([C] getmoto/moto#2741). The invitation carries a new temporary password
 * (the one given, or one made), which replaces the old one ([U]: the strict side, a test that
 * still signs in with the first one fails here as it may on AWS); UserAttributes are not applied.
 */
async function resendInvitation(
  deps: Pick<OperationDeps, 'clock' | 'messages'>,
  ctx: Context,
  pool: UserPoolService,
  input: AdminCreateUserCommandInput,
): Promise<Omit<AdminCreateUserCommandOutput, '$metadata'>> {
  const options = pool.options;
  if (input.TemporaryPassword !== undefined) refuseWeakPassword(options, input.TemporaryPassword);
  const existing = await pool.getUserByUsername(ctx, input.Username ?? '');
  if (!existing) throw userDoesNotExist();
  if (existing.UserStatus !== 'FORCE_CHANGE_PASSWORD') throw resendNotPossible(existing.Username);
  refuseUndeliverableInvitation(options, { ...input, UserAttributes: existing.Attributes, MessageAction: undefined });
  const password = input.TemporaryPassword ?? temporaryPassword(options.Policies?.PasswordPolicy?.MinimumLength);
  const user: User = { ...existing, Password: password, UserLastModifiedDate: deps.clock.get() };
  await invite(deps, ctx, pool, user, input);
  await pool.saveUser(ctx, user);
  return answer(user);
}

/**
 * The invitation, by each medium asked for (refuseUndeliverableInvitation made sure each has its
 * attribute), through the pool's CustomMessage trigger, its code the temporary password.
 * cognito-local matched the mediums against attribute names, so it never sent one.
 */
async function invite(
  deps: Pick<OperationDeps, 'messages'>,
  ctx: Context,
  pool: UserPoolService,
  user: User,
  input: AdminCreateUserCommandInput,
): Promise<void> {
  for (const medium of input.DesiredDeliveryMediums ?? ['SMS']) {
    const delivery: DeliveryDetails =
      medium === 'EMAIL'
        ? { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: attributeValue('email', user.Attributes) ?? '' }
        : { AttributeName: 'phone_number', DeliveryMedium: 'SMS', Destination: attributeValue('phone_number', user.Attributes) ?? '' };
    const options = pool.options;
    await deps.messages.deliver(ctx, 'AdminCreateUser', null, options.Id, user, user.Password, input.ClientMetadata, delivery, options);
  }
}

/** The user as AdminCreateUser answers with it. */
function answer(user: User): Omit<AdminCreateUserCommandOutput, '$metadata'> {
  const { Attributes, Enabled, MFAOptions, UserCreateDate, UserLastModifiedDate, Username, UserStatus } = user;
  const created = { Attributes, Enabled, MFAOptions, UserCreateDate, UserLastModifiedDate, Username, UserStatus };
  return { User: created as NonNullable<AdminCreateUserCommandOutput['User']> };
}

/**
 * A temporary password the pool's policy takes, as Cognito makes one: one character of each class
 * a policy can ask for, then random letters and digits, 12 in all or the policy's MinimumLength.
 */
function temporaryPassword(minimumLength = 8): string {
  const random = Math.max(12, minimumLength) - 4;
  return `Aa1!${randomBytes(random).toString('base64url').replace(/[-_]/g, 'x').slice(0, random)}`;
}
