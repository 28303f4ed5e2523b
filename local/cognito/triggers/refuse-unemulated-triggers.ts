import type { Wrapper } from '../cognito-local.ts';
import { notEmulated } from '../cognito-answers.ts';
import { NOT_EMULATED_TRIGGERS } from './lambda-config.ts';

/**
 * CreateUserPool and UpdateUserPool refuse a LambdaConfig with a trigger the emulator does not
 * run, by name, rather than keep a pool whose trigger would silently never run.
 */
export const refuseUnemulatedTriggers = (): Wrapper => (route) => async (ctx, req) => {
  const config: Record<string, unknown> = req?.LambdaConfig ?? {};
  const unemulated = NOT_EMULATED_TRIGGERS.filter((trigger) => config[trigger] !== undefined && config[trigger] !== null);
  if (unemulated.length > 0) {
    throw notEmulated(
      `the local Cognito emulator does not run ${unemulated.join(', ')} triggers yet (it runs PreSignUp, PostConfirmation, PreAuthentication, PostAuthentication, PreTokenGeneration, CustomMessage, UserMigration and the custom authentication trio DefineAuthChallenge, CreateAuthChallenge and VerifyAuthChallengeResponse).`,
    );
  }
  return route(ctx, req);
};
