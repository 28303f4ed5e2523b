import { type AppClient, USER_POOL_AWS_DEFAULTS, type UserPool } from '../cognito-local.ts';
import {
  creationViolation,
  deletionViolation,
  updateViolation,
  type SchemaAttribute,
  type UserAttribute,
} from '../attributes/schema-violations.ts';
import { writableAttributes } from '../attributes/standard-attributes.ts';
import { attributesRefused, requiredAttributesMissing, unauthorizedAttributeWrite } from '../cognito-answers.ts';

/** The pool's attribute schema (a pool made before cognito-local saved schemas has none: it has Cognito's standard attributes). */
export const schemaOf = (pool: UserPool): readonly SchemaAttribute[] =>
  pool.SchemaAttributes ?? USER_POOL_AWS_DEFAULTS.SchemaAttributes ?? [];

/**
 * SignUp and AdminCreateUser refuse attributes outside the pool's schema, outside their
 * constraints, or without a required one (cognito-local stored them all). An email-as-username
 * pool takes the email from the username.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html
 */
export function refuseSchemaViolationsOnCreate(pool: UserPool, attributes: readonly UserAttribute[]): void {
  const implied = pool.UsernameAttributes?.includes('email') ? ['email'] : [];
  const violation = creationViolation(attributes, schemaOf(pool), implied);
  if (violation) throw attributesRefused(violation);
}

/**
 * UpdateUserAttributes and AdminUpdateUserAttributes refuse attributes outside the schema or
 * their constraints, and any immutable one: it is set when the user is created, or never.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html
 */
export function refuseSchemaViolationsOnUpdate(pool: UserPool, attributes: readonly UserAttribute[]): void {
  const violation = updateViolation(attributes, schemaOf(pool));
  if (violation) throw attributesRefused(violation);
}

/**
 * AdminDeleteUserAttributes refuses to delete an attribute outside the schema or an immutable one
 * (deletionViolation), then a required one, worded as SignUp words a missing one, as
 * DeleteUserAttributes refuses it ([U]: the strict side).
 */
export function refuseSchemaViolationsOnDelete(pool: UserPool, names: readonly string[]): void {
  const schema = schemaOf(pool);
  const violation = deletionViolation(names, schema);
  if (violation) throw attributesRefused(violation);
  const required = names.filter((name) => schema.some((attribute) => attribute.Name === name && attribute.Required));
  if (required.length > 0) throw requiredAttributesMissing(required);
}

/**
 * SignUp and UpdateUserAttributes write only what the app client's WriteAttributes allow
 * (standard attributes when it lists none).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolClientType.html
 */
export function refuseUnwritableAttributes(client: AppClient, attributes: readonly UserAttribute[]): void {
  const writable = writableAttributes(client);
  if (attributes.some((attribute) => !writable.has(attribute.Name ?? ''))) {
    throw unauthorizedAttributeWrite();
  }
}
