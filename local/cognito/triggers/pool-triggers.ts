import { attributesToRecord, type Context, type Triggers, UnsupportedError, type User, type UserPool } from '../cognito-local.ts';
import { type LambdaInvokeOptions, invokeLambda } from './lambda-invoke.ts';
import { type EmulatedTrigger, LAMBDA_URL_TAG, triggerFunction } from './lambda-config.ts';
import { autoVerifyWithoutAttribute, invalidLambdaResponse } from '../cognito-answers.ts';
import { NO_POOLS, type PoolsInView } from './pools-in-view.ts';
import { type CustomMessage, customMessageOf } from './custom-message.ts';

/** What Cognito puts in `callerContext.clientId` when no app client is involved (admin operations). */
export const NO_CLIENT = 'CLIENT_ID_NOT_APPLICABLE';

/** Who a trigger's event is about: the common parameters of every user pool trigger event. */
export interface TriggerSubject {
  readonly userPoolId: string;
  readonly clientId: string | null | undefined;
  readonly username: string;
}

type Params<T extends keyof Triggers> = Parameters<Triggers[T]>[1];
/** What PreSignUp answers: whether to confirm the user and verify their email or phone at once. */
export type SignUpFlags = Awaited<ReturnType<Triggers['preSignUp']>>;
type Json = Record<string, unknown>;
type AttributeListType = User['Attributes'];

/**
 * The pools' triggers, each run with its pool's own LambdaConfig, through Lambda's Invoke API,
 * with the events, answers and errors Cognito documents (docs/aws-behaviour.md, "Cognito Lambda
 * triggers"). Unlike cognito-local's, a failing PostConfirmation or CustomMessage fails the
 * operation, as on AWS. Each run finds its pool by the id its event names (PoolsInView), or is
 * handed it; cognito-local's operations ask `enabled(trigger)`, which names no pool, so its trigger
 * methods do nothing for a pool without that trigger.
 */
export class PoolTriggers implements Triggers {
  constructor(
    private readonly options: LambdaInvokeOptions,
    private readonly invoke: typeof invokeLambda = invokeLambda,
    private readonly pools: PoolsInView = NO_POOLS,
  ) {}

  /** The pool `userPoolId` names, as it is now (its LambdaConfig, its tags). */
  poolOf(userPoolId: string): UserPool | undefined {
    return this.pools.poolOf(userPoolId);
  }

  /** Whether `pool` has `trigger`. */
  has(pool: UserPool | undefined, trigger: EmulatedTrigger): boolean {
    const config = pool?.LambdaConfig;
    return config !== undefined && triggerFunction(config, trigger) !== undefined;
  }

  /**
   * Whether some pool has `trigger`: cognito-local's question, which names no pool, and a cheap
   * first check before an operation looks its pool up (has).
   */
  enabled(trigger: string): boolean {
    return this.pools.anyHas(trigger as EmulatedTrigger);
  }

