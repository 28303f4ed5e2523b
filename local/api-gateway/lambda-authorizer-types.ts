// The shapes Lambda authorizers are emulated with, REST (TOKEN, REQUEST) and HTTP API (REQUEST):
// what the gateway knows of the route (the ARN and event parts), how the authorizer's function is
// run (the local Lambda, through the offline adapter), and what its answer comes to.

/**
 * Runs one of this service's functions in the local Lambda (serverless-offline's, reached
 * through the offline adapter) with `event`: resolves with what the handler returned (or passed
 * to its callback), rejects with what it threw (or passed as the callback's error).
 */
export type InvokeFunction = (functionName: string, event: unknown) => Promise<unknown>;

/** Where a request goes, as API Gateway names it in a Lambda authorizer's event and ARN. */
export interface AuthorizedRoute {
  readonly region: string;
  readonly accountId: string;
  readonly apiId: string;
  /** The REST API's stage (`local`), or `$default` for the HTTP API. */
  readonly stage: string;
  /** Upper-case, as sent (`GET`); an `ANY` method's request keeps its own. */
  readonly httpMethod: string;
  /** The resource's path as declared: `/api/items/{id}` (REST `resource`); the HTTP API route's path, or `$default`. */
  readonly resourcePath: string;
  /** HTTP API: the route's key (`GET /items/{id}`, `$default`). */
  readonly routeKey?: string;
}

/** A Lambda authorizer's answer in the IAM policy form (REST; HTTP API without simple responses), once read and checked. */
export interface PolicyAnswer {
  readonly principalId: string;
  /** The `policyDocument`, checked to be a policy API Gateway can evaluate (see authorizer-policy.ts). */
  readonly policyDocument: PolicyDocument;
  /**
   * As returned, once checked (authorizer-answer.ts): REST allows only strings, numbers, booleans and
   * null (the method's Lambda gets them stringified); the HTTP API passes any JSON value on as is.
   */
  readonly context: Readonly<Record<string, unknown>>;
  readonly usageIdentifierKey?: string;
}

/** An IAM policy as an authorizer returns it, normalised: `Statement` always a list, `Action`/`Resource` always lists. */
export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: readonly PolicyStatement[];
}

export interface PolicyStatement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: readonly string[];
  readonly NotAction?: readonly string[];
  readonly Resource?: readonly string[];
  readonly NotResource?: readonly string[];
}

/** What a policy says of one method or route ARN: IAM's evaluation, where an explicit Deny wins. */
export type PolicyVerdict = 'allow' | 'explicit-deny' | 'implicit-deny';

/** An HTTP API authorizer's answer in the simple form (`EnableSimpleResponses`), once read and checked. */
export interface SimpleAnswer {
  /** True only for the boolean `true`; anything else denies. */
  readonly isAuthorized: boolean;
  readonly context: Readonly<Record<string, unknown>>;
}

/** An answer read, or why API Gateway cannot use it (a 500 AUTHORIZER_CONFIGURATION_ERROR / Internal Server Error). */
export type ReadAnswer<Answer> = { readonly ok: true; readonly answer: Answer } | { readonly ok: false; readonly reason: string };

/** The identity source values of a request, in the declared order, or the first source it lacks (the gateway answers 401 without invoking). */
export type IdentityValues = { readonly values: readonly string[] } | { readonly missing: string };
