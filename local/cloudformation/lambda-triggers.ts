import type { LambdaConfigType } from '@aws-sdk/client-cognito-identity-provider';
import { noPool } from './existing-pool-triggers.ts';
import type { DeployedResource } from './stack-state.ts';
import type { CfnResource } from './template.ts';

/**
 * The triggers of a pool's `LambdaConfig` the local Cognito runs, each a function ARN, as
 * Cognito's API takes them (`PreTokenGenerationConfig` is `{ LambdaArn, LambdaVersion }`).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_LambdaConfigType.html
 */
export const RUN_TRIGGERS = [
  'PreSignUp',
  'PostConfirmation',
  'PreAuthentication',
  'PostAuthentication',
  'CustomMessage',
  'DefineAuthChallenge',
  'CreateAuthChallenge',
  'VerifyAuthChallengeResponse',
  'UserMigration',
  'PreTokenGeneration',
  'PreTokenGenerationConfig',
] as const;

/** What the local Cognito does not run: the custom senders, which decrypt the code with the pool's KMS key, and the inbound federation trigger. */
const NOT_RUN: Readonly<Record<string, string>> = {
  CustomSMSSender: 'the custom SMS sender is not run locally (the emulator sends no SMS, and has no KMS to encrypt the code for it)',
  CustomEmailSender:
    'the custom email sender is not run locally (the emulator writes the message to its dev inbox, and has no KMS to encrypt the code for it)',
  KMSKeyID: 'it is the KMS key of the custom senders, which are not run locally',
  InboundFederation:
    'the inbound federation trigger is not run locally yet (the stand-in identity providers apply the AttributeMapping alone): leave it out of the local stage',
};

/** A trigger the local stage cannot run, keyed as `custom.localStack.notEmulated` would waive it. */
export interface TriggerRefusal {
  readonly key: string;
  readonly why: string;
}

/** The function an entry names: its ARN, or `LambdaArn` of the object forms. */
function arnIn(value: unknown): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { LambdaArn?: unknown }).LambdaArn : value;
}

/**
 * The entries of a pool's resolved `LambdaConfig` the local stage cannot honour: a key the
 * emulator does not run, or a function that is not one of this service's (`functionArns`, the
 * local ARNs `Fn::GetAtt: [<Fn>LambdaFunction, Arn]` resolves to): locally only this service's
 * functions run, through serverless-offline.
 */
export function lambdaConfigRefusals(
  logicalId: string,
  lambdaConfig: unknown,
  functionArns: ReadonlySet<string>,
  type = 'AWS::Cognito::UserPool',
): TriggerRefusal[] {
  const at = `${logicalId}.Properties.LambdaConfig`;
  if (typeof lambdaConfig !== 'object' || lambdaConfig === null || Array.isArray(lambdaConfig)) {
    return [{ key: `${logicalId}.LambdaConfig`, why: `${at} (${type}) must be a map of triggers to function ARNs.` }];
  }
  const refusals: TriggerRefusal[] = [];
  for (const [trigger, value] of Object.entries(lambdaConfig as LambdaConfigType)) {
    const key = `${logicalId}.LambdaConfig.${trigger}`;
    if (NOT_RUN[trigger]) {
      refusals.push({ key, why: `${at}.${trigger} (${type}): ${NOT_RUN[trigger]}.` });
    } else if (!(RUN_TRIGGERS as readonly string[]).includes(trigger)) {
      refusals.push({ key, why: `${at}.${trigger} (${type}) is not a Cognito trigger (${RUN_TRIGGERS.join(', ')}).` });
    } else {
      const arn = arnIn(value);
      if (typeof arn !== 'string' || !functionArns.has(arn)) {
        refusals.push({
          key,
          why:
            `${at}.${trigger} (${type}) names ${JSON.stringify(arn)}, which is not a function of this service: the local stage runs only ` +
            "this service's functions, through serverless-offline. Point it at one with `Fn::GetAtt: [<Function>LambdaFunction, Arn]` " +
            '(a function of serverless.yml), or declare that function in this service.',
        });
      }
    }
  }
  return refusals;
}

/** Resolves a template value against the stack, as deployed so far. */
type Resolve = (value: unknown, at: string) => unknown;

