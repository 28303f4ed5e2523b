/** A stack's Outputs, by name, as CloudFormation (or the local stack) reports them. */
export type StackOutputs = Readonly<Record<string, string | undefined>>;

export class WebBuildEnvError extends Error {
  override name = 'WebBuildEnvError';
}

/**
 * The VITE_* variables the web client is built or served with (read by web/src/config.ts),
 * from a stack's Outputs. `cognitoEndpoint` only for the local stage: on AWS, Amplify talks to
 * Cognito's regional endpoint.
 */
export function webBuildEnv(outputs: StackOutputs, cognitoEndpoint?: string): Record<string, string> {
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
  };
}
