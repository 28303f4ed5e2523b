import type { ChallengeResult } from './custom-auth-session.ts';
import type { PoolTriggers, TriggerSubject } from '../triggers/pool-triggers.ts';
import { invalidLambdaResponse } from '../cognito-answers.ts';

/**
 * The custom authentication triggers' events and answers, as Cognito documents them
 * (docs/aws-behaviour.md, "Cognito custom authentication"):
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-challenge.html
 */

/** What all three events carry about the sign-in. */
export interface ChallengeContext {
  readonly subject: TriggerSubject;
  /** The user's attributes with `cognito:user_status`; `{}` when `userNotFound`. */
  readonly userAttributes: Record<string, string>;
  readonly clientMetadata: Record<string, string>;
  readonly userNotFound: boolean;
}

/** DefineAuthChallenge's decision. */
export interface ChallengeDecision {
  readonly challengeName?: string;
  readonly issueTokens: boolean;
  readonly failAuthentication: boolean;
}

/** CreateAuthChallenge's challenge. */
export interface CreatedChallenge {
  readonly publicChallengeParameters: Record<string, string>;
  readonly privateChallengeParameters: Record<string, string>;
  readonly challengeMetadata?: string;
}

const common = ({ userAttributes, clientMetadata, userNotFound }: ChallengeContext) => ({ userAttributes, clientMetadata, userNotFound });

export async function defineAuthChallenge(
  triggers: Pick<PoolTriggers, 'run'>,
  context: ChallengeContext,
  session: readonly ChallengeResult[],
): Promise<ChallengeDecision> {
  const { userAttributes, clientMetadata, userNotFound } = common(context);
  const response = await triggers.run(
    'DefineAuthChallenge',
    'DefineAuthChallenge_Authentication',
    context.subject,
    { userAttributes, session, clientMetadata, userNotFound },
    { challengeName: null, issueTokens: null, failAuthentication: null },
  );
  return {
    challengeName: optionalString(response.challengeName),
    issueTokens: flag(response.issueTokens),
    failAuthentication: flag(response.failAuthentication),
  };
}

export async function createAuthChallenge(
  triggers: Pick<PoolTriggers, 'run'>,
  context: ChallengeContext,
  challengeName: string,
  session: readonly ChallengeResult[],
): Promise<CreatedChallenge> {
  const { userAttributes, clientMetadata, userNotFound } = common(context);
  const response = await triggers.run(
    'CreateAuthChallenge',
    'CreateAuthChallenge_Authentication',
    context.subject,
    { userAttributes, challengeName, session, clientMetadata, userNotFound },
    { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
  );
  return {
    publicChallengeParameters: stringMap(response.publicChallengeParameters),
    privateChallengeParameters: stringMap(response.privateChallengeParameters),
    challengeMetadata: optionalString(response.challengeMetadata),
  };
}

/** VerifyAuthChallengeResponse's verdict on `challengeAnswer`. */
export async function verifyAuthChallengeResponse(
  triggers: Pick<PoolTriggers, 'run'>,
  context: ChallengeContext,
  privateChallengeParameters: Record<string, string>,
  challengeAnswer: string,
): Promise<boolean> {
  const { userAttributes, clientMetadata, userNotFound } = common(context);
  const response = await triggers.run(
    'VerifyAuthChallengeResponse',
    'VerifyAuthChallengeResponse_Authentication',
    context.subject,
    { userAttributes, privateChallengeParameters, challengeAnswer, clientMetadata, userNotFound },
    { answerCorrect: null },
  );
  return flag(response.answerCorrect);
}

/** A boolean answer: absent or null is false; anything but a boolean is not Cognito's answer. */
function flag(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw invalidLambdaResponse();
  return value;
}

function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalidLambdaResponse();
  return value;
}

/** The challenge parameters: Cognito's type is a map of strings (null reads as none). */
function stringMap(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidLambdaResponse();
  const entries = Object.entries(value);
  if (entries.some(([, v]) => typeof v !== 'string')) throw invalidLambdaResponse();
  return Object.fromEntries(entries) as Record<string, string>;
}
