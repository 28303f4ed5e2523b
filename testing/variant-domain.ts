import { createHash } from 'node:crypto';

/**
 * Gives a variant of serverless.yml that makes a pool of its own a domain of its own too, named
 * after the pool (`pool-<hash of its UserPoolName>`), so that a later variant adopting that pool
 * (same name, or the same data folder) finds its domain unchanged: a pool has one domain, and a
 * changed prefix would replace it, which Cognito refuses while the pool has the old one.
 *
 * The starter's domain prefix is its stack name and account (`hello-auth-local-000000000000`),
 * unique on AWS, where one account cannot hold two stacks of one name. Variants share the e2e
 * stack's emulator under the same stack name: one that renames the starter's pool (ownPool, a
 * team's UserPoolName) makes a second pool, to which Cognito would refuse the first pool's domain
 * ("Domain already associated with another user pool."), as it would another account's. Such a
 * variant stands for another team's stack, which has a prefix of its own; one that keeps the
 * pool's name adopts the e2e pool and its domain, and is left as it is, as is a domain the edit set.
 */
export function ownDomainForOwnPool(original: Record<string, any>, edited: Record<string, any>): void {
  const before = original.resources?.Resources ?? {};
  const after = edited.resources?.Resources ?? {};
  const domain = after.CognitoUserPoolDomain?.Properties;
  if (!domain || JSON.stringify(domain.Domain) !== JSON.stringify(before.CognitoUserPoolDomain?.Properties?.Domain)) return;
  const samePool =
    JSON.stringify(domain.UserPoolId) === JSON.stringify(before.CognitoUserPoolDomain?.Properties?.UserPoolId) &&
    after.CognitoUserPool?.Properties?.UserPoolName === before.CognitoUserPool?.Properties?.UserPoolName;
  if (samePool) return;
  // The pool the domain names (a team may have renamed its logical id), by logical id and name:
  // a pool without UserPoolName is named by CloudFormation, its logical id tells it apart.
  const logicalId = typeof domain.UserPoolId === 'object' && domain.UserPoolId !== null ? String(domain.UserPoolId.Ref) : 'CognitoUserPool';
  const pool = JSON.stringify([logicalId, after[logicalId]?.Properties?.UserPoolName ?? null]);
  domain.Domain = `pool-${createHash('sha256').update(pool).digest('hex').slice(0, 16)}`;
}