  /**
   * Runs `trigger` for `subject` and gives back its `response` (an object; null reads as `{}`).
   * `version` is the event's: "1", or "2" / "3" for PreTokenGeneration V2_0 / V3_0. `pool`: the subject's pool
   * unless named.
   */
  async run(
    trigger: EmulatedTrigger,
    triggerSource: string,
    subject: TriggerSubject,
    request: Json,
    response: Json,
    version = '1',
    pool: UserPool | undefined = this.poolOf(subject.userPoolId),
  ): Promise<Json> {
    const fn = triggerFunction(pool?.LambdaConfig, trigger);
    if (!fn) throw new Error(`${trigger} is not configured for pool ${pool?.Id ?? '(unknown)'}`);
    const lambdaUrl = pool?.UserPoolTags?.[LAMBDA_URL_TAG] ?? this.options.lambdaUrl;
    const event = {
      version,
      triggerSource,
      region: fn.region,
      userPoolId: subject.userPoolId,
      userName: subject.username,
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: subject.clientId ?? NO_CLIENT },
      request,
      response,
    };
    const answer = (await this.invoke(trigger, fn.name, event, { ...this.options, lambdaUrl })).response;
    if (answer === null || answer === undefined) return {};
    if (typeof answer !== 'object' || Array.isArray(answer)) throw invalidLambdaResponse();
    return answer as Json;
  }

  /** PreSignUp for `pool`'s sign-up: the flags its answer sets, checked as Cognito checks them. */
  async runPreSignUp(pool: UserPool | undefined, params: Params<'preSignUp'>): Promise<SignUpFlags> {
    const { clientMetadata, source, userAttributes, validationData } = params;
    const response = await this.run(
      'PreSignUp',
      source,
      params,
      { userAttributes: attributesToRecord(userAttributes), validationData: validationData ?? null, clientMetadata: clientMetadata ?? {} },
      { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
      '1',
      pool,
    );
    const flags = {
      autoConfirmUser: flag(response.autoConfirmUser),
      autoVerifyEmail: flag(response.autoVerifyEmail),
      autoVerifyPhone: flag(response.autoVerifyPhone),
    };
    // "If autoVerifyEmail is set to true, the email attribute must have a valid, non-null value" (pre sign-up trigger page).
    if (flags.autoVerifyEmail && !hasValue(userAttributes, 'email')) throw autoVerifyWithoutAttribute('autoVerifyEmail', 'email');
    if (flags.autoVerifyPhone && !hasValue(userAttributes, 'phone_number')) {
      throw autoVerifyWithoutAttribute('autoVerifyPhone', 'phone_number');
    }
    return flags;
  }

  /** cognito-local's PreSignUp: none for a pool without one. */
  readonly preSignUp = async (_ctx: Context, params: Params<'preSignUp'>): Promise<SignUpFlags> => {
    const pool = this.poolOf(params.userPoolId);
    if (!this.has(pool, 'PreSignUp')) return { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false };
    return this.runPreSignUp(pool, params);
  };

  /** PostConfirmation for a user of `pool` just confirmed, with their attributes as they now are. */
  async runPostConfirmation(pool: UserPool | undefined, params: Params<'postConfirmation'>): Promise<void> {
    await this.run(
      'PostConfirmation',
      params.source,
      params,
      { userAttributes: withStatus(params.userAttributes, 'CONFIRMED'), clientMetadata: params.clientMetadata ?? {} },
      {},
      '1',
      pool,
    );
  }

  /**
   * cognito-local's PostConfirmation, which its Triggers interface asks for: none for a pool without one. None of
   * its routes still called runs it (SignUp, ConfirmSignUp, ConfirmForgotPassword, AdminConfirmSignUp are ours).
   */
  readonly postConfirmation = async (_ctx: Context, params: Params<'postConfirmation'>): Promise<void> => {
    const pool = this.poolOf(params.userPoolId);
    if (this.has(pool, 'PostConfirmation')) await this.runPostConfirmation(pool, params);
  };

  /** PreAuthentication_Authentication, before Cognito checks the password; throwing denies the sign-in. */
  async preAuthentication(
    subject: TriggerSubject,
    userAttributes: AttributeListType,
    status: string,
    clientMetadata?: Record<string, string>,
  ) {
    await this.run(
      'PreAuthentication',
      'PreAuthentication_Authentication',
      subject,
      { userAttributes: withStatus(userAttributes, status), validationData: null, clientMetadata: clientMetadata ?? {} },
      {},
    );
  }

  /** PostAuthentication at the end of a sign-in: none for a pool without one. */
  readonly postAuthentication = async (_ctx: Context, params: Params<'postAuthentication'>): Promise<void> => {
    if (!this.has(this.poolOf(params.userPoolId), 'PostAuthentication')) return;
    await this.run(
      'PostAuthentication',
      params.source,
      params,
      { userAttributes: withStatus(params.userAttributes, 'CONFIRMED'), newDeviceUsed: false, clientMetadata: params.clientMetadata ?? {} },
      {},
    );
  };

  /** The message Cognito sends, as the pool's CustomMessage trigger writes it (custom-message.ts); `pool`: the one the params name unless given. */
  async message(
    params: Params<'customMessage'>,
    status: string,
    pool: UserPool | undefined = this.poolOf(params.userPoolId),
  ): Promise<CustomMessage> {
    return customMessageOf(params, (request, response) =>
      this.run(
        'CustomMessage',
        params.source,
        params,
        { ...request, userAttributes: withStatus(params.userAttributes, status) },
        response,
        '1',
        pool,
      ),
    );
  }

  /** cognito-local's CustomMessage: the default message (nulls) for a pool without one. */
  readonly customMessage = async (_ctx: Context, params: Params<'customMessage'>) => {
    if (!this.has(this.poolOf(params.userPoolId), 'CustomMessage')) return { emailSubject: null, emailMessage: null, smsMessage: null };
    const { emailSubject, emailMessage, smsMessage } = await this.message(params, 'CONFIRMED');
    return { emailSubject: emailSubject ?? null, emailMessage: emailMessage ?? null, smsMessage: smsMessage ?? null };
  };

  readonly preTokenGeneration = (): never => {
    throw new Error('PreTokenGeneration runs in CognitoTokenGenerator (token-claims.ts), not through cognito-local');
  };

  readonly userMigration = (): never => {
    throw new Error('UserMigration runs before cognito-local is asked (user-migration-targets.ts), not through it');
  };

  readonly customEmailSender = (): never => {
    throw new UnsupportedError('CustomEmailSender trigger');
  };
}

/** A response flag: absent or null is false; anything but a boolean is not Cognito's answer. */
function flag(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw invalidLambdaResponse();
  return value;
}

const hasValue = (attributes: AttributeListType, name: string) => attributes.some((a) => a.Name === name && a.Value);

/** The user's attributes as trigger events carry them, with `cognito:user_status`. */
const withStatus = (attributes: AttributeListType, status: string) => ({
  ...attributesToRecord(attributes),
  'cognito:user_status': status,
});
