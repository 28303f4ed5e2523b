import type { VerifyUserAttributeCommandInput, VerifyUserAttributeCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { noAttributeToVerify, verificationCodeMismatch } from '../cognito-answers.ts';
import { attributesAppend, attributesRemove, attributeValue } from '../cognito-local.ts';
import { accessTokenUser } from '../rules/access-tokens.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

/** The attributes a code verifies, and the flag each sets. */
const VERIFIABLE: Readonly<Record<string, string>> = { email: 'email_verified', phone_number: 'phone_number_verified' };

/**
 * VerifyUserAttribute: the code GetUserAttributeVerificationCode or UpdateUserAttributes sent
 * verifies the named attribute of the access token's user (verified once): `email_verified` or
 * `phone_number_verified` becomes true. When the pool keeps the old value until the new one is
 * verified (UserAttributeUpdateSettings), the pending value of that attribute replaces it now; a
 * pending change of another attribute keeps waiting. The code is spent. One save.
 * cognito-local applied every pending change, and answered `{}` for any other attribute.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifyUserAttribute.html
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserAttributeUpdateSettingsType.html
 */
export const verifyUserAttribute: Operation<
  VerifyUserAttributeCommandInput,
  VerifyUserAttributeCommandOutput,
  Pick<OperationDeps, 'cognito' | 'clock'>
> = async (deps, ctx, input) => {
  const { userPool, user } = await accessTokenUser(deps, ctx, input.AccessToken ?? '');
  const name = input.AttributeName ?? '';
  const flag = VERIFIABLE[name];
  const pendingValue = attributeValue(name, user.UnverifiedAttributeChanges);
  const value = pendingValue ?? attributeValue(name, user.Attributes);
  // Undocumented: the strict side refuses any other attribute, and one the user lacks.
  if (!flag || value === undefined) throw noAttributeToVerify();
  if (!user.AttributeVerificationCode || input.Code !== user.AttributeVerificationCode) throw verificationCodeMismatch();
  // The change waiting for this attribute's code, its `…_verified: false` with it.
  const pending = attributesRemove(user.UnverifiedAttributeChanges ?? [], name, flag);
  await userPool.updateUser(ctx, user.Username, (current) => ({
    ...current,
    Attributes: attributesAppend(current.Attributes, { Name: name, Value: value }, { Name: flag, Value: 'true' }),
    UnverifiedAttributeChanges: pending.length > 0 ? pending : undefined,
    AttributeVerificationCode: undefined,
    UserLastModifiedDate: deps.clock.get(),
  }));
  return {};
};
