import { type AppClient, type User, USER_POOL_AWS_DEFAULTS, type UserPool } from '../../cognito-local.ts';

type Attributes = User['Attributes'];
import { valueProblem } from '../../attributes/schema-violations.ts';
import { writableAttributes } from '../../attributes/standard-attributes.ts';

// A provider's AttributeMapping: `{ <user pool attribute>: <provider attribute> }`, applied at each
// sign-in, and what Cognito refuses about it.
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-specifying-attribute-mapping.html

/** What the provider says about the user: its claims (OIDC, social) or assertion attributes (SAML), by name. */
export type ProviderClaims = Readonly<Record<string, string>>;

/** Cognito's longest mapped value: "the maximum value length (2048 characters)". */
const MAX_MAPPED_LENGTH = 2048;

/**
 * The user pool attributes `mapping` gives the user from `claims`. A claim the provider did not send
 * maps to nothing: "If a previously mapped claim no longer exists in the incoming token, it won't be
 * deleted or changed." The `username` key of a social provider's mapping names the subject claim,
 * which Cognito turns into the username, not an attribute.
 */
export function mappedAttributes(mapping: Readonly<Record<string, string>> | undefined, claims: ProviderClaims): Attributes {
  return Object.entries(mapping ?? {}).flatMap(([Name, claim]) => {
    const Value = claims[claim];
    return Name === 'username' || Value === undefined || Value === '' ? [] : [{ Name, Value }];
  });
}

/**
 * Why Cognito refuses the mapped `attributes` of a user's sign-in, in the words of its
 * `error_description`, or undefined. On the first sign-in, a required attribute of the pool left
 * unmapped: "attributes required: [email]" ([C]: Cognito's redirect, reported in the apps that
 * parse it). At every sign-in ("Amazon Cognito must be able to update your mapped user pool
 * attributes"; its wording is undocumented, [U]): an attribute outside the schema or its
 * constraints or over 2048 characters, one the app client may not write (the `…_verified` flags
 * excepted: mapping `email_verified` is how an IdP's verification is kept), and, after the first
 * sign-in, an immutable one.
 */
export function mappingProblem(
  pool: UserPool,
  client: Pick<AppClient, 'WriteAttributes'>,
  attributes: Attributes,
  firstSignIn: boolean,
): string | undefined {
  const schema = pool.SchemaAttributes ?? USER_POOL_AWS_DEFAULTS.SchemaAttributes ?? [];
  if (firstSignIn) {
    const given = new Set(attributes.map((attribute) => attribute.Name));
    const missing = schema.filter(({ Name = '', Required }) => Required && Name !== 'sub' && !given.has(Name)).map(({ Name }) => Name);
    if (missing.length > 0) return `attributes required: [${missing.join(', ')}]`;
  }
  const writable = writableAttributes(client);
  const problems = attributes.flatMap(({ Name = '', Value = '' }) => {
    const attribute = schema.find((candidate) => candidate.Name === Name);
    if (!attribute) return [`${Name}: Attribute does not exist in the schema.`];
    if (Value.length > MAX_MAPPED_LENGTH) return [`${Name}: String must be no longer than ${MAX_MAPPED_LENGTH} characters`];
    const problem = valueProblem(attribute, Value);
    if (problem) return [`${Name}: ${problem}`];
    if (!firstSignIn && attribute.Mutable === false) return [`${Name}: Attribute cannot be updated.`];
    if (!writable.has(Name) && !Name.endsWith('_verified')) return [`${Name}: The app client cannot write this attribute.`];
    return [];
  });
  return problems.length > 0 ? `Invalid user attributes: ${problems.join(' ')}` : undefined;
}
