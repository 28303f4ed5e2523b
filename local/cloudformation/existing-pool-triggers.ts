import {
  DescribeUserPoolCommand,
  UpdateUserPoolCommand,
  type LambdaConfigType,
  type UpdateUserPoolRequest,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ProvisionContext, Provisioner } from './provisioner.ts';
import { LocalStackTemplateError } from './template.ts';

/** One trigger of a `Custom::CognitoUserPool`, as serverless compiles a `cognitoUserPool` event with `existing: true`. */
export interface UserPoolTriggerConfig {
  readonly Trigger: string;
  /** The custom senders' only. */
  readonly LambdaVersion?: string;
  readonly KMSKeyID?: string;
}

type Properties = Readonly<Record<string, any>>;

const CUSTOM_SENDERS = ['CustomSMSSender', 'CustomEmailSender'];

/** The function's ARN, as serverless's handler makes it from its own (`getLambdaArn`): the local account's. */
export const functionArn = (context: Pick<ProvisionContext, 'region' | 'accountId'>, functionName: string) =>
  `arn:aws:lambda:${context.region}:${context.accountId}:function:${functionName}`;

/**
 * `lambdaConfig` without the triggers that run `arn`, as serverless's `removeExistingLambdas`
 * (lib/plugins/aws/custom-resources/resources/cognito-user-pool/lib/user-pool.js); the custom
 * senders' KMS key goes with the last sender. Cognito keeps `PreTokenGeneration` and
 * `PreTokenGenerationConfig.LambdaArn` equal, so the latter goes with the former.
 */
export function withoutFunction(lambdaConfig: LambdaConfigType, arn: string): LambdaConfigType {
  const kept = Object.fromEntries(
    Object.entries(lambdaConfig).filter(([, value]) => value !== arn && (value as { LambdaArn?: string } | undefined)?.LambdaArn !== arn),
  ) as Record<string, unknown>;
  if ('KMSKeyID' in kept && CUSTOM_SENDERS.every((sender) => !(sender in kept))) delete kept.KMSKeyID;
  return kept as LambdaConfigType;
}

/**
 * `lambdaConfig` with `arn` as each configured trigger, as serverless's `updateConfiguration`:
 * the function's earlier triggers are removed first, so a trigger dropped from serverless.yml
 * goes. A legacy `PreTokenGeneration` is mirrored into `PreTokenGenerationConfig` (V1_0), which
 * Cognito requires to name the same function.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_LambdaConfigType.html
 */
export function withTriggers(lambdaConfig: LambdaConfigType, arn: string, configs: readonly UserPoolTriggerConfig[]): LambdaConfigType {
  const merged: Record<string, unknown> = { ...withoutFunction(lambdaConfig, arn) };
  for (const { Trigger, LambdaVersion, KMSKeyID } of configs) {
    if (CUSTOM_SENDERS.includes(Trigger)) {
      merged[Trigger] = { LambdaArn: arn, LambdaVersion };
      merged.KMSKeyID = KMSKeyID;
    } else {
      merged[Trigger] = arn;
      if (Trigger === 'PreTokenGeneration') merged.PreTokenGenerationConfig = { LambdaArn: arn, LambdaVersion: 'V1_0' };
    }
  }
  return merged as LambdaConfigType;
}

