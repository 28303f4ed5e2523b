import { updateViolation } from '../attributes/schema-violations.ts';
import { attributesAppend, attributesRemove, attributesToRecord, type Context, type User, type UserPoolService } from '../cognito-local.ts';
import { passwordPolicyViolation } from '../password-policy.ts';
import { attributesRefused, missingParameter, passwordDoesNotConform, requiredAttributesMissing } from '../cognito-answers.ts';

// NEW_PASSWORD_REQUIRED, Cognito's challenge to a user an administrator created (FORCE_CHANGE_PASSWORD):
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html

const ATTRIBUTE_PREFIX = 'userAttributes.';

/** The schema's required attributes `user` has no value for (`sub` Cognito makes itself). */
function missingRequired(pool: UserPoolService, user: User): string[] {
  const given = attributesToRecord(user.Attributes);
  return (pool.options.SchemaAttributes ?? [])
    .filter(({ Name, Required }) => Required && Name && Name !== 'sub' && !given[Name])
    .map(({ Name }) => Name!);
}

/**
 * The challenge's parameters: the user's attributes, and the required ones they lack, which the
 * answer must give, each as `userAttributes.<name>`.
 */
export function newPasswordParameters(pool: UserPoolService, user: User): Record<string, string> {
  return {
    USER_ID_FOR_SRP: user.Username,
    requiredAttributes: JSON.stringify(missingRequired(pool, user).map((name) => `${ATTRIBUTE_PREFIX}${name}`)),
    userAttributes: JSON.stringify(attributesToRecord(user.Attributes)),
  };
}

/**
 * `user` after the answer: NEW_PASSWORD, which must meet the pool's password policy, and the
 * `userAttributes.<name>` answers, which must fit the schema and leave no required attribute
 * empty. The user is CONFIRMED and saved.
 */
export async function applyNewPassword(
  ctx: Context,
  pool: UserPoolService,
  user: User,
  responses: Readonly<Record<string, string>>,
  /** The local clock's now (the user's UserLastModifiedDate). */
  now: Date,
): Promise<User> {
  const password = responses.NEW_PASSWORD;
  if (!password) throw missingParameter('NEW_PASSWORD');
  const violation = passwordPolicyViolation(password, pool.options.Policies?.PasswordPolicy);
  if (violation) throw passwordDoesNotConform(violation);
  const given = Object.entries(responses)
    .filter(([key]) => key.startsWith(ATTRIBUTE_PREFIX))
    .map(([key, Value]) => ({ Name: key.slice(ATTRIBUTE_PREFIX.length), Value }));
  const schemaProblem = updateViolation(given, pool.options.SchemaAttributes ?? []);
  if (schemaProblem) throw attributesRefused(schemaProblem);
  const Attributes = attributesAppend(attributesRemove(user.Attributes, ...given.map(({ Name }) => Name)), ...given);
  const changed: User = { ...user, Attributes, Password: password, UserStatus: 'CONFIRMED', UserLastModifiedDate: now };
  const missing = missingRequired(pool, changed);
  if (missing.length > 0) {
    // [U] Cognito's wording for this case; the schema's, as SignUp words a missing required attribute.
    throw requiredAttributesMissing(missing);
  }
  await pool.saveUser(ctx, changed);
  return changed;
}
