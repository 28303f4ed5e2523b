import { getAttTarget, ofType, refTarget, type Resources } from '../local/cloudformation/template-references.ts';
import type { CfnTemplate } from '../local/cloudformation/template.ts';
import { isPlaceholder } from './offline-placeholders.ts';
import { authorizerPermissionFindings } from './authorizer-permissions.ts';
import { httpApiRouteFindings } from './http-api-route-checks.ts';
import { routeFindings, type CheckFindings } from './route-checks.ts';
import type { HttpApiRoute } from '../local/serverless/service-http-api-routes.ts';
import { authorizerConflicts, type Route } from '../local/serverless/service-routes.ts';
import { bundleProblems, type LambdaPackage } from './bundle-checks.ts';
import { lambdaConfigFindings, triggerProblems, type CognitoTrigger } from './cognito-triggers.ts';
import { oauthFindings } from './oauth-checks.ts';

export type { CheckFindings } from './route-checks.ts';

/** What serverless.yml says the stack holds, read by deploy/deploy-plugin.ts in the same run. */
export interface ServiceExpectations {
  readonly routes: readonly Route[];
  /** The httpApi events, with the authorizer each names in `provider.httpApi.authorizers`. */
  readonly httpApiRoutes: readonly HttpApiRoute[];
  readonly triggers: readonly CognitoTrigger[];
  /** serverless.yml's functions: name → logical id (serverless adds functions of its own). */
  readonly functions: Readonly<Record<string, string>>;
  /** The `cf:stack.Output`, `ssm:/path`… values that were not resolved (no AWS credentials). */
  readonly unresolved: readonly string[];
  /** `org/app` of the Serverless Dashboard, left out of the package checked (it needs a login). */
  readonly dashboard?: string;
}

/** The Outputs deploy/build-web.ts configures the web client from. */
export const WEB_CLIENT_OUTPUTS = ['UserPoolId', 'UserPoolClientId', 'ApiUrl'];

/** The flows Amplify's default sign-in (SRP) and token refresh use. */
const WEB_CLIENT_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

/** What only exists on this machine and must never reach AWS. */
const LOCAL_ONLY = [
  '127.0.0.1',
  'localhost',
  '_dev/inbox',
  'cognito-local',
  'CognitoLocal',
  'local-stack-plugin',
  'auth-provider',
  'LOCAL_DATA_DIR',
  'COGNITO_PORT',
  'local-stage-has-no-value-for',
];

/** App client settings where Cognito accepts http://localhost on purpose (a developer's sign-in redirect). */
const LOCALHOST_ALLOWED = ['CallbackURLs', 'LogoutURLs', 'DefaultRedirectURI'];

/**
 * Problems with a packaged stack, each saying what is wrong and where to fix it, and notes on
 * what was accepted without being checked; no problems means the template deploys the app
 * serverless.yml describes.
 */
export function templateFindings(template: CfnTemplate, service: ServiceExpectations, packages: readonly LambdaPackage[]): CheckFindings {
  const resources = template.Resources;
  const routes = routeFindings(resources, service.routes);
  const httpApiRoutes = httpApiRouteFindings(resources, service.httpApiRoutes);
  const lambdaConfig = lambdaConfigFindings(resources);
  const oauth = oauthFindings(resources);
  const permissions = authorizerPermissionFindings(resources);
  const problems = [
    ...authorizerConflicts(service.routes),
    ...routes.problems,
    ...httpApiRoutes.problems,
    ...(usesWebClient(template) ? webClientProblems(template, service.routes) : []),
    ...triggerProblems(template, service.triggers),
    ...lambdaConfig.problems,
    ...gatewayResponseProblems(resources),
    ...localOnlyProblems(template),
    ...bundleProblems(resources, service.functions, packages),
    ...oauth.problems,
    ...permissions.problems,
  ];
  const notes = [...new Set([...routes.notes, ...httpApiRoutes.notes, ...lambdaConfig.notes, ...oauth.notes, ...permissions.notes])];
  if (service.dashboard) {
    notes.push(
      `Not checked: the Serverless Dashboard (org/app ${service.dashboard}): checked without it, as it needs a login; npm run deploy packages with it.`,
    );
  }
  if (!usesWebClient(template)) {
    notes.push(
      `Not checked: the web client (web/). The stack has none of the Outputs npm run build:web configures it from (${WEB_CLIENT_OUTPUTS.join(', ')}); add them to deploy it.`,
    );
  }
  if (service.unresolved.length > 0) {
    notes.push(
      `Not checked: ${service.unresolved.map((variable) => `\${${variable}}`).join(', ')} (read from AWS at deploy time; check:deploy packages without credentials).`,
    );
  }
  return { problems, notes };
}

/**
 * Whether the stack deploys the kit's web client: it has at least one of the Outputs build:web
 * reads. A stack with none of them (a team's API or auth stack without this front end) is not
 * asked for them.
 */
function usesWebClient(template: CfnTemplate): boolean {
  return WEB_CLIENT_OUTPUTS.some((output) => template.Outputs?.[output] !== undefined);
}

