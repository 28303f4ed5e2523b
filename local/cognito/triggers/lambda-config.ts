import type { UserPool } from '../cognito-local.ts';

export type LambdaConfig = NonNullable<UserPool['LambdaConfig']>;

/** The triggers the emulator runs, by their LambdaConfig key. */
export type EmulatedTrigger =
  | 'PreSignUp'
  | 'PostConfirmation'
  | 'PreAuthentication'
  | 'PostAuthentication'
  | 'PreTokenGeneration'
  | 'CustomMessage'
  | 'UserMigration'
  | 'DefineAuthChallenge'
  | 'CreateAuthChallenge'
  | 'VerifyAuthChallengeResponse';

/**
 * LambdaConfig keys the emulator does not run yet: a pool that sets one is refused, by name.
 * InboundFederation (user-pool-lambda-inbound-federation.html) would change what the stand-in
 * identity providers' sign-ins map (managed-login/federation/): refused rather than skipped.
 */
export const NOT_EMULATED_TRIGGERS = ['CustomSMSSender', 'CustomEmailSender', 'InboundFederation'] as const;

/**
 * The pool tag naming where its functions' Lambda Invoke API answers: the local stage that
 * deployed the pool tags it (local/cloudformation/cognito-provisioners.ts), so that two stacks
 * sharing one emulator (a variant API beside `npm start`) each run their own functions.
 * Without it, the emulator's LAMBDA_URL.
 */
export const LAMBDA_URL_TAG = 'local:lambda-url';

/** The function a trigger runs, as the Invoke API names it, and the region of its ARN. */
export interface TriggerFunction {
  readonly name: string;
  readonly region: string;
}

/**
 * The function `trigger` runs in a pool with `config`, if any. PreTokenGeneration is
 * `PreTokenGenerationConfig.LambdaArn` when given (it wins over the older `PreTokenGeneration`,
 * which is V1_0), as Cognito reads them.
 */
export function triggerFunction(config: LambdaConfig | undefined, trigger: EmulatedTrigger): TriggerFunction | undefined {
  const arn =
    trigger === 'PreTokenGeneration' ? (config?.PreTokenGenerationConfig?.LambdaArn ?? config?.PreTokenGeneration) : config?.[trigger];
  return arn ? functionOfArn(arn) : undefined;
}

/**
 * The event version a pool's PreTokenGeneration trigger gets: V1_0 unless PreTokenGenerationConfig
 * says V2_0 or V3_0 (V3_0 is V2_0's event, also sent for client credentials grants).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
 */
export const preTokenGenerationVersion = (config: LambdaConfig | undefined): 'V1_0' | 'V2_0' | 'V3_0' => {
  const version = config?.PreTokenGenerationConfig?.LambdaArn ? config.PreTokenGenerationConfig.LambdaVersion : undefined;
  return version === 'V2_0' || version === 'V3_0' ? version : 'V1_0';
};

/** `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`, or a bare function name. */
export function functionOfArn(arn: string): TriggerFunction {
  const parts = arn.split(':');
  if (parts[0] === 'arn' && parts[5] === 'function' && parts[6]) return { name: parts[6], region: parts[3] || 'us-east-1' };
  return { name: parts.at(-1)!, region: 'us-east-1' };
}
