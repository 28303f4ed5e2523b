import type { RouteAuthorization } from './cloudformation/api-routes.ts';
import type { HttpRouteAuthorization } from './cloudformation/http-api.ts';
import type { LocalStack } from './cloudformation/local-stack.ts';
import type { WebPlan } from './web/web-plan.ts';

export interface BannerPlaces {
  readonly stage: string;
  readonly dataDir: string;
  readonly webUrl: string;
  /** The REST API under its stage, and the HTTP API at the root. */
  readonly restApiUrl: string;
  readonly httpApiUrl: string;
  readonly cognitoUrl: string;
  /** The managed login's origin, listed when the stack has a user pool domain. */
  readonly managedLoginUrl?: string;
  /** The stack's user pool domains (local/tls/managed-login-domains.ts). */
  readonly domains?: readonly { readonly userPoolId: string; readonly domain: string }[];
  /** Set on the start that made the local CA: its certificate's file, for the line on trusting it. */
  readonly newCaFile?: string;
}

/** `Login` lines: one origin serves every pool's domain (the client_id says which pool), each domain named beside it. */
function loginLines(places: BannerPlaces): string[] {
  const { managedLoginUrl, domains = [] } = places;
  if (!managedLoginUrl) return [];
  return domains.map(
    ({ userPoolId, domain }, index) =>
      `    ${index === 0 ? 'Login    ' : ' '.repeat(9)}${managedLoginUrl}  (managed login of ${userPoolId}, domain ${domain})`,
  );
}

/** The one line a person needs the first time: their browser does not trust the new CA yet. */
function newCaLine(caFile: string | undefined): string {
  return caFile
    ? `\n  A local CA was made for the managed login's HTTPS (${caFile}): \`npm run trust-ca\` makes this machine's browsers trust it.\n`
    : '';
}

const ROUTE_INDENT = ' '.repeat(13);

/** Routes as the banner lists them: `GET /path  (authorizer type)`, preflights left out. */
function routeLines(routes: Readonly<Record<string, string>>): string[] {
  return Object.entries(routes)
    .filter(([route]) => !route.startsWith('OPTIONS '))
    .map(([route, type]) => `${ROUTE_INDENT}${route}${type === 'NONE' ? '' : `  (${type})`}`);
}

/** `COGNITO_USER_POOLS`, `JWT`, or a Lambda authorizer's kind and name: `Lambda TOKEN authorizer AuthApiGatewayAuthorizer`. */
function authorizationName(authorization: RouteAuthorization | HttpRouteAuthorization): string {
  if (authorization.type === 'CUSTOM') return `Lambda ${authorization.authorizerType} authorizer ${authorization.authorizer}`;
  if (authorization.type === 'LAMBDA') return `Lambda authorizer ${authorization.authorizer}`;
  return authorization.type;
}

/** What `npm start` prints once every service answers: where each part is, and what the stack goes without. */
export function stackBanner(stack: LocalStack, web: WebPlan, places: BannerPlaces): string {
  const restRoutes = Object.fromEntries(
    Object.entries(stack.routes).map(([route, authorization]) => [route, authorizationName(authorization)]),
  );
  const httpRoutes = Object.fromEntries(
    Object.entries(stack.httpApi?.routes ?? {}).map(([route, { authorization }]) => [route, authorizationName(authorization)]),
  );
  const api: string[] = [];
  if (Object.keys(restRoutes).length > 0) api.push(`    API      ${places.restApiUrl}`, ...routeLines(restRoutes));
  if (stack.httpApi) api.push(`    HTTP API ${places.httpApiUrl}`, ...routeLines(httpRoutes));
  if (api.length === 0) api.push('    API      none (serverless.yml has no http or httpApi event)');
  const pool = web.userPoolId ? `  (web client: user pool ${web.userPoolId}, client ${web.clientId}, ${web.source})` : '';
  const login = loginLines(places);
  const off = web.authOff ? `\n    Sign-in is off on the web page: ${web.authOff}.\n` : '';
  return `
  Local stack is up (stage ${places.stage}, data in ${places.dataDir})

${stack.stackName ? `    Stack    ${stack.stackName}  (serverless.yml's <service>-<stage>, as on AWS)\n` : ''}    Web      ${places.webUrl}
${api.join('\n')}
    Cognito  ${places.cognitoUrl}${pool}
    Inbox    ${places.cognitoUrl}/_dev/inbox
${login.map((line) => `${line}\n`).join('')}${off}${newCaLine(places.newCaFile)}
  Ctrl-C stops everything.
`;
}
