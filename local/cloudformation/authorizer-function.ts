import type { DeployedStack } from './deploy-local-stack.ts';
import { LocalStackTemplateError } from './template.ts';

// Which of this service's functions a Lambda authorizer's `AuthorizerUri` invokes, REST and HTTP API
// alike: locally only this service's functions run (serverless-offline's Lambda), so an authorizer
// of another account or service is refused by name rather than served open.

/** This service's functions: their local, unqualified ARN (`arn:aws:lambda:<region>:000000000000:function:<name>`) → deployed name. */
export type ServiceFunctionArns = ReadonlyMap<string, string>;

/** What `Fn::GetAtt: [<Fn>LambdaFunction, Arn]` and `Ref` resolve to for each `AWS::Lambda::Function` of the stack. */
export function serviceFunctionArns(stack: DeployedStack): ServiceFunctionArns {
  const functions = new Map<string, string>();
  for (const [logicalId, resource] of Object.entries(stack.resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const arn = stack.resolve({ 'Fn::GetAtt': [logicalId, 'Arn'] }, `${logicalId}.Arn`);
    const name = stack.resolve({ Ref: logicalId }, `${logicalId}.Ref`);
    functions.set(String(arn), String(name));
  }
  return functions;
}

/**
 * `arn:<partition>:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations`,
 * where <region> is the function's (https://docs.aws.amazon.com/apigateway/latest/api/API_Authorizer.html, `authorizerUri`).
 */
const LAMBDA_URI = /^arn:(aws[a-z-]*):apigateway:([a-z0-9-]+):lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;
/** A function ARN, optionally qualified by a version or alias (https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html). */
const FUNCTION_ARN = /^(arn:aws[a-z-]*:lambda:([a-z0-9-]+):\d{12}:function:[A-Za-z0-9_-]+)(?::([A-Za-z0-9$_-]+))?$/;

/** How to point an authorizer at a function of this service, for the local stage. */
const POINT_AT_SERVICE =
  "the local stage runs only this service's functions, through serverless-offline, and will not serve the route open. " +
  'Point the authorizer at a function of serverless.yml (`name: <function>`, `functionName: <function>`, or `Fn::GetAtt: [<Fn>LambdaFunction, Arn]`); ' +
  'when AWS stages use another function, choose it per stage (`arn: ${param:authorizerArn}` with the local stage naming a function of this service)';

/**
 * The deployed name of this service's function that `uri` (resolved) invokes. A version- or
 * alias-qualified ARN of such a function runs the function's working copy, as serverless-offline
 * runs every handler (README, "Differences from AWS"). Anything else is refused, naming `authorizer`.
 */
export function authorizerFunctionName(uri: unknown, functions: ServiceFunctionArns, authorizer: string): string {
  const parsed = typeof uri === 'string' ? LAMBDA_URI.exec(uri) : null;
  if (!parsed) {
    throw new LocalStackTemplateError(
      `its Lambda authorizer ${authorizer} has the AuthorizerUri ${JSON.stringify(uri)}, which is not a Lambda function's invocation URI ` +
        '(arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations); ' +
        POINT_AT_SERVICE +
        '.',
    );
  }
  const [, , uriRegion, functionArn] = parsed;
  const arn = FUNCTION_ARN.exec(functionArn!);
  const name = arn ? functions.get(arn[1]!) : undefined;
  if (!arn || name === undefined) {
    throw new LocalStackTemplateError(
      `its Lambda authorizer ${authorizer} invokes ${functionArn}, which is not a function of this service: ${POINT_AT_SERVICE}.`,
    );
  }
  if (arn[2] !== uriRegion) {
    throw new LocalStackTemplateError(
      `its Lambda authorizer ${authorizer} invokes ${functionArn} through API Gateway's endpoint in ${uriRegion}; the URI's region must be the function's (${arn[2]}), ` +
        'or API Gateway cannot invoke it. Build the URI with `Ref: AWS::Region`, as serverless does.',
    );
  }
  return name;
}

/** `AuthorizerResultTtlInSeconds`: an integer from 0 to 3600 (https://docs.aws.amazon.com/apigateway/latest/api/API_Authorizer.html). */
export function resultTtlSeconds(value: unknown, fallback: number, authorizer: string): number {
  if (value === undefined || value === null) return fallback;
  const ttl = Number(value);
  if (!Number.isInteger(ttl) || ttl < 0 || ttl > 3600) {
    throw new LocalStackTemplateError(
      `its Lambda authorizer ${authorizer} has AuthorizerResultTtlInSeconds ${JSON.stringify(value)}; API Gateway takes a whole number of seconds from 0 (no caching) to 3600.`,
    );
  }
  return ttl;
}
