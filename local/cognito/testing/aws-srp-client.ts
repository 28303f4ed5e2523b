import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';

// The client side of Cognito's SRP from amazon-cognito-identity-js, AWS's own SRP client, so that
// the tests check our server against code nobody in this project wrote. Its typings leave out
// AuthenticationHelper and the jsbn BigInteger it computes with; these are the parts used here.
interface JsbnBigInteger {
  toString(radix: number): string;
}
interface AuthenticationHelper {
  getLargeAValue(callback: (error: unknown, A: JsbnBigInteger) => void): void;
  getPasswordAuthenticationKey(
    userId: string,
    password: string,
    B: JsbnBigInteger,
    salt: JsbnBigInteger,
    callback: (error: unknown, key: number[] | Uint8Array) => void,
  ): void;
}

const requireClient = createRequire(import.meta.url);
const JsbnBigInteger = requireClient('amazon-cognito-identity-js/lib/BigInteger.js').default as new (
  hex: string,
  radix: 16,
) => JsbnBigInteger;
const { AuthenticationHelper } = requireClient('amazon-cognito-identity-js') as {
  AuthenticationHelper: new (poolName: string) => AuthenticationHelper;
};

/** One sign-in's client side: the secret `a` behind A lives in it, so each sign-in starts its own. */
export interface SrpClient {
  /** The client's public value, sent as SRP_A. */
  readonly A: bigint;
  /** The key the client derives from the password and the server's B and salt (hex, as in SALT). */
  passwordAuthenticationKey(userId: string, password: string, B: bigint, salt: string): Promise<Buffer>;
  /** The ChallengeResponses a client sends to a PASSWORD_VERIFIER challenge, signed at `timestamp`. */
  passwordVerifierResponses(challenge: Record<string, string>, password: string, timestamp: string): Promise<Record<string, string>>;
}

/** Starts the client side of a USER_SRP_AUTH sign-in to the pool named `poolName` (the id after its region). */
export async function startSrpClient(poolName: string): Promise<SrpClient> {
  const helper = new AuthenticationHelper(poolName);
  const A = await new Promise<JsbnBigInteger>((resolve, reject) =>
    helper.getLargeAValue((error, value) => (error ? reject(error) : resolve(value))),
  );
  const passwordAuthenticationKey = (userId: string, password: string, B: bigint, salt: string) =>
    new Promise<Buffer>((resolve, reject) =>
      helper.getPasswordAuthenticationKey(
        userId,
        password,
        new JsbnBigInteger(B.toString(16), 16),
        new JsbnBigInteger(salt, 16),
        (error, key) => (error ? reject(error) : resolve(Buffer.from(key))),
      ),
    );
  return {
    A: BigInt(`0x${A.toString(16)}`),
    passwordAuthenticationKey,
    // As CognitoUser.authenticateUserDefaultAuth answers it (amazon-cognito-identity-js/src/CognitoUser.js),
    // which computes the signature inline rather than exporting it.
    async passwordVerifierResponses(challenge, password, timestamp) {
      const userId = challenge.USER_ID_FOR_SRP!;
      const secretBlock = challenge.SECRET_BLOCK!;
      const key = await passwordAuthenticationKey(userId, password, BigInt(`0x${challenge.SRP_B!}`), challenge.SALT!);
      const message = Buffer.concat([
        Buffer.from(poolName, 'utf8'),
        Buffer.from(userId, 'utf8'),
        Buffer.from(secretBlock, 'base64'),
        Buffer.from(timestamp, 'utf8'),
      ]);
      return {
        USERNAME: userId,
        PASSWORD_CLAIM_SECRET_BLOCK: secretBlock,
        TIMESTAMP: timestamp,
        PASSWORD_CLAIM_SIGNATURE: createHmac('sha256', key).update(message).digest('base64'),
      };
    },
  };
}
