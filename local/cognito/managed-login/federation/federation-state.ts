import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// The `state` Cognito sends a third-party provider is its own opaque value, which holds the
// authorize request until the provider sends the user back. The emulator's is sealed (AES-256-GCM)
// with a key made once per process: the browser carries it, cannot read or change it, and a
// restart of the emulator forgets the sign-ins under way (they start again from the app).

/** What a sign-in through a provider carries from the authorize request to the provider's answer. */
export interface FederationState {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly providerName: string;
  /** The authorize request's parameters (page-types.ts AUTHORIZE_PARAMETERS), urlencoded. */
  readonly parameters: string;
  /** When the authorize request sent the user to the provider (epoch ms). */
  readonly issuedAt: number;
}

/** How long the user may take at the provider: undocumented; an hour, as a session at a provider page would last ([U]). */
export const FEDERATION_STATE_LIFETIME_MS = 60 * 60_000;

const KEY = randomBytes(32);
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** `state`, sealed: a base64url string only {@link openState} reads. */
export function sealState(state: FederationState): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', KEY, iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(state), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The state `sealed` holds, or undefined when it was not sealed here, was changed, or is older than its lifetime at `now`. */
export function openState(sealed: string, now: number): FederationState | undefined {
  const bytes = Buffer.from(sealed, 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', KEY, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const text = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    const state = JSON.parse(text) as FederationState;
    return now - state.issuedAt <= FEDERATION_STATE_LIFETIME_MS && state.issuedAt <= now ? state : undefined;
  } catch {
    return undefined;
  }
}
