import { getAttTarget, ofType, refTarget, type Resources } from '../local/cloudformation/template-references.ts';
import type { CfnTemplate } from '../local/cloudformation/template.ts';
import type { ServiceFunctions } from '../local/serverless/service-routes.ts';

/** A `cognitoUserPool` event of serverless.yml. */
export interface CognitoTrigger {
  readonly functionName: string;
  readonly pool: string;
  readonly trigger: string;
  readonly existing: boolean;
}

export function triggersOf(functions: ServiceFunctions): CognitoTrigger[] {
  return Object.entries(functions).flatMap(([functionName, fn]) =>
    (fn.events ?? []).flatMap((event) => {
      const trigger = event.cognitoUserPool as { pool: string; trigger: string; existing?: boolean } | undefined;
      return trigger ? [{ functionName, pool: trigger.pool, trigger: trigger.trigger, existing: trigger.existing === true }] : [];
    }),
  );
}

/** serverless's `getCognitoUserPoolLogicalId`: the pool a trigger without `existing` is attached to. */
const generatedPoolId = (pool: string) => {
  const name = pool.replace(/[^0-9A-Za-z]/g, '');
  return `CognitoUserPool${name.charAt(0).toUpperCase()}${name.slice(1)}`;
};

/**
 * `existing: true` finds its pool by name when the custom resource runs; for a pool of this very
 * stack, that must be after CloudFormation created it (serverless's handler fails on a pool it
 * cannot find). deploy/deploy-plugin.ts adds the dependency.
 */
export function existingPoolDependencies(resources: Resources): [trigger: string, pool: string][] {
  const pools = ofType(resources, 'AWS::Cognito::UserPool');
  return ofType(resources, 'Custom::CognitoUserPool').flatMap(([id, custom]) =>
    pools
      .filter(([, pool]) => pool.Properties?.UserPoolName === custom.Properties?.UserPoolName)
      .map(([poolId]): [string, string] => [id, poolId]),
  );
}

/**
 * A trigger without `existing` makes serverless create (or extend) the pool CognitoUserPool<Pool>:
 * when that is not the pool the web app's users are in, the trigger never runs for them.
 */
export function triggerProblems(template: CfnTemplate, triggers: readonly CognitoTrigger[]): string[] {
  const resources = template.Resources;
  const problems: string[] = [];
  const webClient = resources[refTarget(template.Outputs?.UserPoolClientId?.Value) ?? ''];
  const appPool = refTarget(webClient?.Properties?.UserPoolId);
  for (const { functionName, pool, trigger, existing } of triggers) {
    const poolId = generatedPoolId(pool);
    const hasClient = ofType(resources, 'AWS::Cognito::UserPoolClient').some(
      ([, client]) => refTarget(client.Properties?.UserPoolId) === poolId,
    );
    if (!existing && appPool && resources[appPool]?.Type === 'AWS::Cognito::UserPool' && poolId !== appPool && !hasClient) {
      problems.push(
        `Function ${functionName}'s ${trigger} trigger (cognitoUserPool pool: ${pool}) makes serverless create another user pool, ${poolId}, with no app client; ` +
          `the web app's users are in ${appPool}, where it never runs. To attach it to ${appPool}, rename that resource to ${poolId} in serverless.yml ` +
          `(serverless merges it into the pool it generates) and update its references; for a pool made outside this stack, use existing: true.`,
      );
    }
  }
  for (const [custom, pool] of existingPoolDependencies(resources)) {
    if (![resources[custom]!.DependsOn ?? []].flat().includes(pool)) {
      problems.push(
        `${custom} (a trigger with existing: true) does not wait for ${pool}, the pool it names, so a first deploy could fail to find it: keep ./deploy/deploy-plugin.cjs in serverless.yml's plugins.`,
      );
    }
  }
  return problems;
}

/** Cognito's service principal, which a trigger's function must let invoke it. */
const COGNITO_PRINCIPAL = 'cognito-idp.amazonaws.com';

