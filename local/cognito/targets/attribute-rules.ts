import {
  type AppClient,
  type Context,
  type Services,
  USER_POOL_AWS_DEFAULTS,
  type UserPool,
  type UserPoolService,
  type Wrapper,
} from '../cognito-local.ts';
import { creationViolation, updateViolation, type SchemaAttribute, type UserAttribute } from '../attributes/schema-violations.ts';
import { writableAttributes } from '../attributes/standard-attributes.ts';
import { accessTokenUser } from './access-tokens.ts';
import { attributesRefused, unauthorizedAttributeWrite } from '../cognito-answers.ts';

type CognitoServices = Pick<Services, 'cognito' | 'clock'>;

/** A pool made before cognito-local saved schemas has none: it has Cognito's standard attributes. */
const schemaOf = (pool: UserPool): readonly SchemaAttribute[] => pool.SchemaAttributes ?? USER_POOL_AWS_DEFAULTS.SchemaAttributes ?? [];

/** The pool a request is about: by `UserPoolId`, `ClientId`, or the access token's issuer. */
async function requestPool(services: CognitoServices, ctx: Context, req: Record<string, unknown>): Promise<UserPoolService> {
  const { cognito } = services;
  if (typeof req.UserPoolId === 'string') return cognito.getUserPool(ctx, req.UserPoolId);
  if (typeof req.AccessToken === 'string') return (await accessTokenUser(services, ctx, req.AccessToken)).userPool;
  return cognito.getUserPoolForClientId(ctx, String(req.ClientId));
}

const userAttributes = (req: Record<string, unknown>) => (Array.isArray(req.UserAttributes) ? (req.UserAttributes as UserAttribute[]) : []);

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

/** refuseSchemaViolationsOnUpdate in front of an operation (AdminUpdateUserAttributes). */
export const enforceSchemaOnUpdate =
  (services: CognitoServices): Wrapper =>
  (route) =>
  async (ctx, req) => {
    refuseSchemaViolationsOnUpdate((await requestPool(services, ctx, req)).options, userAttributes(req));
    return route(ctx, req);
  };

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
