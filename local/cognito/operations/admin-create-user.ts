import { randomBytes, randomUUID } from 'node:crypto';
import type { AdminCreateUserCommandInput, AdminCreateUserCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { adminUserExists, notEmulated, usernameShouldBeEmail } from '../cognito-answers.ts';
import { attributeValue, type Context, type DeliveryDetails, type User } from '../cognito-local.ts';
import { refuseUndeliverableInvitation } from '../targets/admin-create-user-rules.ts';
import { refuseSchemaViolationsOnCreate } from '../targets/attribute-rules.ts';
import { refuseWeakPassword } from '../targets/cognito-rules.ts';
import { preSignUpForAdminCreateUser } from '../triggers/admin-create-user-trigger.ts';
import type { OperationDeps } from './operation-deps.ts';

type Attributes = User['Attributes'];

/**
 * AdminCreateUser: a user in FORCE_CHANGE_PASSWORD with a temporary password, invited by the
 * DesiredDeliveryMediums (SMS unless said) unless MessageAction is SUPPRESS. Its rules are checked
 * before anyone is created, in the order they always had here: the pool's schema, the policy
 * for a given TemporaryPassword, an attribute for each medium, the name not taken,
 * PreSignUp_AdminCreateUser, an email as the username of an email pool. The invitation
 * (through the pool's CustomMessage trigger) goes before the one save, so a failing trigger or
 * delivery leaves no user, as Cognito creates nobody when it answers an error.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUser.html
 */
export async function adminCreateUser(
  deps: Pick<OperationDeps, 'cognito' | 'clock' | 'messages' | 'triggers'>,
  ctx: Context,
  input: AdminCreateUserCommandInput,
): Promise<Omit<AdminCreateUserCommandOutput, '$metadata'>> {
  const { Username: name = '', UserAttributes: given = [], TemporaryPassword, MessageAction } = input;
  const pool = await deps.cognito.getUserPool(ctx, input.UserPoolId ?? '');
  const options = pool.options;
  refuseSchemaViolationsOnCreate(options, given);
  if (TemporaryPassword !== undefined) refuseWeakPassword(options, TemporaryPassword);
  refuseUndeliverableInvitation(options, input);
  if (await pool.getUserByUsername(ctx, name)) {
    if (MessageAction === 'RESEND') throw notEmulated('AdminCreateUser with MessageAction=RESEND');
    throw adminUserExists();
  }
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
  // The invitation goes by each medium asked for (refuseUndeliverableInvitation made sure each has its attribute).
  // cognito-local matched the mediums against attribute names, so it never sent one.
  for (const medium of MessageAction === 'SUPPRESS' ? [] : (input.DesiredDeliveryMediums ?? ['SMS'])) {
    const delivery: DeliveryDetails =
      medium === 'EMAIL'
        ? { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: attributeValue('email', user.Attributes) ?? '' }
        : { AttributeName: 'phone_number', DeliveryMedium: 'SMS', Destination: attributeValue('phone_number', user.Attributes) ?? '' };
    await deps.messages.deliver(ctx, 'AdminCreateUser', null, options.Id, user, password, input.ClientMetadata, delivery, options);
  }
  await pool.saveUser(ctx, user);
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
