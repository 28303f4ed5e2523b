import { randomInt } from 'node:crypto';
import type {
  CreateUserPoolCommandInput,
  CreateUserPoolCommandOutput,
  SchemaAttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import { customSchemaAttribute, refuseRequiredCustomAttributes, type CustomAttributeInput } from '../attributes/custom-attributes.ts';
import { type Context, USER_POOL_AWS_DEFAULTS, type UserPool } from '../cognito-local.ts';
import { regionOf } from '../signed-region.ts';
import { refuseDeviceTracking } from './devices.ts';
import { refuseUnemulatedTriggers } from '../triggers/refuse-unemulated-triggers.ts';
import { newUserPoolId } from '../user-pool-ids.ts';
import type { OperationDeps } from './operation-deps.ts';

/** The account id the emulator's ARNs carry, as the local CloudFormation's. */
const LOCAL_ACCOUNT_ID = '000000000000';

/**
 * CreateUserPool, with Cognito's ids: `<region>_<9 letters and digits>` and the ARN
 * `arn:aws:cognito-idp:<region>:<account>:userpool/<id>`, the region being the one the request was
 * signed for, as Cognito's regional endpoint answers (regionOf; the local stage signs for the
 * provider's region). Its rules first: no required custom attribute, no trigger or device
 * tracking the emulator cannot run. The pool is stored once, over Cognito's defaults
 * (cognito-local's `cognito.createUserPool` lays it over them).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html
 */
export async function createUserPool(
  deps: Pick<OperationDeps, 'cognito' | 'clock'>,
  ctx: Context,
  input: CreateUserPoolCommandInput,
  pick: (size: number) => number = randomInt,
): Promise<Omit<CreateUserPoolCommandOutput, '$metadata'>> {
  refuseRequiredCustomAttributes((input.Schema ?? []) as CustomAttributeInput[]);
  refuseUnemulatedTriggers(input.LambdaConfig);
  refuseDeviceTracking(input.DeviceConfiguration);

  const region = regionOf(ctx);
  const taken = new Set((await deps.cognito.listUserPools(ctx)).map((pool) => pool.Id));
  let id = newUserPoolId(region, pick);
  while (taken.has(id)) id = newUserPoolId(region, pick);
  const now = deps.clock.get();
  const pool: UserPool = {
    Id: id,
    Arn: `arn:aws:cognito-idp:${region}:${LOCAL_ACCOUNT_ID}:userpool/${id}`,
    Name: input.PoolName,
    CreationDate: now,
    LastModifiedDate: now,
    SchemaAttributes: schemaAttributes(input.Schema ?? []),
    ...(settingsOf(input) as Partial<UserPool>),
  };
  return { UserPool: (await deps.cognito.createUserPool(ctx, pool)) as NonNullable<CreateUserPoolCommandOutput['UserPool']> };
}

/** The settings CreateUserPool keeps from its request, as they are given. */
function settingsOf(input: CreateUserPoolCommandInput) {
  const { AccountRecoverySetting, AdminCreateUserConfig, AliasAttributes, AutoVerifiedAttributes, DeviceConfiguration } = input;
  const { EmailConfiguration, EmailVerificationMessage, EmailVerificationSubject, LambdaConfig, MfaConfiguration, Policies } = input;
  const { SmsAuthenticationMessage, SmsConfiguration, SmsVerificationMessage, UserAttributeUpdateSettings, UserPoolAddOns } = input;
  const { UserPoolTags, UsernameAttributes, UsernameConfiguration, VerificationMessageTemplate } = input;
  return {
    ...{ AccountRecoverySetting, AdminCreateUserConfig, AliasAttributes, AutoVerifiedAttributes, DeviceConfiguration },
    ...{ EmailConfiguration, EmailVerificationMessage, EmailVerificationSubject, LambdaConfig, MfaConfiguration, Policies },
    ...{ SmsAuthenticationMessage, SmsConfiguration, SmsVerificationMessage, UserAttributeUpdateSettings, UserPoolAddOns },
    ...{ UserPoolTags, UsernameAttributes, UsernameConfiguration, VerificationMessageTemplate },
  };
}

/**
 * The pool's schema: Cognito's standard attributes, each changed by what the request's Schema
 * says of it, then the request's custom attributes as Cognito stores them (`custom:<name>`).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SchemaAttributeType.html
 */
function schemaAttributes(schema: readonly SchemaAttributeType[]): UserPool['SchemaAttributes'] {
  const standard = USER_POOL_AWS_DEFAULTS.SchemaAttributes ?? [];
  const given = new Map(schema.map((attribute) => [attribute.Name, attribute]));
  const custom = schema.filter((attribute) => !standard.some((known) => known.Name === attribute.Name));
  return [
    ...standard.map((attribute) => ({ ...attribute, ...given.get(attribute.Name) })),
    ...custom.map((attribute) => customSchemaAttribute(attribute as CustomAttributeInput)),
  ] as UserPool['SchemaAttributes'];
}