/** The function of this stack a LambdaConfig entry runs: X of `Fn::GetAtt: [X, Arn]` (`LambdaArn` of the object forms). */
function triggerFunction(value: unknown): string | undefined {
  const arn = typeof value === 'object' && value !== null && 'LambdaArn' in value ? (value as { LambdaArn: unknown }).LambdaArn : value;
  const target = getAttTarget(arn);
  return target?.[1] === 'Arn' ? target[0] : undefined;
}

/** The function of this stack a permission's FunctionName names: by `Fn::GetAtt`, `Ref`, name or ARN. */
function permittedFunction(functionName: unknown, resources: Resources): string | undefined {
  const target = getAttTarget(functionName)?.[0] ?? refTarget(functionName);
  if (target) return target;
  if (typeof functionName !== 'string') return undefined;
  // A name, or an ARN: arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>].
  const name = functionName.includes(':function:') ? functionName.split(':function:')[1]!.split(':')[0] : functionName;
  return ofType(resources, 'AWS::Lambda::Function').find(([, fn]) => fn.Properties?.FunctionName === name)?.[0];
}

/**
 * Each pool's LambdaConfig against the template's `AWS::Lambda::Permission`s: Cognito invokes a
 * trigger only if the function's resource policy lets `cognito-idp.amazonaws.com` do it, and
 * adds that permission itself only when a trigger is set in its console; otherwise the trigger
 * fails with "<Trigger> invocation failed due to error AccessDeniedException."
 * (https://repost.aws/knowledge-center/cognito-lambda-trigger-errors). serverless adds them for
 * `cognitoUserPool` events; a hand-written LambdaConfig needs its own.
 */
export function lambdaConfigFindings(resources: Resources): { problems: string[]; notes: string[] } {
  const problems: string[] = [];
  const notes: string[] = [];
  const permissions = ofType(resources, 'AWS::Lambda::Permission').filter(
    ([, permission]) => permission.Properties?.Principal === COGNITO_PRINCIPAL,
  );
  for (const [pool, resource] of ofType(resources, 'AWS::Cognito::UserPool')) {
    const byFunction = new Map<string, string[]>();
    for (const [trigger, value] of Object.entries((resource.Properties?.LambdaConfig ?? {}) as Record<string, unknown>)) {
      if (trigger === 'KMSKeyID') continue;
      const fn = triggerFunction(value);
      if (fn) byFunction.set(fn, [...(byFunction.get(fn) ?? []), trigger]);
      else
        notes.push(
          `${pool}.LambdaConfig.${trigger} runs ${JSON.stringify(value)}, not a function of this stack: its permission for Cognito is not checked.`,
        );
    }
    for (const [fn, triggers] of byFunction) {
      const forFunction = permissions.filter(([, permission]) => permittedFunction(permission.Properties?.FunctionName, resources) === fn);
      const sourceArn = (permission: (typeof permissions)[number]) => permission[1].Properties?.SourceArn;
      const forPool = forFunction.filter((permission) => {
        const source = sourceArn(permission);
        return source === undefined || getAttTarget(source)?.[0] === pool;
      });
      if (forPool.length === 0) {
        problems.push(
          `${pool}.LambdaConfig runs ${fn} (${triggers.join(', ')}), but no AWS::Lambda::Permission lets Cognito invoke it from ${pool}` +
            `${forFunction.length > 0 ? ` (${forFunction.map(([id]) => id).join(', ')} name another SourceArn)` : ''}: on AWS the trigger would fail with ` +
            `"${triggers[0]} invocation failed due to error AccessDeniedException." Add to resources.Resources in serverless.yml an AWS::Lambda::Permission with ` +
            `Action: lambda:InvokeFunction, FunctionName: { Fn::GetAtt: [${fn}, Arn] }, Principal: ${COGNITO_PRINCIPAL}, SourceArn: { Fn::GetAtt: [${pool}, Arn] }.`,
        );
      } else if (forPool.every((permission) => sourceArn(permission) === undefined)) {
        notes.push(
          `${forPool.map(([id]) => id).join(', ')} let any user pool invoke ${fn}: give it SourceArn: { Fn::GetAtt: [${pool}, Arn] } so only ${pool} can.`,
        );
      }
    }
  }
  return { problems, notes };
}
