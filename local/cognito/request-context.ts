import type { AppClient, CognitoService, Context, LogService } from './cognito-local.ts';

/**
 * The context of one Cognito API call: the operation and its input as the front door checked them,
 * what cognito-local's operations take (`logger`), and what the call has already looked up. The
 * front door makes one per call; every rule and the operation that answer it share it, so the pool
 * and app client are read and the access token verified once however many rules ask (before, one
 * sign-in read its client three times and decoded its access token with two JWT libraries). The
 * lookups are made when first asked for, not up front: each operation's rules keep Cognito's order
 * of errors (an unknown client is one operation's ResourceNotFoundException, another's
 * `Invalid Refresh Token`).
 */
/** What a call is: the operation, its checked input, and the region its SigV4 signature names (none when unsigned). */
export interface CallDescription {
  readonly operation: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly signedRegion?: string;
}

export class RequestContext implements Context {
  readonly #found = new Map<string, Promise<unknown>>();

  constructor(
    readonly logger: LogService,
    /** The operation called (`X-Amz-Target`'s name), its input, checked against the SDK's model, and the region it was signed for. */
    readonly call: CallDescription = { operation: '', input: {} },
  ) {}

  /** What `look` finds under `key`, looked up on the first ask only. */
  once<T>(key: string, look: () => Promise<T>): Promise<T> {
    const found = (this.#found.get(key) as Promise<T> | undefined) ?? look();
    this.#found.set(key, found);
    return found;
  }
}

/**
 * What `look` finds under `key` for the call `ctx` answers: once per call when `ctx` is the front
 * door's {@link RequestContext}; afresh for any other context (a unit test's, a seed's).
 */
export function lookedUpOnce<T>(ctx: Context, key: string, look: () => Promise<T>): Promise<T> {
  return ctx instanceof RequestContext ? ctx.once(key, look) : look();
}

/** The app client `clientId` names (null when there is none), read once per call. */
export function appClientOf(
  { cognito }: { readonly cognito: Pick<CognitoService, 'getAppClient'> },
  ctx: Context,
  clientId: string,
): Promise<AppClient | null> {
  return lookedUpOnce(ctx, `client:${clientId}`, () => cognito.getAppClient(ctx, clientId));
}
