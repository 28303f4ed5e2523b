import { getAttTarget, ofType, refTarget, resourcePath, type Resources } from '../local/cloudformation/template-references.ts';
import type { CfnResource } from '../local/cloudformation/template.ts';
import { isPlaceholder } from './offline-placeholders.ts';
import { routeLabel, type CompiledAuthorizer, type Route } from '../local/serverless/service-routes.ts';

/** What the checks found: problems refuse the deploy, notes say what was accepted unchecked. */
export interface CheckFindings {
  readonly problems: string[];
  readonly notes: string[];
}

const USER_POOL_ARN = /^arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\d{12}:userpool\/[a-z0-9-]+_[0-9a-zA-Z]+$/;

/**
 * Each http event of serverless.yml against its AWS::ApiGateway::Method: an event without an
 * authorizer is open (NONE); one with an authorizer has it, on a user pool that exists.
 */
export function routeFindings(resources: Resources, routes: readonly Route[]): CheckFindings {
  const findings: CheckFindings = { problems: [], notes: [] };
  const methods = new Map(
    ofType(resources, 'AWS::ApiGateway::Method').map(([, method]) => [
      `${method.Properties?.HttpMethod} ${resourcePath(resources, method.Properties?.ResourceId)}`,
      method,
    ]),
  );
  for (const route of routes) {
    const method = methods.get(`${route.method} ${route.path}`);
    if (!method) {
      findings.problems.push(
        `${routeLabel(route)} is in serverless.yml but not in the packaged API: was the http event overridden in resources?`,
      );
      continue;
    }
    checkRoute(resources, route, method.Properties ?? {}, findings);
  }
  return findings;
}

function checkRoute(resources: Resources, route: Route, method: Record<string, any>, findings: CheckFindings): void {
  const actual: string = method.AuthorizationType ?? 'NONE';
  const authorization = route.authorization;
  const expected =
    authorization.kind === 'none'
      ? 'NONE'
      : authorization.kind === 'iam'
        ? 'AWS_IAM'
        : authorization.kind === 'existing'
          ? ['TOKEN', 'REQUEST'].includes(authorization.type.toUpperCase())
            ? 'CUSTOM'
            : authorization.type
          : authorization.type === 'COGNITO_USER_POOLS'
            ? 'COGNITO_USER_POOLS'
            : 'CUSTOM';
  if (actual !== expected) {
    findings.problems.push(
      authorization.kind === 'none'
        ? `${routeLabel(route)} has no authorizer in serverless.yml but is deployed with ${actual}: look for resources or extensions in serverless.yml that change its method.`
        : `${routeLabel(route)} declares an authorizer in serverless.yml but is deployed with ${actual} instead of ${expected}: look for resources or extensions in serverless.yml that change its method.`,
    );
    return;
  }
  if (authorization.kind === 'existing')
    checkNamedAuthorizer(resources, route, authorization.type, method.AuthorizerId, authorization.authorizerId, findings);
  if (authorization.kind === 'compiled') checkCompiledAuthorizer(resources, route, authorization, method.AuthorizerId, findings);
}

/** An http event's `authorizerId`: an authorizer of `resources` (checked like serverless's own) or one made elsewhere. */
function checkNamedAuthorizer(
  resources: Resources,
  route: Route,
  type: string,
  deployedId: unknown,
  authorizerId: unknown,
  findings: CheckFindings,
): void {
  if (JSON.stringify(deployedId) !== JSON.stringify(authorizerId)) {
    findings.problems.push(
      `${routeLabel(route)}: its method's AuthorizerId is ${JSON.stringify(deployedId)}, not the authorizerId its http event names.`,
    );
    return;
  }
  const id = refTarget(authorizerId);
  if (!id) {
    findings.notes.push(`${routeLabel(route)} uses the authorizer ${JSON.stringify(authorizerId)}, made outside this stack (not checked).`);
    return;
  }
  const authorizer = resources[id];
  if (authorizer?.Type !== 'AWS::ApiGateway::Authorizer') {
    findings.problems.push(
      `${routeLabel(route)}: its authorizerId names ${id}, which is not an AWS::ApiGateway::Authorizer of the template: declare it in resources, or point authorizerId at one.`,
    );
  } else if (!sameType(type, authorizer.Properties?.Type)) {
    findings.problems.push(
      `${routeLabel(route)}: its http event says type ${type}, but its authorizer ${id} is of Type ${authorizer.Properties?.Type}: make them the same in serverless.yml.`,
    );
  } else if (type.toUpperCase() === 'COGNITO_USER_POOLS') {
    for (const arn of (authorizer.Properties?.ProviderARNs as readonly unknown[] | undefined) ?? [])
      checkUserPoolArn(resources, route, arn, findings);
  }
}

