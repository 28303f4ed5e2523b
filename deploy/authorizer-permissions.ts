import { getAttTarget, ofType, refTarget, type Resources } from '../local/cloudformation/template-references.ts';
import { isPlaceholder } from './offline-placeholders.ts';
import type { CheckFindings } from './route-checks.ts';

// API Gateway invokes a Lambda authorizer's function only with a resource-based permission for
// apigateway.amazonaws.com (or a role in AuthorizerCredentials); without it every request the
// authorizer guards answers 500. serverless adds the permission for the authorizers it compiles
// (unless `managedExternally: true`), never for an AWS::ApiGateway::Authorizer written in resources.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html ("Create a Lambda authorizer")
// https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html

/** The function an authorizer invokes, as the template names it: a logical id of this template, or a literal ARN. */
type AuthorizerFunction = { readonly logicalId: string } | { readonly arn: string } | { readonly unknown: unknown };

interface LambdaAuthorizer {
  readonly id: string;
  readonly kind: 'REST API' | 'HTTP API';
  /** The logical id of the API it belongs to (`ApiGatewayRestApi`, `HttpApi`), when the template says. */
  readonly api: string | undefined;
  readonly fn: AuthorizerFunction;
  /** `AuthorizerCredentials` / `AuthorizerCredentialsArn`: API Gateway assumes this role instead. */
  readonly role: unknown;
}

/** Problems for each Lambda authorizer (REST TOKEN/REQUEST, HTTP API REQUEST) that API Gateway has no permission to invoke. */
export function authorizerPermissionFindings(resources: Resources): CheckFindings {
  const findings: CheckFindings = { problems: [], notes: [] };
  const permissions = ofType(resources, 'AWS::Lambda::Permission')
    .map(([, permission]) => permission.Properties ?? {})
    .filter(
      (properties) =>
        properties.Principal === 'apigateway.amazonaws.com' && ['lambda:InvokeFunction', 'lambda:*'].includes(String(properties.Action)),
    );
  for (const authorizer of lambdaAuthorizers(resources)) {
    const label = `${authorizer.id} (the ${authorizer.kind}'s Lambda authorizer)`;
    if (authorizer.role !== undefined && authorizer.role !== null) {
      findings.notes.push(
        `${label} invokes its function with the role ${JSON.stringify(authorizer.role)}: its policy must allow lambda:InvokeFunction (not checked).`,
      );
      continue;
    }
    const { fn } = authorizer;
    if ('unknown' in fn) {
      findings.notes.push(
        `${label} invokes ${JSON.stringify(fn.unknown)}, which check:deploy cannot tie to a function (its permission is not checked).`,
      );
      continue;
    }
    const granting = permissions.filter((permission) => names(resources, fn, permission.FunctionName));
    if ('arn' in fn && granting.length === 0 && !ownFunctionNamed(resources, fn.arn)) {
      findings.notes.push(
        `${label} invokes ${fn.arn}, a function outside this stack: its owner must let apigateway.amazonaws.com invoke it for this API (not checked).`,
      );
      continue;
    }
    if (granting.length === 0) {
      findings.problems.push(
        `${label}: no AWS::Lambda::Permission lets API Gateway (apigateway.amazonaws.com) invoke its function ${'logicalId' in fn ? fn.logicalId : fn.arn}, ` +
          'so on AWS every request it guards answers 500. serverless adds one only for the authorizers it compiles from an http event or provider.httpApi.authorizers ' +
          `(not with managedExternally: true). Add to resources.Resources in serverless.yml:\n${permissionYaml(authorizer, fn)}`,
      );
    } else if (!granting.some((permission) => covers(permission.SourceArn, authorizer.api))) {
      findings.problems.push(
        `${label}: the AWS::Lambda::Permission for its function limits SourceArn to ${JSON.stringify(granting[0]!.SourceArn)}, which does not cover the ${authorizer.kind} ${authorizer.api ?? ''}: ` +
          `API Gateway's calls would be refused (500). Make it \`${sourceArn(authorizer)}\`, or leave SourceArn out.`,
      );
    }
  }
  return findings;
}

