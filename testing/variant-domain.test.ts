import { describe, expect, it } from 'vitest';
import { ownDomainForOwnPool } from './variant-domain.ts';

const starter = () => ({
  resources: {
    Resources: {
      CognitoUserPool: { Properties: { UserPoolName: '${self:service}-${sls:stage}-user-pool' } },
      CognitoUserPoolDomain: {
        Properties: {
          UserPoolId: { Ref: 'CognitoUserPool' } as unknown,
          Domain: { 'Fn::Join': ['-', [{ Ref: 'AWS::StackName' }, { Ref: 'AWS::AccountId' }]] },
        },
      },
    },
  },
});

describe("ownDomainForOwnPool: a variant's domain", () => {
  it("is a prefix of its own when the variant makes a pool of its own, the same for every variant of that pool's name", () => {
    const domainFor = (suffix: string) => {
      const edited = starter();
      edited.resources.Resources.CognitoUserPool.Properties.UserPoolName += suffix;
      ownDomainForOwnPool(starter(), edited);
      return edited.resources.Resources.CognitoUserPoolDomain.Properties.Domain as unknown as string;
    };
    expect(domainFor('-mfa')).toMatch(/^pool-[0-9a-f]{16}$/);
    expect(domainFor('-mfa')).toBe(domainFor('-mfa'));
    expect(domainFor('-mfa')).not.toBe(domainFor('-triggers'));
  });

  it("stays the starter's when the variant keeps its pool (it adopts the pool and its domain)", () => {
    const edited = starter();
    ownDomainForOwnPool(starter(), edited);
    expect(edited.resources.Resources.CognitoUserPoolDomain.Properties.Domain).toEqual(
      starter().resources.Resources.CognitoUserPoolDomain.Properties.Domain,
    );
  });

  it('stays as the edit set it', () => {
    const edited = starter();
    edited.resources.Resources.CognitoUserPool.Properties.UserPoolName = 'team';
    (edited.resources.Resources.CognitoUserPoolDomain.Properties as { Domain: unknown }).Domain = 'team-auth';
    ownDomainForOwnPool(starter(), edited);
    expect(edited.resources.Resources.CognitoUserPoolDomain.Properties.Domain).toBe('team-auth');
  });

  it('follows a pool renamed in the template: another logical id is another pool, another prefix', () => {
    const renamed = starter() as Record<string, any>;
    const resources = renamed.resources.Resources;
    resources.CognitoUserPool.Properties.UserPoolName = 'team';
    const kept = structuredClone(renamed);
    resources.AppUserPool = resources.CognitoUserPool;
    delete resources.CognitoUserPool;
    resources.CognitoUserPoolDomain.Properties.UserPoolId = { Ref: 'AppUserPool' };
    ownDomainForOwnPool(starter(), renamed);
    ownDomainForOwnPool(starter(), kept);
    expect(resources.CognitoUserPoolDomain.Properties.Domain).toMatch(/^pool-/);
    expect(resources.CognitoUserPoolDomain.Properties.Domain).not.toBe(kept.resources.Resources.CognitoUserPoolDomain.Properties.Domain);
  });
});
