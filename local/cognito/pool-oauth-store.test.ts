import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFileError } from './json-file-store.ts';
import { POOL_OAUTH_FILE, PoolOAuthStore } from './pool-oauth-store.ts';
import { ctx } from './testing/fake-cognito.ts';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'pool-oauth-'));
const google = {
  UserPoolId: 'eu-west-1_Pool1',
  ProviderName: 'Google',
  ProviderType: 'Google' as const,
  ProviderDetails: { client_id: 'id', client_secret: 'secret', authorize_scopes: 'openid email' },
  CreationDate: new Date('2026-12-01T10:00:00Z'),
};
const api = {
  UserPoolId: 'eu-west-1_Pool1',
  Identifier: 'https://api',
  Name: 'api',
  Scopes: [{ ScopeName: 'read', ScopeDescription: 'Reads' }],
};

describe('PoolOAuthStore', () => {
  it('answers empty settings for a pool that has none', async () => {
    const store = new PoolOAuthStore(dataDir());
    expect(await store.settingsOf(ctx, 'eu-west-1_Pool1')).toEqual({ resourceServers: [], identityProviders: [] });
    expect(await store.domainOf(ctx, 'eu-west-1_Pool1')).toBeUndefined();
  });

  it("keeps each pool's domain, resource servers and identity providers across a restart", async () => {
    const dir = dataDir();
    const first = new PoolOAuthStore(dir);
    await first.saveDomain(ctx, 'eu-west-1_Pool1', { Domain: 'auth-team', ManagedLoginVersion: 2 });
    await first.saveResourceServers(ctx, 'eu-west-1_Pool1', [api]);
    await first.saveIdentityProviders(ctx, 'eu-west-1_Pool1', [google]);

    const again = new PoolOAuthStore(dir);
    await again.init();
    expect(await again.settingsOf(ctx, 'eu-west-1_Pool1')).toEqual({
      domain: 'auth-team',
      customDomain: false,
      managedLoginVersion: 2,
      resourceServers: [api],
      identityProviders: [google],
    });
    expect(await again.poolOfDomain(ctx, 'auth-team')).toEqual({
      userPoolId: 'eu-west-1_Pool1',
      domain: { Domain: 'auth-team', ManagedLoginVersion: 2 },
    });
    expect(await again.settingsOf(ctx, 'eu-west-1_Pool2')).toEqual({ resourceServers: [], identityProviders: [] });
    // Beside db/, never in it: cognito-local takes every db/*.json for a pool.
    expect(JSON.parse(readFileSync(path.join(dir, `${POOL_OAUTH_FILE}.json`), 'utf8')).Pools['eu-west-1_Pool1'].domain.Domain).toBe(
      'auth-team',
    );
  });

  it('says a custom domain is one', async () => {
    const store = new PoolOAuthStore(dataDir());
    await store.saveDomain(ctx, 'p', {
      Domain: 'auth.example.com',
      CustomDomainConfig: { CertificateArn: 'arn:aws:acm:us-east-1:1:certificate/x' },
    });
    expect((await store.settingsOf(ctx, 'p')).customDomain).toBe(true);
  });

  it('removes a domain and forgets a pool', async () => {
    const store = new PoolOAuthStore(dataDir());
    await store.saveDomain(ctx, 'p', { Domain: 'auth-team' });
    await store.saveResourceServers(ctx, 'p', [api]);
    await store.saveDomain(ctx, 'p', undefined);
    expect(await store.poolOfDomain(ctx, 'auth-team')).toBeUndefined();
    expect((await store.settingsOf(ctx, 'p')).resourceServers).toEqual([api]);
    await store.forgetPool(ctx, 'p');
    expect(await store.settingsOf(ctx, 'p')).toEqual({ resourceServers: [], identityProviders: [] });
  });

  it('hands out copies, so a caller cannot change the store by mistake', async () => {
    const store = new PoolOAuthStore(dataDir());
    await store.saveResourceServers(ctx, 'p', [api]);
    const { resourceServers } = await store.settingsOf(ctx, 'p');
    (resourceServers as unknown as unknown[]).pop();
    expect((await store.settingsOf(ctx, 'p')).resourceServers).toEqual([api]);
  });

  it('stops with a DataFileError that says what to do when the file is not JSON', async () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, `${POOL_OAUTH_FILE}.json`), '{"Pools": {');
    const error = await new PoolOAuthStore(dir).init().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as Error).message).toMatch(/pool-oauth\.json is not valid JSON .*npm run reset/);
  });
});

describe('PoolOAuthStore.exclusively', () => {
  it('runs changes one after the other, so that a check and its save are never interleaved', async () => {
    const store = new PoolOAuthStore(dataDir());
    const claim = (pool: string) =>
      store.exclusively(async () => {
        if (await store.poolOfDomain(ctx, 'team-auth')) return 'taken';
        await store.saveDomain(ctx, pool, { Domain: 'team-auth' });
        return 'mine';
      });
    expect(await Promise.all([claim('a'), claim('b')])).toEqual(['mine', 'taken']);
  });
});