function lambdaAuthorizers(resources: Resources): LambdaAuthorizer[] {
  const rest = ofType(resources, 'AWS::ApiGateway::Authorizer')
    .filter(([, resource]) => ['TOKEN', 'REQUEST'].includes(String(resource.Properties?.Type)))
    .map(
      ([id, { Properties: p = {} }]): LambdaAuthorizer => ({
        id,
        kind: 'REST API',
        api: refTarget(p.RestApiId),
        fn: functionOf(p.AuthorizerUri),
        role: p.AuthorizerCredentials,
      }),
    );
  const http = ofType(resources, 'AWS::ApiGatewayV2::Authorizer')
    .filter(([, resource]) => resource.Properties?.AuthorizerType === 'REQUEST')
    .map(
      ([id, { Properties: p = {} }]): LambdaAuthorizer => ({
        id,
        kind: 'HTTP API',
        api: refTarget(p.ApiId),
        fn: functionOf(p.AuthorizerUri),
        role: p.AuthorizerCredentialsArn,
      }),
    );
  return [...rest, ...http];
}

const FUNCTIONS_PATH = ':lambda:path/2015-03-31/functions/';

/** The function in `…:lambda:path/2015-03-31/functions/<function>/invocations`, written as a string, `Fn::Join` or `Fn::Sub`. */
function functionOf(uri: unknown): AuthorizerFunction {
  if (typeof uri === 'string' && !isPlaceholder(uri)) {
    const arn = uri.split(FUNCTIONS_PATH)[1]?.replace(/\/invocations$/, '');
    if (arn) return { arn };
  }
  const join = (uri as { 'Fn::Join'?: [string, unknown[]] } | null)?.['Fn::Join'];
  if (Array.isArray(join?.[1])) {
    const parts = join[1];
    const at = parts.findIndex((part) => typeof part === 'string' && part.endsWith(FUNCTIONS_PATH));
    const part = parts[at + 1];
    const logicalId = getAttTarget(part)?.[0] ?? refTarget(part);
    if (at >= 0 && logicalId) return { logicalId };
    if (at >= 0 && typeof part === 'string' && !isPlaceholder(part)) return { arn: part };
  }
  const sub = (uri as { 'Fn::Sub'?: unknown } | null)?.['Fn::Sub'];
  const template = Array.isArray(sub) ? sub[0] : sub;
  const named = typeof template === 'string' ? /\/functions\/\$\{([A-Za-z0-9]+)\.Arn\}\/invocations/.exec(template)?.[1] : undefined;
  if (named) return { logicalId: named };
  return { unknown: uri };
}

/** Whether a permission's `FunctionName` names the authorizer's function (by Ref, GetAtt, name or ARN). */
function names(resources: Resources, fn: { logicalId: string } | { arn: string }, functionName: unknown): boolean {
  if ('logicalId' in fn) {
    if (refTarget(functionName) === fn.logicalId || getAttTarget(functionName)?.[0] === fn.logicalId) return true;
    const name = resources[fn.logicalId]?.Properties?.FunctionName;
    return typeof name === 'string' && typeof functionName === 'string' && nameOf(functionName) === name;
  }
  return typeof functionName === 'string' && (functionName === fn.arn || nameOf(functionName) === nameOf(fn.arn));
}

/** `my-function` of `my-function`, `arn:aws:lambda:<region>:<account>:function:my-function[:qualifier]`. */
const nameOf = (nameOrArn: string) => /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(nameOrArn)?.[1] ?? nameOrArn;

/** Whether an ARN names a function of this template (its FunctionName). */
function ownFunctionNamed(resources: Resources, arn: string): boolean {
  return ofType(resources, 'AWS::Lambda::Function').some(([, fn]) => fn.Properties?.FunctionName === nameOf(arn));
}

/** Whether `SourceArn` lets calls from the API through: absent, built from the API's id, or any API (`*`). */
function covers(source: unknown, api: string | undefined): boolean {
  if (source === undefined || isPlaceholder(source)) return true;
  if (typeof source === 'string') return /^arn:[^:]+:execute-api:[^:]*:[^:]*:\*/.test(source) || source === '*';
  return api !== undefined && JSON.stringify(source).includes(JSON.stringify({ Ref: api }));
}

const sourceArn = (authorizer: LambdaAuthorizer) =>
  `!Sub arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${authorizer.api ?? (authorizer.kind === 'REST API' ? 'ApiGatewayRestApi' : 'HttpApi')}}/*`;

/** The resource that grants the permission, as serverless.yml's YAML. */
function permissionYaml(authorizer: LambdaAuthorizer, fn: { logicalId: string } | { arn: string }): string {
  const functionName = 'logicalId' in fn ? `!GetAtt ${fn.logicalId}.Arn` : fn.arn;
  return [
    `    ${authorizer.id}LambdaPermission:`,
    '      Type: AWS::Lambda::Permission',
    '      Properties:',
    `        FunctionName: ${functionName}`,
    '        Action: lambda:InvokeFunction',
    '        Principal: apigateway.amazonaws.com',
    `        SourceArn: ${sourceArn(authorizer)}`,
  ].join('\n');
}
