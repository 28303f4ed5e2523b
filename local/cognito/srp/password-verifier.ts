import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { User } from '../cognito-local.ts';
import {
  isValidClientEphemeral,
  passwordAuthenticationKey,
  passwordClaimSignature,
  passwordVerifier,
  serverEphemeral,
  srpPoolName,
  type ServerEphemeral,
} from './cognito-srp.ts';
import { invalidSrpA } from '../cognito-answers.ts';

/** The server side of a PASSWORD_VERIFIER challenge, kept until the client answers it. */
export interface SrpVerifierState {
  readonly userPoolId: string;
  readonly userId: string;
  readonly A: bigint;
  readonly ephemeral: ServerEphemeral;
  readonly verifier: bigint;
  readonly secretBlock: string;
}

// The PASSWORD_VERIFIER challenge, as USER_SRP_AUTH (sign-in/first-factor.ts) and a custom sign-in that
// begins with SRP_A (triggers/custom-auth.ts) both pose and check it.

/** The client's SRP_A; one that is not a valid ephemeral is refused as Cognito refuses it. */
export function clientEphemeral(srpA: string): bigint {
  const A = /^[0-9a-fA-F]+$/.test(srpA) ? BigInt(`0x${srpA}`) : 0n;
  if (!isValidClientEphemeral(A)) throw invalidSrpA();
  return A;
}

/**
 * The PASSWORD_VERIFIER challenge for `user`'s password: the parameters the client answers with,
 * and what the server keeps until it does.
 */
export function passwordVerifierChallenge(userPoolId: string, user: User, A: bigint) {
  const salt = randomBytes(16).toString('hex');
  const verifier = passwordVerifier(srpPoolName(userPoolId), user.Username, user.Password, salt);
  const ephemeral = serverEphemeral(verifier);
  const secretBlock = randomBytes(64).toString('base64');
  const state: SrpVerifierState = { userPoolId, userId: user.Username, A, ephemeral, verifier, secretBlock };
  const challengeParameters = {
    SALT: salt,
    SECRET_BLOCK: secretBlock,
    SRP_B: ephemeral.B.toString(16),
    USERNAME: user.Username,
    USER_ID_FOR_SRP: user.Username,
  };
  return { state, challengeParameters };
}

/** Whether the client's PASSWORD_VERIFIER answer proves it knows the password. */
export function passwordClaimHolds(state: SrpVerifierState, responses: Readonly<Record<string, string>>): boolean {
  if (responses.PASSWORD_CLAIM_SECRET_BLOCK !== state.secretBlock) return false;
  const key = passwordAuthenticationKey(state.A, state.ephemeral, state.verifier);
  const poolName = srpPoolName(state.userPoolId);
  const expected = Buffer.from(passwordClaimSignature(key, poolName, state.userId, state.secretBlock, responses.TIMESTAMP ?? ''), 'base64');
  const claimed = Buffer.from(responses.PASSWORD_CLAIM_SIGNATURE ?? '', 'base64');
  return claimed.length === expected.length && timingSafeEqual(claimed, expected);
}