function checkCompiledAuthorizer(
  resources: Resources,
  route: Route,
  expected: CompiledAuthorizer,
  authorizerId: unknown,
  findings: CheckFindings,
): void {
  const id = refTarget(authorizerId);
  const authorizer: CfnResource | undefined = id ? resources[id] : undefined;
  if (authorizer?.Type !== 'AWS::ApiGateway::Authorizer') {
    findings.problems.push(
      `${routeLabel(route)}: its method's AuthorizerId ${JSON.stringify(authorizerId)} is not an AWS::ApiGateway::Authorizer of the template.`,
    );
    return;
  }
  const properties = authorizer.Properties ?? {};
  const deployed: Record<string, unknown> = {
    type: properties.Type,
    identitySource: properties.IdentitySource,
    resultTtlInSeconds: properties.AuthorizerResultTtlInSeconds,
    ...(expected.type === 'COGNITO_USER_POOLS' ? { arn: (properties.ProviderARNs as readonly unknown[] | undefined)?.[0] } : {}),
  };
  for (const [setting, value] of Object.entries(deployed)) {
    const wanted = expected[setting as keyof CompiledAuthorizer];
    if (JSON.stringify(value) !== JSON.stringify(wanted)) {
      findings.problems.push(
        `${routeLabel(route)}: its authorizer ${id} is deployed with ${setting} ${JSON.stringify(value)}, but its http event sets ${JSON.stringify(wanted)}. ` +
          `Another http event gives the authorizer name "${expected.name}" other settings (or resources override it): give each its own name in serverless.yml, or make them equal.`,
      );
    }
  }
  if (expected.type === 'COGNITO_USER_POOLS') {
    for (const arn of (properties.ProviderARNs as readonly unknown[] | undefined) ?? []) checkUserPoolArn(resources, route, arn, findings);
  }
}

/** A COGNITO_USER_POOLS authorizer trusts a pool of this stack (GetAtt) or of another one (an ARN). */
function checkUserPoolArn(resources: Resources, route: Route, arn: unknown, findings: CheckFindings): void {
  const referenced = refTarget(arn);
  const pools =
    referenced && resources[referenced]?.Type === 'AWS::Cognito::UserPool'
      ? [referenced]
      : ofType(resources, 'AWS::Cognito::UserPool').map(([id]) => id);
  const pool = pools.length === 1 ? pools[0] : `<${pools.join(' or ') || 'a pool resource'}>`;
  const fix = `point its authorizer's arn at a user pool: \`Fn::GetAtt: [${pool}, Arn]\` for this stack's, or the ARN of another stack's pool`;
  const getAtt = getAttTarget(arn);
  if (isPlaceholder(arn)) {
    findings.notes.push(`${routeLabel(route)} trusts the user pool ${JSON.stringify(arn)}, read from AWS at deploy time (not checked).`);
  } else if (getAtt) {
    if (getAtt[1] !== 'Arn' || resources[getAtt[0]]?.Type !== 'AWS::Cognito::UserPool') {
      findings.problems.push(
        `${routeLabel(route)}: its authorizer's arn ${JSON.stringify(arn)} is not the Arn of an AWS::Cognito::UserPool of the template: ${fix}.`,
      );
    }
  } else if (referenced) {
    findings.problems.push(
      `${routeLabel(route)}: its authorizer's arn is ${JSON.stringify(arn)}, which gives a pool's id, not its ARN: ${fix}.`,
    );
  } else if (typeof arn === 'string') {
    if (USER_POOL_ARN.test(arn)) findings.notes.push(`${routeLabel(route)} trusts the user pool ${arn} of another stack.`);
    else
      findings.problems.push(
        `${routeLabel(route)}: its authorizer's arn "${arn}" is not a user pool ARN (arn:aws:cognito-idp:<region>:<account>:userpool/<pool id>): ${fix}.`,
      );
  } else {
    findings.notes.push(`${routeLabel(route)} trusts the user pool ${JSON.stringify(arn)}, resolved by CloudFormation (not checked).`);
  }
}

/** An http event's `type` against its authorizer's: `CUSTOM` (serverless's word for a Lambda authorizer used through authorizerId) is TOKEN or REQUEST. */
function sameType(eventType: string, authorizerType: unknown): boolean {
  const declared = eventType.toUpperCase();
  const deployed = String(authorizerType).toUpperCase();
  return declared === deployed || (declared === 'CUSTOM' && (deployed === 'TOKEN' || deployed === 'REQUEST'));
}
