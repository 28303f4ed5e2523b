/** `functions` of serverless.yml after serverless resolved its variables. */
export type ServiceFunctions = Record<string, { handler?: string; events?: readonly Record<string, unknown>[] }>;

/** An authorizer that serverless compiles into an `AWS::ApiGateway::Authorizer` of the stack. */
export interface CompiledAuthorizer {
  readonly kind: 'compiled';
  readonly name: string;
  /** serverless's logical id for it: every event whose name maps to it shares ONE resource. */
  readonly logicalId: string;
  readonly type: 'COGNITO_USER_POOLS' | 'TOKEN' | 'REQUEST';
  /** A user pool ARN (string or intrinsic) for COGNITO_USER_POOLS, the Lambda's ARN otherwise. */
  readonly arn: unknown;
  readonly identitySource: string;
  readonly resultTtlInSeconds: number;
  readonly identityValidationExpression?: string;
}

/** How an http event is authorized: by nothing, IAM, an authorizer made elsewhere, or one of the stack. */
export type RouteAuthorization =
  | { readonly kind: 'none' }
  | { readonly kind: 'iam' }
  | { readonly kind: 'existing'; readonly type: string; readonly authorizerId: unknown }
  | CompiledAuthorizer;

export interface Route {
  readonly functionName: string;
  /** `GET`, `POST`, `ANY`… */
  readonly method: string;
  /** `/orders/{id}`, as the API serves it. */
  readonly path: string;
  readonly authorization: RouteAuthorization;
}

/** The settings of a compiled authorizer that live on its one resource (scopes live on each method). */
export const SHARED_AUTHORIZER_SETTINGS = ['type', 'arn', 'identitySource', 'resultTtlInSeconds', 'identityValidationExpression'] as const;

const COGNITO_ARN = /^arn:[a-zA-Z-]*:cognito-idp/;

/**
 * The http events of the service, read the way serverless v3 compiles them
 * (node_modules/serverless/lib/plugins/aws/package/compile/events/api-gateway/lib/validate.js,
 * `getHttp`, `getHttpPath`, `getAuthorizer`; method/authorization.js).
 */
export function routesOf(functions: ServiceFunctions): Route[] {
  return Object.entries(functions).flatMap(([functionName, fn]) =>
    (fn.events ?? []).flatMap((event) => {
      if (!event.http) return [];
      const http = (
        typeof event.http === 'string' ? { method: event.http.split(' ')[0], path: event.http.split(' ')[1] } : event.http
      ) as Record<string, any>;
      const path = `/${String(http.path).replace(/^\//, '').replace(/\/$/, '')}`;
      return [{ functionName, method: String(http.method).toUpperCase(), path, authorization: authorizationOf(http.authorizer) }];
    }),
  );
}

function authorizationOf(authorizer: any): RouteAuthorization {
  if (!authorizer) return { kind: 'none' };
  if (typeof authorizer === 'string') {
    if (authorizer.toUpperCase() === 'AWS_IAM') return { kind: 'iam' };
    return compiled(authorizer.includes(':') ? { arn: authorizer } : { name: authorizer });
  }
  if (authorizer.type && authorizer.authorizerId) return { kind: 'existing', type: authorizer.type, authorizerId: authorizer.authorizerId };
  if (String(authorizer.type).toUpperCase() === 'AWS_IAM') return { kind: 'iam' };
  return compiled(authorizer);
}

function compiled(authorizer: Record<string, any>): CompiledAuthorizer {
  const fromArn = authorizer.arn !== undefined;
  // serverless names an ARN-only authorizer after the ARN's last `-`-separated part.
  const name: string = fromArn
    ? typeof authorizer.name === 'string'
      ? authorizer.name
      : String(authorizer.arn).split(':').at(-1)!.split('-').at(-1)!
    : authorizer.name;
  const arn = fromArn ? authorizer.arn : { 'Fn::GetAtt': [`${normalizedName(name)}LambdaFunction`, 'Arn'] };
  const declaredType = typeof authorizer.type === 'string' ? authorizer.type.toUpperCase() : undefined;
  const type =
    declaredType === 'COGNITO_USER_POOLS' || (typeof arn === 'string' && COGNITO_ARN.test(arn))
      ? 'COGNITO_USER_POOLS'
      : declaredType === 'REQUEST'
        ? 'REQUEST'
        : 'TOKEN';
  const ttl = Number.parseInt(authorizer.resultTtlInSeconds, 10);
  const resultTtlInSeconds = Number.isNaN(ttl) ? 300 : ttl;
  const identitySource =
    authorizer.identitySource ??
    (declaredType === 'REQUEST' && resultTtlInSeconds === 0 ? undefined : 'method.request.header.Authorization');
  return {
    kind: 'compiled',
    name,
    logicalId: `${normalizedName(name)}ApiGatewayAuthorizer`,
    type,
    arn,
    identitySource,
    resultTtlInSeconds,
    ...(typeof authorizer.identityValidationExpression === 'string'
      ? { identityValidationExpression: authorizer.identityValidationExpression }
      : {}),
  };
}

/** serverless's `getNormalizedResourceName`: `cognito_pool` and `Cognito_pool` are the same name to it. */
function normalizedName(name: string): string {
  const replaced = name.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return replaced.charAt(0).toUpperCase() + replaced.slice(1);
}

/** `POST /orders/{id} (function orders)`, for messages. */
export const routeLabel = (route: Route) => `${route.method} ${route.path} (function ${route.functionName})`;
const show = (value: unknown) => (value === undefined ? 'unset' : JSON.stringify(value));

/**
 * Routes that give the same authorizer name different settings. serverless compiles one
 * `AWS::ApiGateway::Authorizer` per name and merges the events' settings into it (the last
 * event in serverless.yml wins), so on AWS every route of that name gets the same ones.
 */
export function authorizerConflicts(routes: readonly Route[]): string[] {
  const first = new Map<string, Route & { authorization: CompiledAuthorizer }>();
  const problems: string[] = [];
  for (const route of routes) {
    const authorizer = route.authorization;
    if (authorizer.kind !== 'compiled') continue;
    const earlier = first.get(authorizer.logicalId);
    if (!earlier) {
      first.set(authorizer.logicalId, { ...route, authorization: authorizer });
      continue;
    }
    const differing = SHARED_AUTHORIZER_SETTINGS.filter(
      (setting) => JSON.stringify(earlier.authorization[setting]) !== JSON.stringify(authorizer[setting]),
    );
    if (differing.length === 0) continue;
    const names =
      earlier.authorization.name === authorizer.name
        ? `name "${authorizer.name}"`
        : `names "${earlier.authorization.name}" and "${authorizer.name}" (one authorizer to serverless)`;
    problems.push(
      `${routeLabel(earlier)} and ${routeLabel(route)} share the authorizer ${names} but set ${differing
        .map((setting) => `${setting} differently (${show(earlier.authorization[setting])} vs ${show(authorizer[setting])})`)
        .join(', ')}. ` +
        `serverless deploys ONE authorizer per name, so both routes would get the same settings on AWS. ` +
        `Give each http event's authorizer its own name in serverless.yml, or make these settings equal.`,
    );
  }
  return problems;
}
