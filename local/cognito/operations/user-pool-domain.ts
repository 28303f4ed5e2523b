import type {
  CreateUserPoolDomainCommandInput,
  CreateUserPoolDomainCommandOutput,
  DeleteUserPoolDomainCommandInput,
  DeleteUserPoolDomainCommandOutput,
  DescribeUserPoolDomainCommandInput,
  DescribeUserPoolDomainCommandOutput,
  UpdateUserPoolDomainCommandInput,
  UpdateUserPoolDomainCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { createHash } from 'node:crypto';
import { domainTaken, invalidDomainPrefix, noSuchDomain, poolHasDomain, reservedWordInDomain } from '../cognito-answers.ts';
import type { PoolDomainRecord } from '../pool-oauth-store.ts';
import type { OAuthDeps } from './oauth-deps.ts';
import type { Operation } from './operation-deps.ts';

// A pool's domain: a prefix (`auth-team` → auth-team.auth.<region>.amazoncognito.com) or a custom
// domain with its certificate. Locally every domain is served at the one managed-login origin (README).
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-add-custom-domain.html

/** API_CreateUserPoolDomain.html's pattern for a prefix. */
const PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** A custom domain: a host name of labels of that shape. */
const CUSTOM_DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
/** https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain-prefix.html: "can't contain aws, amazon, or cognito". */
const RESERVED_WORDS = ['aws', 'amazon', 'cognito'];
/** The account every local resource is in (as local-stage.ts's LOCAL_ACCOUNT_ID). */
const LOCAL_ACCOUNT_ID = '000000000000';

/**
 * CreateUserPoolDomain: the domain's shape (a prefix in its pattern, without a reserved word; a
 * custom domain a host name), the pool (ResourceNotFoundException), one domain per pool, a domain
 * no other pool has; then stored, with ManagedLoginVersion 1 (the classic hosted UI) unless given.
 * A custom domain's answer is its CloudFront name; a prefix's has none.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolDomain.html
 */
export const createUserPoolDomain: Operation<CreateUserPoolDomainCommandInput, CreateUserPoolDomainCommandOutput, OAuthDeps> = async (
  deps,
  ctx,
  { Domain = '', UserPoolId = '', CustomDomainConfig, ManagedLoginVersion },
) => {
  checkDomain(Domain, CustomDomainConfig !== undefined);
  await deps.cognito.getUserPool(ctx, UserPoolId);
  if ((await deps.oauth.domainOf(ctx, UserPoolId)) !== undefined) throw poolHasDomain();
  if ((await deps.oauth.poolOfDomain(ctx, Domain)) !== undefined) throw domainTaken();
  const record: PoolDomainRecord = {
    Domain,
    ManagedLoginVersion: ManagedLoginVersion ?? 1,
    ...(CustomDomainConfig && { CustomDomainConfig }),
  };
  await deps.oauth.saveDomain(ctx, UserPoolId, record);
  return domainAnswer(record);
};

/**
 * DescribeUserPoolDomain: the domain's description, Status ACTIVE (a local domain is ready at once);
 * a domain no pool has is an empty DomainDescription, not an error, as AWS answers it.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPoolDomain.html
 */
export const describeUserPoolDomain: Operation<
  DescribeUserPoolDomainCommandInput,
  DescribeUserPoolDomainCommandOutput,
  Pick<OAuthDeps, 'oauth'>
> = async (deps, ctx, { Domain = '' }) => {
  const found = await deps.oauth.poolOfDomain(ctx, Domain);
  if (!found) return { DomainDescription: {} };
  const { userPoolId, domain } = found;
  return {
    DomainDescription: {
      UserPoolId: userPoolId,
      AWSAccountId: LOCAL_ACCOUNT_ID,
      Domain: domain.Domain,
      ...(domain.CustomDomainConfig
        ? { CloudFrontDistribution: cloudFrontDomain(domain.Domain), CustomDomainConfig: domain.CustomDomainConfig }
        : { CloudFrontDistribution: cloudFrontDomain(userPoolId) }),
      Version: '20130630',
      Status: 'ACTIVE',
      ManagedLoginVersion: domain.ManagedLoginVersion ?? 1,
    },
  };
};

/**
 * UpdateUserPoolDomain: the pool's own domain (InvalidParameterException otherwise), its
 * ManagedLoginVersion and, for a custom domain, its certificate replaced by what the request gives.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolDomain.html
 */
export const updateUserPoolDomain: Operation<UpdateUserPoolDomainCommandInput, UpdateUserPoolDomainCommandOutput, OAuthDeps> = async (
  deps,
  ctx,
  { Domain = '', UserPoolId = '', CustomDomainConfig, ManagedLoginVersion },
) => {
  await deps.cognito.getUserPool(ctx, UserPoolId);
  const current = await deps.oauth.domainOf(ctx, UserPoolId);
  if (current?.Domain !== Domain) throw noSuchDomain();
  const record: PoolDomainRecord = {
    ...current,
    ...(ManagedLoginVersion !== undefined && { ManagedLoginVersion }),
    ...(current.CustomDomainConfig && CustomDomainConfig && { CustomDomainConfig }),
  };
  await deps.oauth.saveDomain(ctx, UserPoolId, record);
  return domainAnswer(record);
};

/**
 * DeleteUserPoolDomain: the pool's own domain, removed (its managed login with it).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserPoolDomain.html
 */
export const deleteUserPoolDomain: Operation<DeleteUserPoolDomainCommandInput, DeleteUserPoolDomainCommandOutput, OAuthDeps> = async (
  deps,
  ctx,
  { Domain = '', UserPoolId = '' },
) => {
  await deps.cognito.getUserPool(ctx, UserPoolId);
  if ((await deps.oauth.domainOf(ctx, UserPoolId))?.Domain !== Domain) throw noSuchDomain();
  await deps.oauth.saveDomain(ctx, UserPoolId, undefined);
  return {};
};

function checkDomain(domain: string, custom: boolean): void {
  if (custom) {
    if (!CUSTOM_DOMAIN.test(domain)) throw invalidDomainPrefix();
    return;
  }
  if (!PREFIX.test(domain)) throw invalidDomainPrefix();
  const reserved = RESERVED_WORDS.find((word) => domain.includes(word));
  if (reserved !== undefined) throw reservedWordInDomain(reserved);
}

function domainAnswer(record: PoolDomainRecord): Omit<CreateUserPoolDomainCommandOutput, '$metadata'> {
  return {
    ManagedLoginVersion: record.ManagedLoginVersion ?? 1,
    ...(record.CustomDomainConfig && { CloudFrontDomain: cloudFrontDomain(record.Domain) }),
  };
}

/** A CloudFront host name, stable for `seed`, shaped as AWS's (`d` and 13 lowercase letters and digits). */
function cloudFrontDomain(seed: string): string {
  return `d${createHash('sha256').update(seed).digest('hex').slice(0, 13)}.cloudfront.net`;
}
