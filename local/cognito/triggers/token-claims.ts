import { invalidLambdaResponse } from '../cognito-answers.ts';

type Claims = Record<string, unknown>;

/** What a PreTokenGeneration answer changes in one token. */
export interface TokenClaimChanges {
  readonly addOrOverride: Readonly<Claims>;
  readonly suppress: readonly string[];
  readonly scopesToAdd?: readonly string[];
  readonly scopesToSuppress?: readonly string[];
}

/** What a PreTokenGeneration answer changes, V1_0 or V2_0 alike. */
export interface TokenOverrides {
  readonly idToken: TokenClaimChanges;
  /** V2_0 only: V1_0 customises the ID token alone. */
  readonly accessToken?: TokenClaimChanges;
  /** Absent: the user's groups stay; present: they replace `cognito:groups` (and roles) in both tokens. */
  readonly groups?: { readonly groups: readonly string[]; readonly iamRoles: readonly string[]; readonly preferredRole?: string };
}

/**
 * Claims no PreTokenGeneration answer changes (pre token generation trigger page); Cognito
 * keeps its own value. Groups change only through groupOverrideDetails.
 */
export const PROTECTED_CLAIMS: ReadonlySet<string> = new Set([
  'acr',
  'amr',
  'aud',
  'at_hash',
  'auth_time',
  'azp',
  'cognito:username',
  'exp',
  'iat',
  'identities',
  'iss',
  'jti',
  'nbf',
  'nonce',
  'origin_jti',
  'sub',
  'token_use',
  'cognito:groups',
  'cognito:roles',
  'cognito:preferred_role',
  // The access token's own: its client, scopes (scopesToAdd/Suppress) and username.
  'client_id',
  'scope',
  'username',
  'event_id',
  'version',
  'device_key',
]);

/** A V1_0 answer: `claimsOverrideDetails` (ID token claims, string values) and groups. */
export function overridesFromV1(response: Claims): TokenOverrides {
  const details = objectOr(response.claimsOverrideDetails);
  return {
    idToken: claimChanges(details, 'string'),
    ...groupsOf(details),
  };
}

/** A V2_0 answer: `claimsAndScopeOverrideDetails` (ID and access tokens, any JSON value; scopes) and groups. */
export function overridesFromV2(response: Claims): TokenOverrides {
  const details = objectOr(response.claimsAndScopeOverrideDetails);
  const access = objectOr(details.accessTokenGeneration);
  return {
    idToken: claimChanges(objectOr(details.idTokenGeneration), 'json'),
    accessToken: {
      ...claimChanges(access, 'json'),
      scopesToAdd: strings(access.scopesToAdd),
      scopesToSuppress: strings(access.scopesToSuppress),
    },
    ...groupsOf(details),
  };
}

/**
 * `claims` as `changes` says, suppression winning over an override ("If a value is both
 * suppressed and replaced, then it will be suppressed"); protected claims keep their value.
 * `ignored` receives each protected claim the answer tried to change.
 */
export function applyClaimChanges(claims: Claims, changes: TokenClaimChanges, ignored: (claim: string) => void = () => {}): Claims {
  const result: Claims = { ...claims };
  for (const [name, value] of Object.entries(changes.addOrOverride)) {
    if (PROTECTED_CLAIMS.has(name)) ignored(name);
    else result[name] = value;
  }
  for (const name of changes.suppress) {
    if (PROTECTED_CLAIMS.has(name)) ignored(name);
    else delete result[name];
  }
  if ((changes.scopesToAdd?.length ?? 0) + (changes.scopesToSuppress?.length ?? 0) > 0 && typeof result.scope === 'string') {
    const scopes = new Set(result.scope.split(' ').filter(Boolean));
    for (const scope of changes.scopesToAdd ?? []) scopes.add(scope);
    for (const scope of changes.scopesToSuppress ?? []) scopes.delete(scope);
    result.scope = [...scopes].join(' ');
  }
  return result;
}

/** The group claims a `groups` override gives: `cognito:groups` in both tokens, roles in the ID token. */
export function groupClaims(groups: NonNullable<TokenOverrides['groups']>, token: 'id' | 'access'): Claims {
  return {
    ...(groups.groups.length > 0 && { 'cognito:groups': [...groups.groups] }),
    ...(token === 'id' && groups.iamRoles.length > 0 && { 'cognito:roles': [...groups.iamRoles] }),
    ...(token === 'id' && groups.preferredRole !== undefined && { 'cognito:preferred_role': groups.preferredRole }),
  };
}

function claimChanges(details: Claims, values: 'string' | 'json'): TokenClaimChanges {
  const add = objectOr(details.claimsToAddOrOverride);
  if (values === 'string' && Object.values(add).some((value) => typeof value !== 'string')) throw invalidLambdaResponse();
  return { addOrOverride: add, suppress: strings(details.claimsToSuppress) };
}

/** "If you provide an empty or null object in the response, then the groups are suppressed"; left out, they stay. */
function groupsOf(details: Claims): Pick<TokenOverrides, 'groups'> {
  if (!('groupOverrideDetails' in details)) return {};
  const group = objectOr(details.groupOverrideDetails);
  const preferredRole = group.preferredRole;
  if (preferredRole !== undefined && preferredRole !== null && typeof preferredRole !== 'string') throw invalidLambdaResponse();
  return {
    groups: {
      groups: strings(group.groupsToOverride),
      iamRoles: strings(group.iamRolesToOverride),
      ...(typeof preferredRole === 'string' && { preferredRole }),
    },
  };
}

function objectOr(value: unknown): Claims {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidLambdaResponse();
  return value as Claims;
}

function strings(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw invalidLambdaResponse();
  return value;
}
