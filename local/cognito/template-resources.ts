import type {
  CreateUserPoolClientCommandInput,
  CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';

/** A CloudFormation resource as serverless hands it over, variables resolved. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

export interface UserPoolResource {
  readonly logicalId: string;
  readonly input: CreateUserPoolCommandInput;
}

export interface UserPoolClientResource {
  readonly logicalId: string;
  /** Logical id of the pool the client belongs to (its `UserPoolId: { Ref: … }`). */
  readonly userPoolLogicalId: string;
  readonly input: Omit<CreateUserPoolClientCommandInput, 'UserPoolId'>;
}

export interface CognitoResources {
  readonly userPools: readonly UserPoolResource[];
  readonly clients: readonly UserPoolClientResource[];
}

export class TemplateResourceError extends Error {
  override name = 'TemplateResourceError';
}

/**
 * Reads the Cognito user pools and app clients out of serverless.yml's `resources`, as the
 * Cognito API inputs that CloudFormation would send for them. The CloudFormation property names
 * are the API's, except the pool's name.
 */
export function cognitoResourcesFromTemplate(resources: Record<string, TemplateResource>): CognitoResources {
  const entries = Object.entries(resources);
  const userPools = entries
    .filter(([, resource]) => resource.Type === 'AWS::Cognito::UserPool')
    .map(([logicalId, resource]): UserPoolResource => {
      const { UserPoolName, ...properties } = literalProperties(logicalId, resource);
      if (typeof UserPoolName !== 'string') {
        throw new TemplateResourceError(`${logicalId}.Properties.UserPoolName must be set: the local stack finds the pool again by its name.`);
      }
      return { logicalId, input: { PoolName: UserPoolName, ...properties } };
    });
  const poolIds = new Set(userPools.map((pool) => pool.logicalId));
  const clients = entries
    .filter(([, resource]) => resource.Type === 'AWS::Cognito::UserPoolClient')
    .map(([logicalId, resource]): UserPoolClientResource => {
      const { UserPoolId, ...properties } = resource.Properties ?? {};
      const userPoolLogicalId = refTarget(UserPoolId);
      if (userPoolLogicalId === undefined || !poolIds.has(userPoolLogicalId)) {
        throw new TemplateResourceError(`${logicalId}.Properties.UserPoolId must be { Ref: <a user pool in this template> }.`);
      }
      if (typeof properties.ClientName !== 'string') {
        throw new TemplateResourceError(`${logicalId}.Properties.ClientName must be set: the local stack finds the client again by its name.`);
      }
      const input = withAwsTokenValidity(literalProperties(logicalId, { ...resource, Properties: properties }));
      return { logicalId, userPoolLogicalId, input: input as UserPoolClientResource['input'] };
    });
  return { userPools, clients };
}

/** What Cognito uses for a token's lifetime when the app client does not say (1 h, 1 h, 30 days). */
const AWS_TOKEN_VALIDITY = [
  { token: 'IdToken', property: 'IdTokenValidity', value: 1, unit: 'hours' },
  { token: 'AccessToken', property: 'AccessTokenValidity', value: 1, unit: 'hours' },
  { token: 'RefreshToken', property: 'RefreshTokenValidity', value: 30, unit: 'days' },
] as const;

/**
 * The client's token lifetimes spelled out with their units, AWS's defaults filling the gaps:
 * cognito-local's own defaults differ (24 h tokens, minutes as the ID token's unit).
 */
export function withAwsTokenValidity(client: Record<string, unknown>): Record<string, unknown> {
  const units = { ...(client.TokenValidityUnits as Record<string, string> | undefined) };
  const lifetimes: Record<string, unknown> = {};
  for (const { token, property, value, unit } of AWS_TOKEN_VALIDITY) {
    if (client[property] === undefined) {
      lifetimes[property] = value;
      units[token] = unit;
    } else {
      units[token] ??= unit;
    }
  }
  return { ...client, ...lifetimes, TokenValidityUnits: units };
}

/** The logical id in `{ Ref: id }`, if that is what the value is. */
export function refTarget(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const keys = Object.keys(value);
  const ref = (value as { Ref?: unknown }).Ref;
  return keys.length === 1 && typeof ref === 'string' ? ref : undefined;
}

function literalProperties(logicalId: string, resource: TemplateResource): Record<string, unknown> {
  const properties = resource.Properties ?? {};
  for (const [key, value] of Object.entries(properties)) {
    const intrinsic = findIntrinsic(value);
    if (intrinsic) {
      throw new TemplateResourceError(
        `${logicalId}.Properties.${key} uses ${intrinsic}, which the local stack cannot resolve; use a literal or a serverless variable.`,
      );
    }
  }
  return { ...properties };
}

function findIntrinsic(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.map(findIntrinsic).find(Boolean);
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'Ref' || key.startsWith('Fn::')) return key;
    const found = findIntrinsic(inner);
    if (found) return found;
  }
  return undefined;
}
