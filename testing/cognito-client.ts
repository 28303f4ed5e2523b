import { Agent } from 'node:http';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

/**
 * The AWS SDK's Cognito client for a stack the tests started; the caller destroys it. One
 * attempt, so that a failure is never retried away, and enough sockets (the SDK's default is 50)
 * that parallel calls really are parallel.
 */
export function cognitoClient(cognitoUrl: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint: cognitoUrl,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 200 }) },
  });
}
