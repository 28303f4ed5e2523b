import { Agent } from 'node:http';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';

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

/**
 * A user of an email-as-username pool, made as an administrator would: no invitation sent, the
 * email verified, `password` permanent (status CONFIRMED).
 */
export async function adminConfirmedUser(
  cognito: CognitoIdentityProviderClient,
  UserPoolId: string,
  email: string,
  password: string,
): Promise<string> {
  const UserAttributes = [
    { Name: 'email', Value: email },
    { Name: 'email_verified', Value: 'true' },
  ];
  await cognito.send(new AdminCreateUserCommand({ UserPoolId, Username: email, MessageAction: 'SUPPRESS', UserAttributes }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId, Username: email, Password: password, Permanent: true }));
  return email;
}
