import { CognitoError } from '../cognito-local.ts';

/**
 * Cognito's answers when a trigger does not give it what it needs (docs/aws-behaviour.md,
 * "Cognito Lambda triggers"). `trigger` is the LambdaConfig key (PreSignUp, CustomMessage…),
 * as Cognito names it in these messages.
 */

/** The function threw (Lambda answered `X-Amz-Function-Error: Unhandled`). */
export const userLambdaValidation = (trigger: string, errorMessage: string) =>
  new CognitoError('UserLambdaValidationException', `${trigger} failed with error ${errorMessage}.`);

/** The function answered something that is not the event with a usable `response`. */
export const invalidLambdaResponse = () => new CognitoError('InvalidLambdaResponseException', 'Unrecognizable lambda output');

/** The function did not answer within Cognito's 5 s. */
export const lambdaTimedOut = (trigger: string) =>
  new CognitoError('UnexpectedLambdaException', `${trigger} invocation failed due to error Socket timeout while invoking Lambda function.`);

/** Lambda refused the invocation (no such function): Cognito names the Lambda error. */
export const lambdaInvocationFailed = (trigger: string, error: string) =>
  new CognitoError('UnexpectedLambdaException', `${trigger} invocation failed due to error ${error}.`);

/** Nothing answers at LAMBDA_URL: the emulator's own failure, worded as Cognito's, with what to do. */
export const lambdaUnreachable = (trigger: string, functionName: string, lambdaUrl: string) =>
  new CognitoError(
    'UnexpectedLambdaException',
    `${trigger} invocation failed due to error the local API is not running: nothing answers at LAMBDA_URL=${lambdaUrl}, so function ${functionName} could not run. Start the whole stack with \`npm start\`.`,
  );
