import type { Context } from './cognito-local.ts';
import { RequestContext } from './request-context.ts';
import { DEFAULT_REGION, isAwsRegion } from './user-pool-ids.ts';

/**
 * The region Cognito's regional endpoint would answer the call `ctx` runs from: the one it was
 * signed for (the front door reads it off the SigV4 `Authorization` header); DEFAULT_REGION for an
 * unsigned request, one signed for a name that is no AWS region (`local`), or a call that did not
 * come through the front door (a seed's, a unit test's).
 */
export function regionOf(ctx: Context): string {
  const signed = ctx instanceof RequestContext ? ctx.call.signedRegion : undefined;
  return signed !== undefined && isAwsRegion(signed) ? signed : DEFAULT_REGION;
}