/** What UpdateUserPool takes of a described pool: Cognito resets whatever the call leaves out. */
function updatable(pool: UserPoolType): Omit<UpdateUserPoolRequest, 'UserPoolId'> {
  const { Policies, DeletionProtection, LambdaConfig, AutoVerifiedAttributes, SmsVerificationMessage, EmailVerificationMessage } = pool;
  const { EmailVerificationSubject, VerificationMessageTemplate, SmsAuthenticationMessage, UserAttributeUpdateSettings } = pool;
  const { MfaConfiguration, DeviceConfiguration, EmailConfiguration, SmsConfiguration, UserPoolTags, AdminCreateUserConfig } = pool;
  const { UserPoolAddOns, AccountRecoverySetting, UserPoolTier } = pool;
  return {
    ...{ Policies, DeletionProtection, LambdaConfig, AutoVerifiedAttributes, SmsVerificationMessage, EmailVerificationMessage },
    ...{ EmailVerificationSubject, VerificationMessageTemplate, SmsAuthenticationMessage, UserAttributeUpdateSettings },
    ...{ MfaConfiguration, DeviceConfiguration, EmailConfiguration, SmsConfiguration, UserPoolTags, AdminCreateUserConfig },
    ...{ UserPoolAddOns, AccountRecoverySetting, UserPoolTier },
  };
}

/** Describes the pool, changes its LambdaConfig, and updates it with everything else as it was. */
async function changeLambdaConfig(UserPoolId: string, change: (config: LambdaConfigType) => LambdaConfigType, context: ProvisionContext) {
  const { UserPool } = await context.cognito.send(new DescribeUserPoolCommand({ UserPoolId }));
  const current = updatable(UserPool ?? {});
  await context.cognito.send(new UpdateUserPoolCommand({ ...current, LambdaConfig: change(current.LambdaConfig ?? {}), UserPoolId }));
}

/**
 * serverless's `Custom::CognitoUserPool` (a function's `cognitoUserPool` events with
 * `existing: true`), done as its handler does on AWS, against the pool of that name among this
 * stack's pools and stand-ins: Create and Update put the function's triggers into the pool's
 * LambdaConfig, Delete takes them out. The Lambda permission it adds only matters on AWS.
 */
export const existingPoolTriggers: Provisioner = {
  replacedWhen: [],
  async create(logicalId, properties, context) {
    // Without them (custom.localStack.notEmulated lists `<id>.UserPoolConfigs`), nothing to attach.
    if (!properties.UserPoolConfigs?.length) return { physicalId: `${properties.FunctionName}-not-emulated`, attributes: {} };
    const UserPoolId = poolOf(logicalId, properties, context);
    const arn = functionArn(context, properties.FunctionName);
    await changeLambdaConfig(UserPoolId, (config) => withTriggers(config, arn, properties.UserPoolConfigs ?? []), context);
    return { physicalId: `${properties.FunctionName}-${UserPoolId}`, attributes: {} };
  },
  async update(logicalId, _current, properties, _previous, context) {
    // serverless's Update reads only the new properties, as here: a renamed pool keeps the old triggers.
    return existingPoolTriggers.create(logicalId, properties, context);
  },
  async delete(_current, properties, context) {
    // The pool may be gone with the stack: then so are its triggers.
    const UserPoolId = context.userPoolNamed?.(properties.UserPoolName);
    if (UserPoolId)
      await changeLambdaConfig(UserPoolId, (config) => withoutFunction(config, functionArn(context, properties.FunctionName)), context);
  },
};

function poolOf(logicalId: string, properties: Properties, context: ProvisionContext): string {
  const id = context.userPoolNamed?.(properties.UserPoolName);
  if (!id) throw noPool(logicalId, properties);
  return id;
}

/** The refusal for triggers whose pool is neither this stack's nor a stand-in's. */
export function noPool(logicalId: string, properties: Properties): LocalStackTemplateError {
  const triggers = ((properties.UserPoolConfigs ?? []) as UserPoolTriggerConfig[]).map((config) => config.Trigger).join(', ');
  return new LocalStackTemplateError(
    `${logicalId} (Custom::CognitoUserPool): the ${triggers} trigger of function ${properties.FunctionName} (cognitoUserPool, existing: true) ` +
      `is attached to the pool named "${properties.UserPoolName}", which is not a pool of this stack. Declare the pool that stands in for it ` +
      `locally under custom.localStack.resources, with UserPoolName: ${properties.UserPoolName} (README, "A pool from another stack").`,
  );
}
