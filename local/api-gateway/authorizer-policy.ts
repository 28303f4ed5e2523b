import type { PolicyDocument, PolicyStatement, PolicyVerdict } from './lambda-authorizer-types.ts';

// A Lambda authorizer's IAM policy, read and evaluated as API Gateway does for `execute-api:Invoke`
// on a method (REST) or route (HTTP API) ARN. Sources, cited by the tests and docs/aws-behaviour.md:
// [out] https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
// [invoke] https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-using-iam-policies-to-invoke-api.html
// [effect] https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_effect.html
// [action] https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
// [resource] https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
// [eval] https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
// [version] https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html

/** The only action an authorizer's policy is asked about [out]. */
export const INVOKE_ACTION = 'execute-api:Invoke';

/** The policy language versions IAM knows [version]; any other is refused. */
const POLICY_VERSIONS = new Set(['2012-10-17', '2008-10-17']);

/** Statement keys read here; `Sid` is a label IAM ignores in evaluation. Anything else (Condition, Principal) is not emulated. */
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource']);

export type ReadPolicy = { readonly ok: true; readonly policy: PolicyDocument } | { readonly ok: false; readonly reason: string };

/**
 * Checks a `policyDocument` as API Gateway must before evaluating it: a malformed one is the
 * authorizer's configuration error (500) [out]. `Statement`, `Action` and `Resource` come back as lists.
 */
export function readPolicyDocument(value: unknown): ReadPolicy {
  if (!isPlainObject(value)) return refuse('policyDocument must be an object');
  const { Version, Statement } = value;
  if (Version !== undefined && !(typeof Version === 'string' && POLICY_VERSIONS.has(Version))) {
    return refuse(`policyDocument.Version must be "2012-10-17" (or "2008-10-17"), not ${describeValue(Version)}`);
  }
  if (Statement === undefined) return refuse('policyDocument has no Statement');
  const listed = Array.isArray(Statement) ? Statement : isPlainObject(Statement) ? [Statement] : undefined;
  if (!listed) return refuse(`policyDocument.Statement must be an object or a list of objects, not ${describeValue(Statement)}`);
  const statements: PolicyStatement[] = [];
  for (const [index, entry] of listed.entries()) {
    const read = readStatement(entry, `policyDocument.Statement[${index}]`);
    if (typeof read === 'string') return refuse(read);
    statements.push(read);
  }
  return { ok: true, policy: Version === undefined ? { Statement: statements } : { Version, Statement: statements } };
}

function readStatement(value: unknown, where: string): PolicyStatement | string {
  if (!isPlainObject(value)) return `${where} must be an object, not ${describeValue(value)}`;
  const unknownKey = Object.keys(value).find((key) => !STATEMENT_KEYS.has(key));
  if (unknownKey)
    return `${where}.${unknownKey} is not supported by the local authorizer (only Effect, Action/NotAction, Resource/NotResource)`;
  const { Effect } = value;
  // IAM's Effect values are case sensitive [effect]: "allow" is not Allow.
  if (Effect !== 'Allow' && Effect !== 'Deny')
    return `${where}.Effect must be "Allow" or "Deny" (case sensitive), not ${describeValue(Effect)}`;
  const actions = readPair(value, 'Action', 'NotAction', where);
  if (typeof actions === 'string') return actions;
  const resources = readPair(value, 'Resource', 'NotResource', where);
  if (typeof resources === 'string') return resources;
  return { Effect, ...actions, ...resources };
}

/** Exactly one of `Action`/`NotAction` (and of `Resource`/`NotResource`) [action][resource], each a string or a list of strings. */
function readPair(statement: Record<string, unknown>, key: string, notKey: string, where: string): Record<string, string[]> | string {
  const has = statement[key] !== undefined;
  const hasNot = statement[notKey] !== undefined;
  if (has === hasNot) return `${where} must have exactly one of ${key} and ${notKey}`;
  const name = has ? key : notKey;
  const value = statement[name];
  const list =
    typeof value === 'string' ? [value] : Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
  if (!list) return `${where}.${name} must be a string or a list of strings, not ${describeValue(value)}`;
  return { [name]: list };
}

/**
 * IAM's answer for `execute-api:Invoke` on `resourceArn` [eval]: any matching Deny wins; else any
 * matching Allow allows; else the request is implicitly denied.
 */
export function evaluatePolicy(policy: PolicyDocument, resourceArn: string): PolicyVerdict {
  const applying = policy.Statement.filter((statement) => applies(statement, resourceArn));
  if (applying.some((statement) => statement.Effect === 'Deny')) return 'explicit-deny';
  return applying.some((statement) => statement.Effect === 'Allow') ? 'allow' : 'implicit-deny';
}

function applies(statement: PolicyStatement, resourceArn: string): boolean {
  const action = statement.Action
    ? statement.Action.some((pattern) => actionMatches(pattern, INVOKE_ACTION))
    : !statement.NotAction!.some((pattern) => actionMatches(pattern, INVOKE_ACTION));
  if (!action) return false;
  return statement.Resource
    ? statement.Resource.some((pattern) => arnMatches(pattern, resourceArn))
    : !statement.NotResource!.some((pattern) => arnMatches(pattern, resourceArn));
}

/** Actions match case-insensitively, `*` any run of characters and `?` one [action]. */
export function actionMatches(pattern: string, action: string): boolean {
  return compiled(`action ${pattern}`, () => wildcardRegExp(pattern, '.', 'i')).test(action);
}

/**
 * ARNs match case-sensitively [resource]. Within a colon-separated segment `*` matches any run of
 * characters, `/` included, and `?` one character; a `*` that ends a segment may also run past the
 * colons after it [resource]. So `…:abc123/*` covers every stage, method and path of the API.
 */
export function arnMatches(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  return compiled(`arn ${pattern}`, () => arnRegExp(pattern)).test(arn);
}

function arnRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    const endsSegment = i === pattern.length - 1 || pattern[i + 1] === ':';
    if (char === '*') source += endsSegment ? '.*' : '[^:]*';
    else if (char === '?') source += '[^:]';
    else source += escapeRegExp(char);
  }
  return new RegExp(`^${source}$`, 's');
}

/** Patterns compiled once: a cached policy is evaluated again on every request (`npm run bench`). */
const patterns = new Map<string, RegExp>();
const MAX_PATTERNS = 10_000;

function compiled(key: string, compile: () => RegExp): RegExp {
  let pattern = patterns.get(key);
  if (!pattern) {
    if (patterns.size >= MAX_PATTERNS) patterns.clear();
    pattern = compile();
    patterns.set(key, pattern);
  }
  return pattern;
}

function wildcardRegExp(pattern: string, any: string, flags: string): RegExp {
  const source = [...pattern].map((char) => (char === '*' ? `${any}*` : char === '?' ? any : escapeRegExp(char))).join('');
  return new RegExp(`^${source}$`, `s${flags}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value named for a one-line reason: its JSON, cut short. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

function refuse(reason: string): ReadPolicy {
  return { ok: false, reason };
}
