import type { DeleteUserPoolCommandInput, DescribeUserPoolCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Route } from '../cognito-local.ts';
import type { PoolOAuthStore } from '../pool-oauth-store.ts';

/**
 * cognito-local's DescribeUserPool, with the pool's domain as Cognito shows it: `Domain` for a
 * prefix, `CustomDomain` for a custom domain.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolType.html
 */
export const describeUserPoolWithDomain =
  (oauth: Pick<PoolOAuthStore, 'domainOf'>, guest: Route): Route =>
  async (ctx, req) => {
    const answer = (await guest(ctx, req)) as DescribeUserPoolCommandOutput;
    const pool = answer.UserPool;
    if (!pool?.Id) return answer;
    const domain = await oauth.domainOf(ctx, pool.Id);
    if (!domain) return answer;
    const shown = domain.CustomDomainConfig ? { CustomDomain: domain.Domain } : { Domain: domain.Domain };
    return { ...answer, UserPool: { ...pool, ...shown } };
  };

/** cognito-local's DeleteUserPool, the pool's domain, resource servers and identity providers going with it. */
export const deleteUserPoolWithOAuth =
  (oauth: Pick<PoolOAuthStore, 'forgetPool'>, guest: Route): Route =>
  async (ctx, req) => {
    const answer = await guest(ctx, req);
    await oauth.forgetPool(ctx, (req as DeleteUserPoolCommandInput).UserPoolId ?? '');
    return answer;
  };
