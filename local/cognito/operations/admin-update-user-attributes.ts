import type {
  AdminUpdateUserAttributesCommandInput,
  AdminUpdateUserAttributesCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { verifiedFlagWithoutAttribute } from '../cognito-answers.ts';
import { attributeValue, type User } from '../cognito-local.ts';
import { adminUser } from '../rules/admin-users.ts';
import { refuseSchemaViolationsOnUpdate } from '../rules/attribute-rules.ts';
import { attributeUpdate, sendAttributeCode } from './attribute-update.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

type Attributes = User['Attributes'];

/**
 * AdminUpdateUserAttributes: the user an administrator names (username or alias) gets the
 * attributes the pool's schema lets change (no app client's WriteAttributes apply). An empty value
 * removes the attribute. `email_verified` / `phone_number_verified` set to true verify the
 * attribute at once, with or without a new value for it ("This operation can set a user's email
 * address or phone number as verified"), and no code goes to it, even where the pool's
 * AttributesRequireVerificationBeforeUpdate would hold the change back ("To update the value of an
 * attribute that requires verification in the same API request, include the email_verified or
 * phone_number_verified attribute, with a value of true"). Otherwise a changed email or phone
 * number is unverified again, held back if the pool says so, and a code goes to it
 * (CustomMessage_UpdateUserAttribute, with the request's ClientMetadata) before the one save, as
 * UpdateUserAttributes does (attribute-update.ts).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUpdateUserAttributes.html
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserAttributeUpdateSettingsType.html
 */
export const adminUpdateUserAttributes: Operation<
  AdminUpdateUserAttributesCommandInput,
  AdminUpdateUserAttributesCommandOutput,
  Pick<OperationDeps, 'cognito' | 'clock' | 'otp' | 'messages'>
> = async (deps, ctx, input) => {
  const { userPool, user } = await adminUser(deps, ctx, input);
  const options = userPool.options;
  const given: Attributes = (input.UserAttributes ?? []).map(({ Name = '', Value }) => ({ Name, Value }));
  refuseSchemaViolationsOnUpdate(options, given);
  refuseVerifyingWhatIsNotThere(user, given);
  const verifiedNow = (name: string) => attributeValue(`${name}_verified`, given) === 'true';
  const held = options.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate?.filter((name) => !verifiedNow(name));
  const { updated, needsCode } = attributeUpdate(options, user, given, deps.clock.get(), held);
  if (!needsCode) {
    await userPool.saveUser(ctx, updated);
    return {};
  }
  const { withCode } = await sendAttributeCode(deps, ctx, options, updated, input.ClientMetadata);
  await userPool.saveUser(ctx, withCode);
  return {};
};

/** `email_verified` / `phone_number_verified` need the attribute they speak of: given now, or the user's already. */
function refuseVerifyingWhatIsNotThere(user: User, given: Attributes): void {
  for (const attribute of ['email', 'phone_number'] as const) {
    const flagged = given.some((candidate) => candidate.Name === `${attribute}_verified`);
    const there = attributeValue(attribute, given) !== undefined || attributeValue(attribute, user.Attributes) !== undefined;
    if (flagged && !there) throw verifiedFlagWithoutAttribute(attribute);
  }
}