/** The client the web app signs in with: the one the UserPoolClientId Output names. */
function webClientProblems(template: CfnTemplate, routes: readonly Route[]): string[] {
  const problems = WEB_CLIENT_OUTPUTS.filter((output) => !template.Outputs?.[output]).map(
    (output) =>
      `Output ${output} is missing: deploy/build-web.ts configures the web client from it. Add it to resources.Outputs in serverless.yml.`,
  );
  const output = template.Outputs?.UserPoolClientId?.Value;
  if (output === undefined || isPlaceholder(output)) return problems;
  const clientId = refTarget(output);
  const client = clientId ? template.Resources[clientId] : undefined;
  if (client?.Type !== 'AWS::Cognito::UserPoolClient') {
    return [
      ...problems,
      `Output UserPoolClientId is ${JSON.stringify(output)}: make it \`Ref: <the web app's AWS::Cognito::UserPoolClient>\` in serverless.yml.`,
    ];
  }
  if (client.Properties?.GenerateSecret) {
    problems.push(
      `${clientId} is the web app's client (Output UserPoolClientId) but has GenerateSecret: true; a browser cannot keep a secret. Set it to false, or give the server its own client and point the Output at the web one.`,
    );
  }
  const flows = (client.Properties?.ExplicitAuthFlows as readonly string[] | undefined) ?? [];
  // A client that rotates refresh tokens refreshes through GetTokensFromRefreshToken alone, and AWS
  // says to leave REFRESH_TOKEN_AUTH out of it (Amplify v6 refreshes that way).
  // https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html#using-the-refresh-token-rotation
  const rotation = client.Properties?.RefreshTokenRotation as { Feature?: unknown } | undefined;
  const wanted =
    rotation?.Feature === 'ENABLED' ? WEB_CLIENT_FLOWS.filter((flow) => flow !== 'ALLOW_REFRESH_TOKEN_AUTH') : WEB_CLIENT_FLOWS;
  for (const flow of wanted.filter((flow) => !flows.includes(flow))) {
    problems.push(
      `${clientId} is the web app's client (Output UserPoolClientId) but does not allow ${flow}, which Amplify's sign-in and token refresh use: add it to its ExplicitAuthFlows in serverless.yml.`,
    );
  }
  const pool = refTarget(client.Properties?.UserPoolId);
  for (const route of routes) {
    const trusted =
      route.authorization.kind === 'compiled' && route.authorization.type === 'COGNITO_USER_POOLS'
        ? getAttTarget(route.authorization.arn)?.[0]
        : undefined;
    if (pool && trusted && trusted !== pool && template.Resources[trusted]?.Type === 'AWS::Cognito::UserPool') {
      problems.push(
        `${route.method} ${route.path} (function ${route.functionName}) trusts the user pool ${trusted}, but the web app's client ${clientId} belongs to ${pool}: its users would get 401. Point the authorizer's arn at \`Fn::GetAtt: [${pool}, Arn]\`, or the client at ${trusted}.`,
      );
    }
  }
  return problems;
}

/**
 * API Gateway's own errors (401 from the authorizer, 5XX) carry CORS headers only through these:
 * asked of a REST API that browsers call (a method with `cors`, compiled to an OPTIONS method).
 */
function gatewayResponseProblems(resources: Resources): string[] {
  const problems: string[] = [];
  const calledByBrowsers = ofType(resources, 'AWS::ApiGateway::Method').some(([, method]) => method.Properties?.HttpMethod === 'OPTIONS');
  if (!calledByBrowsers) return problems;
  const gatewayResponses = ofType(resources, 'AWS::ApiGateway::GatewayResponse');
  for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
    const response = gatewayResponses.find(([, candidate]) => candidate.Properties?.ResponseType === type);
    if (!response) {
      problems.push(
        `No ${type} GatewayResponse: a browser could not read the API's ${type.slice(-3)} errors${type === 'DEFAULT_4XX' ? ' (a 401 from the authorizer among them)' : ''}. Add GatewayResponseDefault${type.slice(-3)} to resources in serverless.yml, as the starter has it.`,
      );
    } else if (
      !(response[1].Properties?.ResponseParameters as Readonly<Record<string, unknown>> | undefined)?.[
        'gatewayresponse.header.Access-Control-Allow-Origin'
      ]
    ) {
      problems.push(
        `${response[0]} has no gatewayresponse.header.Access-Control-Allow-Origin in its ResponseParameters: a browser could not read the API's ${type.slice(-3)} errors. Add it in serverless.yml.`,
      );
    }
  }
  for (const [id, deployment] of ofType(resources, 'AWS::ApiGateway::Deployment')) {
    const dependsOn = [deployment.DependsOn ?? []].flat();
    const missing = gatewayResponses.map(([responseId]) => responseId).filter((responseId) => !dependsOn.includes(responseId));
    if (missing.length > 0) {
      problems.push(
        `${id} does not depend on ${missing.join(', ')}, so the first deploy could serve errors without their CORS headers: keep ./deploy/deploy-plugin.cjs in serverless.yml's plugins.`,
      );
    }
  }
  return problems;
}

function localOnlyProblems(template: CfnTemplate): string[] {
  const text = JSON.stringify(template, (key, value) => (LOCALHOST_ALLOWED.includes(key) ? undefined : value));
  return LOCAL_ONLY.filter((marker) => text.includes(marker)).map(
    (marker) =>
      `The template mentions "${marker}", which only exists in the local emulation: keep it out of the AWS stages (look for it in serverless.yml's provider, functions and resources).`,
  );
}