/**
 * What stops the start in the stack's triggers, each by name: every pool's `LambdaConfig`
 * (resolved), and every `Custom::CognitoUserPool` — a custom sender, or a pool that is neither
 * this stack's nor a stand-in's (serverless's handler finds the pool by name). A value that does
 * not resolve yet is left to the deploy, which names it.
 */
export function triggerRefusals(
  resources: Readonly<Record<string, CfnResource>>,
  resolve: Resolve,
  functionArns: ReadonlySet<string>,
): TriggerRefusal[] {
  const attempt = (value: unknown, at: string) => {
    try {
      return { value: resolve(value, at) };
    } catch {
      return undefined;
    }
  };
  const pools = Object.entries(resources).filter(([, resource]) => resource.Type === 'AWS::Cognito::UserPool');
  const poolNames = new Set(pools.map(([id, pool]) => attempt(pool.Properties?.UserPoolName, `${id}.Properties.UserPoolName`)?.value));
  const refusals: TriggerRefusal[] = [];
  for (const [logicalId, pool] of pools) {
    if (pool.Properties?.LambdaConfig === undefined) continue;
    const resolved = attempt(pool.Properties.LambdaConfig, `${logicalId}.Properties.LambdaConfig`);
    if (resolved) refusals.push(...lambdaConfigRefusals(logicalId, resolved.value, functionArns));
  }
  for (const [logicalId, custom] of Object.entries(resources)) {
    if (custom.Type !== 'Custom::CognitoUserPool') continue;
    const properties = custom.Properties ?? {};
    const key = `${logicalId}.UserPoolConfigs`;
    const source = `${logicalId} (Custom::CognitoUserPool, function ${String(properties.FunctionName)}'s cognitoUserPool events with existing: true)`;
    for (const { Trigger } of (properties.UserPoolConfigs ?? []) as { Trigger: string }[]) {
      if (NOT_RUN[Trigger]) refusals.push({ key, why: `${source}: ${Trigger}: ${NOT_RUN[Trigger]}.` });
    }
    if (!poolNames.has(properties.UserPoolName)) refusals.push({ key, why: noPool(logicalId, properties).message });
  }
  return refusals;
}

/**
 * The resources with each `Custom::CognitoUserPool` after every pool: serverless's handler finds
 * its pool by name, which may be a stand-in the template does not tie it to.
 */
export function withTriggerDependencies(resources: Readonly<Record<string, CfnResource>>): Record<string, CfnResource> {
  const pools = Object.keys(resources).filter((id) => resources[id]!.Type === 'AWS::Cognito::UserPool');
  return Object.fromEntries(
    Object.entries(resources).map(([id, resource]) => [
      id,
      resource.Type === 'Custom::CognitoUserPool' ? { ...resource, DependsOn: [...[resource.DependsOn ?? []].flat(), ...pools] } : resource,
    ]),
  );
}

/**
 * Lines for the `existing: true` triggers a pool update just removed. CloudFormation's update of
 * a pool sends its template's LambdaConfig, which resets what serverless's custom resource set,
 * and the custom resource does not run again while its own properties are unchanged
 * (https://github.com/serverless/serverless/issues/9635, #7510): on AWS as here.
 */
export function lostTriggerNotices(
  resources: Readonly<Record<string, CfnResource>>,
  deployed: ReadonlyMap<string, DeployedResource>,
  changed: ReadonlySet<string>,
): string[] {
  const notices: string[] = [];
  for (const [logicalId, custom] of Object.entries(resources)) {
    if (custom.Type !== 'Custom::CognitoUserPool' || changed.has(logicalId)) continue;
    const pool = [...deployed].find(
      ([, resource]) => resource.type === 'AWS::Cognito::UserPool' && resource.properties.UserPoolName === custom.Properties?.UserPoolName,
    )?.[0];
    if (pool && changed.has(pool)) {
      notices.push(
        `⚠  ${pool} was updated, which resets its LambdaConfig, on AWS as here: the existing: true triggers of function ${String(custom.Properties?.FunctionName)} ` +
          `(${logicalId}) no longer run until that custom resource runs again. Add forceDeploy: true to those cognitoUserPool events, or declare the triggers ` +
          `in the pool's LambdaConfig (or without existing: true).`,
      );
    }
  }
  return notices;
}
