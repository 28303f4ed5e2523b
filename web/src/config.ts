/** What the web client needs to know about the stack it talks to, read once. */
export interface WebConfig {
  readonly userPoolId: string;
  readonly userPoolClientId: string;
  /** The API's base URL, stage included (`…/local` or `https://…/prod`). */
  readonly apiUrl: string;
  /** The Cognito emulator; absent on AWS stages, where Amplify uses the regional endpoint. */
  readonly cognitoEndpoint?: string;
  /** The emulator's dev inbox, on the local stage only. */
  readonly inboxUrl?: string;
}

export class WebConfigError extends Error {
  override name = 'WebConfigError';
}

function required(name: string, value: string | undefined): string {
  if (!value) throw new WebConfigError(`${name} is not set: start the web client with \`npm start\`.`);
  return value;
}

function readWebConfig(env: ImportMetaEnv): WebConfig {
  const cognitoEndpoint = env.VITE_COGNITO_ENDPOINT || undefined;
  return {
    userPoolId: required('VITE_USER_POOL_ID', env.VITE_USER_POOL_ID),
    userPoolClientId: required('VITE_USER_POOL_CLIENT_ID', env.VITE_USER_POOL_CLIENT_ID),
    apiUrl: required('VITE_API_URL', env.VITE_API_URL).replace(/\/+$/, ''),
    cognitoEndpoint,
    inboxUrl: cognitoEndpoint && `${cognitoEndpoint}/_dev/inbox`,
  };
}

export const webConfig: WebConfig = readWebConfig(import.meta.env);
