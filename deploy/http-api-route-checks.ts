import { ofType, refTarget, type Resources } from '../local/cloudformation/template-references.ts';
import { isPlaceholder } from './offline-placeholders.ts';
import type { CheckFindings } from './route-checks.ts';
import { httpApiRouteLabel, type HttpApiRoute } from '../local/serverless/service-http-api-routes.ts';

const AUTHORIZATION_TYPES = { none: 'NONE', iam: 'AWS_IAM', jwt: 'JWT', request: 'CUSTOM' } as const;

/**
 * Each httpApi event of serverless.yml against its AWS::ApiGatewayV2::Route: an event without
 * an authorizer is open (NONE); one with a JWT authorizer has it, with the event's scopes, an
 * issuer that is a user pool's and at least one audience.
 */
export function httpApiRouteFindings(resources: Resources, routes: readonly HttpApiRoute[]): CheckFindings {
  const findings: CheckFindings = { problems: [], notes: [] };
  const compiled = new Map(ofType(resources, 'AWS::ApiGatewayV2::Route').map(([, route]) => [route.Properties?.RouteKey, route]));
  for (const route of routes) {
    const properties = compiled.get(route.routeKey)?.Properties;
    if (!properties) {
      findings.problems.push(
        `${httpApiRouteLabel(route)} is in serverless.yml but not in the packaged HTTP API: was the httpApi event overridden in resources?`,
      );
      continue;
    }
    const actual = String(properties.AuthorizationType ?? 'NONE');
    const expected = AUTHORIZATION_TYPES[route.authorization.kind];
    if (actual !== expected) {
      findings.problems.push(
        `${httpApiRouteLabel(route)} ${route.authorization.kind === 'none' ? 'has no authorizer' : 'declares an authorizer'} in serverless.yml ` +
          `but is deployed with ${actual}${route.authorization.kind === 'none' ? '' : ` instead of ${expected}`}: look for resources or extensions in serverless.yml that change its route.`,
      );
      continue;
    }
    if (route.authorization.kind === 'jwt') checkJwtRoute(resources, route, route.authorization, properties, findings);
  }
  return findings;
}

function checkJwtRoute(
  resources: Resources,
  route: HttpApiRoute,
  expected: { name: string; scopes: readonly string[] },
  properties: Record<string, any>,
  findings: CheckFindings,
): void {
  const label = httpApiRouteLabel(route);
  const id = refTarget(properties.AuthorizerId);
  const authorizer = id ? resources[id] : undefined;
  if (authorizer?.Type !== 'AWS::ApiGatewayV2::Authorizer' || authorizer.Properties?.AuthorizerType !== 'JWT') {
    findings.problems.push(
      `${label}: its route's AuthorizerId ${JSON.stringify(properties.AuthorizerId)} is not a JWT AWS::ApiGatewayV2::Authorizer of the template.`,
    );
    return;
  }
  if (authorizer.Properties.Name !== expected.name) {
    findings.problems.push(
      `${label}: its route uses the authorizer ${authorizer.Properties.Name}, not ${expected.name} as its httpApi event says.`,
    );
  }
  const scopes = properties.AuthorizationScopes ?? [];
  if (JSON.stringify(scopes) !== JSON.stringify(expected.scopes)) {
    findings.problems.push(
      `${label}: its route is deployed with the scopes ${JSON.stringify(scopes)}, but its httpApi event sets ${JSON.stringify(expected.scopes)}.`,
    );
  }
  const jwt = (authorizer.Properties.JwtConfiguration ?? {}) as { Issuer?: unknown; Audience?: unknown };
  checkIssuer(resources, label, id!, jwt.Issuer, findings);
  if (!Array.isArray(jwt.Audience) || jwt.Audience.length === 0) {
    findings.problems.push(
      `${label}: its JWT authorizer ${id} has no audience, so API Gateway would let no token through: give provider.httpApi.authorizers.${expected.name} an \`audience\` (the app client ids, \`Ref: <Client>\`).`,
    );
  }
}

const COGNITO_ISSUER =
  /^https:\/\/cognito-idp\.(?:\$\{AWS::Region\}|[a-z]{2}(?:-[a-z]+)+-\d)\.(?:amazonaws\.com|\$\{AWS::URLSuffix\})\/(.+)$/;
const POOL_ID = /^[a-z]{2}(?:-[a-z]+)+-\d_[0-9a-zA-Z]+$/;

/** A JWT authorizer's issuer is a user pool's: this stack's (GetAtt ProviderURL, Ref in a URL) or another's (a literal URL). */
function checkIssuer(resources: Resources, label: string, id: string, issuer: unknown, findings: CheckFindings): void {
  const pools = ofType(resources, 'AWS::Cognito::UserPool').map(([poolId]) => poolId);
  const pool = pools.length === 1 ? pools[0] : `<${pools.join(' or ') || 'a pool resource'}>`;
  const fix = `point its issuerUrl at a user pool: \`Fn::GetAtt: [${pool}, ProviderURL]\` for this stack's, or https://cognito-idp.<region>.amazonaws.com/<pool id> for another stack's`;
  const isPool = (name: string) => resources[name]?.Type === 'AWS::Cognito::UserPool';
  if (isPlaceholder(issuer)) {
    findings.notes.push(`${label} trusts the issuer ${JSON.stringify(issuer)}, read from AWS at deploy time (not checked).`);
    return;
  }
  const text = issuerText(issuer);
  if (text === undefined) {
    findings.notes.push(`${label} trusts the issuer ${JSON.stringify(issuer)}, resolved by CloudFormation (not checked).`);
    return;
  }
  const attribute = /^\$\{([^.}]+)\.ProviderURL\}$/.exec(text)?.[1];
  const inUrl = COGNITO_ISSUER.exec(text)?.[1];
  const referenced = inUrl && /^\$\{([^.}]+)\}$/.exec(inUrl)?.[1];
  if (attribute !== undefined ? isPool(attribute) : referenced ? isPool(referenced) : false) return;
  if (inUrl && !referenced && POOL_ID.test(inUrl)) {
    findings.notes.push(`${label} trusts the user pool ${text} of another stack.`);
    return;
  }
  findings.problems.push(
    `${label}: its JWT authorizer ${id} trusts the issuer ${JSON.stringify(issuer)}, which is not the issuer of a user pool: ${fix}.`,
  );
}

/** The issuer as a string with `${Name}` and `${Name.Attribute}` where CloudFormation substitutes; undefined for other functions. */
function issuerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const ref = refTarget(value);
  if (ref) return `\${${ref}}`;
  const [name, argument] = Object.entries((value ?? {}) as Record<string, any>)[0] ?? [];
  if (name === 'Fn::GetAtt' && Array.isArray(argument)) return `\${${argument.join('.')}}`;
  if (name === 'Fn::Join' && Array.isArray(argument?.[1])) {
    const parts = (argument[1] as unknown[]).map(issuerText);
    return parts.includes(undefined) ? undefined : parts.join(argument[0]);
  }
  if (name === 'Fn::Sub') {
    const [template, variables = {}] = typeof argument === 'string' ? [argument] : (argument as [string, Record<string, unknown>]);
    let undefinedVariable = false;
    const text = template.replace(/\$\{([^}!]+)\}/g, (whole, variable: string) => {
      if (!(variable in variables)) return whole;
      const substituted = issuerText(variables[variable]);
      if (substituted === undefined) undefinedVariable = true;
      return substituted ?? '';
    });
    return undefinedVariable ? undefined : text;
  }
  return undefined;
}
