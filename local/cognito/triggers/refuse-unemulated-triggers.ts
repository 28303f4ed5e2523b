import { notEmulated } from '../cognito-answers.ts';
import { NOT_EMULATED_TRIGGERS } from './lambda-config.ts';

/**
 * CreateUserPool and UpdateUserPool refuse a LambdaConfig with a trigger the emulator does not
 * run, by name, rather than keep a pool whose trigger would silently never run.
 */
export function refuseUnemulatedTriggers(config: object | undefined): void {
  const set = (config ?? {}) as Record<string, unknown>;
  const unemulated = NOT_EMULATED_TRIGGERS.filter((trigger) => set[trigger] !== undefined && set[trigger] !== null);
  if (unemulated.length > 0) {
    throw notEmulated(
      `the local Cognito emulator does not run ${unemulated.join(', ')} triggers yet (it runs PreSignUp, PostConfirmation, PreAuthentication, PostAuthentication, PreTokenGeneration, CustomMessage, UserMigration and the custom authentication trio DefineAuthChallenge, CreateAuthChallenge and VerifyAuthChallengeResponse).`,
    );
  }
}
