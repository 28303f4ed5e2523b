import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CognitoIdentityProviderClient, CreateUserPoolCommand, DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts } from '../../../testing/free-ports.ts';
import { type CognitoServer, startCognitoServer } from '../cognito-server.ts';

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
describe('CreateUserPool', () => {
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
