import { awsManagedLoginDomain, type HostedUi, hostedUiEnv, hostedUiSettings, type OAuthClientSettings } from './hosted-ui-env.ts';

/** A stack's Outputs, by name, as CloudFormation (or the local stack) reports them. */
export type StackOutputs = Readonly<Record<string, string | undefined>>;

export class WebBuildEnvError extends Error {
  override name = 'WebBuildEnvError';
}

/**
 * The VITE_* variables the web client is built or served with (read by web/src/config.ts),
 * from a stack's Outputs. `cognitoEndpoint` only for the local stage: on AWS, Amplify talks to
 * Cognito's regional endpoint. `hostedUi`: the page's hosted UI sign-in (awsHostedUi on AWS).
 */
export function webBuildEnv(outputs: StackOutputs, cognitoEndpoint?: string, hostedUi?: HostedUi): Record<string, string> {
  const output = (name: string) => {
    const value = outputs[name];
    if (!value) throw new WebBuildEnvError(`The stack has no ${name} output: add it to serverless.yml resources.Outputs.`);
    return value;
  };
  return {
    VITE_USER_POOL_ID: output('UserPoolId'),
    VITE_USER_POOL_CLIENT_ID: output('UserPoolClientId'),
    VITE_API_URL: output('ApiUrl'),
    ...(cognitoEndpoint && { VITE_COGNITO_ENDPOINT: cognitoEndpoint }),
    ...(hostedUi && hostedUiEnv(hostedUi)),
  };
}

/**
 * The hosted UI of a stack deployed to AWS: its domain from the UserPoolDomain Output, the web
 * client's OAuth settings as DescribeUserPoolClient answers them.
 */
export function awsHostedUi(outputs: StackOutputs, client: OAuthClientSettings): HostedUi {
  const { UserPoolDomain, UserPoolId = '', UserPoolClientId = '' } = outputs;
  if (!UserPoolDomain) return { off: 'the stack has no UserPoolDomain output (the Ref of its AWS::Cognito::UserPoolDomain)' };
  return hostedUiSettings(awsManagedLoginDomain(UserPoolDomain, UserPoolId), client, UserPoolClientId);
}
