import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  DescribeUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts } from '../../../testing/free-ports.ts';
import { type CognitoServer, startCognitoServer } from '../cognito-server.ts';
import { USER_POOL_AWS_DEFAULTS } from '../cognito-local.ts';
import { RequestContext } from '../request-context.ts';
import { ctx, rejection } from '../testing/fake-cognito.ts';
import { fakePoolStore } from '../testing/fake-pool-store.ts';
import { NOW } from '../testing/operation-testbed.ts';
import { createUserPool } from './create-user-pool.ts';

let server: CognitoServer;
let url: string;
let dataDir: string;

beforeAll(async () => {
  const [port] = (await freePorts(1)) as [number];
  url = `http://127.0.0.1:${port}`;
  dataDir = mkdtempSync(path.join(tmpdir(), 'create-user-pool-'));
  server = await startCognitoServer({ host: '127.0.0.1', port, publicUrl: url, dataDir, lambdaUrl: 'http://127.0.0.1:9' });
});

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** CreateUserPool through the AWS SDK, signed for `region`: the new pool's id and ARN, as DescribeUserPool reads them back. */
async function poolCreatedIn(region: string) {
  const cognito = new CognitoIdentityProviderClient({
    endpoint: url,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  try {
    const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: `pool-${region}` }));
    const described = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id! }));
    return { id: UserPool!.Id!, arn: UserPool!.Arn!, describedArn: described.UserPool?.Arn };
  } finally {
    cognito.destroy();
  }
}

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html
// (UserPoolType.Id: `[\w-]+_[0-9a-zA-Z]+`; Cognito's ids are `<region>_` and 9 characters).
describe('CreateUserPool through the front door', () => {
  it('makes the pool id and ARN in the region the request was signed for, as a regional Cognito endpoint does', async () => {
    for (const region of ['eu-west-1', 'ap-southeast-2']) {
      const { id, arn, describedArn } = await poolCreatedIn(region);
      expect(id).toMatch(new RegExp(`^${region}_[A-Za-z0-9]{9}$`));
      expect(arn).toBe(`arn:aws:cognito-idp:${region}:000000000000:userpool/${id}`);
      expect(describedArn).toBe(arn);
    }
  });

  it('makes it in us-east-1 for a client signing for a name that is no AWS region (`local`)', async () => {
    expect((await poolCreatedIn('local')).id).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
  });

  it('makes it in us-east-1 for an unsigned request', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.CreateUserPool' },
      body: JSON.stringify({ PoolName: 'unsigned' }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { UserPool: { Id: string } }).UserPool.Id).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
  });
});

/** The context of a CreateUserPool call the front door read as signed for `region`. */
const signedFor = (region: string, input: CreateUserPoolCommandInput) =>
  new RequestContext(ctx.logger, { operation: 'CreateUserPool', input: { ...input }, signedRegion: region });

describe('createUserPool', () => {
  it('stores the pool once: its id and ARN in the signed region, its dates now, its settings as given', async () => {
    const { deps, writes } = fakePoolStore();
    const given: CreateUserPoolCommandInput = { PoolName: 'team', UsernameAttributes: ['email'], MfaConfiguration: 'OPTIONAL' };
    const { UserPool } = await createUserPool(deps, signedFor('eu-west-1', given), given);
    expect(UserPool?.Id).toMatch(/^eu-west-1_[A-Za-z0-9]{9}$/);
    expect(UserPool).toMatchObject({
      Arn: `arn:aws:cognito-idp:eu-west-1:000000000000:userpool/${UserPool?.Id}`,
      Name: 'team',
      CreationDate: NOW,
      LastModifiedDate: NOW,
      UsernameAttributes: ['email'],
      MfaConfiguration: 'OPTIONAL',
    });
    expect(writes).toEqual([['createUserPool', UserPool]]);
  });

  it('draws another id when the one drawn is taken', async () => {
    const { deps } = fakePoolStore({ pools: [{ Id: 'us-east-1_AAAAAAAAA' }] });
    const draws = [...Array<number>(9).fill(0), ...Array<number>(9).fill(1)];
    const { UserPool } = await createUserPool(deps, ctx, { PoolName: 'team' }, () => draws.shift()!);
    expect(UserPool?.Id).toBe('us-east-1_BBBBBBBBB');
  });

  it("keeps Cognito's standard attributes, changed as the Schema says, then its custom ones as `custom:<name>`", async () => {
    const { deps } = fakePoolStore();
    const Schema = [
      { Name: 'email', Required: true },
      { Name: 'team', AttributeDataType: 'String' as const, StringAttributeConstraints: { MaxLength: '20' } },
    ];
    const { UserPool } = await createUserPool(deps, ctx, { PoolName: 'team', Schema });
    const standard = USER_POOL_AWS_DEFAULTS.SchemaAttributes ?? [];
    expect(UserPool?.SchemaAttributes?.map((attribute) => attribute.Name)).toEqual([...standard.map(({ Name }) => Name), 'custom:team']);
    expect(UserPool?.SchemaAttributes?.find((attribute) => attribute.Name === 'email')).toMatchObject({ Required: true, Mutable: true });
    expect(UserPool?.SchemaAttributes?.at(-1)).toEqual({
      Name: 'custom:team',
      AttributeDataType: 'String',
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
      StringAttributeConstraints: { MaxLength: '20' },
    });
  });

  it('refuses a required custom attribute', async () => {
    const { deps, writes } = fakePoolStore();
    const error = await rejection(createUserPool(deps, ctx, { PoolName: 'team', Schema: [{ Name: 'tier', Required: true }] }));
    expect(error.message).toBe('Required custom attributes are not supported currently.');
    expect(writes).toEqual([]);
  });

  it('refuses a trigger the emulator does not run, by name', async () => {
    const { deps, writes } = fakePoolStore();
    const LambdaConfig = {
      CustomEmailSender: { LambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:f', LambdaVersion: 'V1_0' as const },
    };
    const error = await rejection(createUserPool(deps, ctx, { PoolName: 'team', LambdaConfig }));
    expect(error.code).toBe('CognitoLocal#Unsupported');
    expect(error.message).toMatch(/does not run CustomEmailSender triggers/);
    expect(writes).toEqual([]);
  });

  it('refuses a pool that remembers devices, naming DeviceConfiguration; keeps one without', async () => {
    const { deps, writes } = fakePoolStore();
    const error = await rejection(
      createUserPool(deps, ctx, { PoolName: 'team', DeviceConfiguration: { ChallengeRequiredOnNewDevice: false } }),
    );
    expect(error.code).toBe('CognitoLocal#Unsupported');
    expect(error.message).toMatch(/DeviceConfiguration.*Leave DeviceConfiguration out/);
    expect(writes).toEqual([]);
    await expect(createUserPool(deps, ctx, { PoolName: 'team' })).resolves.toMatchObject({ UserPool: { Name: 'team' } });
  });

  it('checks its rules in this order: required custom attributes, triggers, device tracking', async () => {
    const { deps } = fakePoolStore();
    const LambdaConfig = {
      CustomSMSSender: { LambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:f', LambdaVersion: 'V1_0' as const },
    };
    const DeviceConfiguration = { ChallengeRequiredOnNewDevice: true };
    const all = { PoolName: 'team', Schema: [{ Name: 'tier', Required: true }], LambdaConfig, DeviceConfiguration };
    expect((await rejection(createUserPool(deps, ctx, all))).message).toMatch(/Required custom attributes/);
    expect((await rejection(createUserPool(deps, ctx, { ...all, Schema: [] }))).message).toMatch(/CustomSMSSender/);
  });
});
