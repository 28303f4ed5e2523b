import { ofType, refTarget, type CfnTemplate, type Resources } from './cfn-template.ts';
import type { ServiceFunctions } from './service-routes.ts';

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
