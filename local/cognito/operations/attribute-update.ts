import {
  attributesAppend,
  type Context,
  type DeliveryDetails,
  hasUnverifiedContactAttributes,
  selectAppropriateDeliveryMethod,
  splitImmediateAndDelayedAttributes,
  type User,
  type UserPool,
} from '../cognito-local.ts';
import { noAttributeToVerify } from '../cognito-answers.ts';
import type { OperationDeps } from './operation-deps.ts';

type Attributes = User['Attributes'];

/** A user's attributes changed as Cognito changes them, and whether a code must now go to verify one. */
export interface AttributeUpdate {
  /** The user as they are to be saved (without a code yet). */
  readonly updated: User;
  /** A changed email or phone number is unverified in a pool that verifies one: a code goes to it. */
  readonly needsCode: boolean;
}

/**
 * `permitted` (attributes already checked against the schema) applied to `user` as
 * UpdateUserAttributes and AdminUpdateUserAttributes apply them: an empty value removes the
 * attribute; a changed email or phone number is unverified again unless its `…_verified` comes
 * with it; one that `held` names (the pool's AttributesRequireVerificationBeforeUpdate unless
 * said) keeps its old value and waits in UnverifiedAttributeChanges for its code. A change already
 * waiting is kept unless the update names its attribute again (cognito-local dropped it on any
 * update).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserAttributeUpdateSettingsType.html
 */
export function attributeUpdate(
  pool: UserPool,
  user: User,
  permitted: Attributes,
  now: Date,
  held: readonly string[] | undefined = pool.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate,
): AttributeUpdate {
  const [immediate, delayed] = splitImmediateAndDelayedAttributes(permitted, held ? [...held] : undefined);
  // A change still waiting for its code waits on, unless this update names its attribute again.
  const named = new Set([...immediate, ...delayed].map((attribute) => attribute.Name));
  const pending = [...(user.UnverifiedAttributeChanges ?? []).filter((attribute) => !named.has(attribute.Name)), ...delayed];
  const updated: User = {
    ...user,
    Attributes: attributesAppend(user.Attributes, ...immediate),
    UserLastModifiedDate: now,
    UnverifiedAttributeChanges: pending.length > 0 ? pending : undefined,
  };
  const needsCode =
    !!pool.AutoVerifiedAttributes?.length && (hasUnverifiedContactAttributes(immediate) || hasUnverifiedContactAttributes(delayed));
  return { updated, needsCode };
}

/**
 * A code to verify an updated attribute, sent (through the pool's CustomMessage trigger,
 * `CustomMessage_UpdateUserAttribute`) to the first of the pool's AutoVerifiedAttributes the user
 * has: the user with the code, to be saved after the delivery, so a failed delivery changes nothing.
 */
export async function sendAttributeCode(
  deps: Pick<OperationDeps, 'otp' | 'messages'>,
  ctx: Context,
  pool: UserPool,
  user: User,
  clientMetadata: Record<string, string> | undefined,
): Promise<{ withCode: User; delivery: DeliveryDetails }> {
  const code = deps.otp();
  const withCode: User = { ...user, AttributeVerificationCode: code };
  const delivery = selectAppropriateDeliveryMethod(pool.AutoVerifiedAttributes ?? [], withCode);
  if (!delivery) throw noAttributeToVerify();
  await deps.messages.deliver(ctx, 'UpdateUserAttribute', null, pool.Id, withCode, code, clientMetadata, delivery, pool);
  return { withCode, delivery };
}
