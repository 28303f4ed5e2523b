/** What the web client needs to know about the stack it talks to, read once. */
export interface WebConfig {
  /** The user pool and app client Amplify signs in with; both absent when `authOff` says why. */
  readonly auth?: { readonly userPoolId: string; readonly userPoolClientId: string };
  /** Why the page cannot sign users in (the stack has no usable pool or client). */
  readonly authOff?: string;
  /** The API's base URL, stage included (`…/local` or `https://…/prod`); absent when `apiOff` says why. */
  readonly apiUrl?: string;
  readonly apiOff?: string;
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

/**
 * A stack may lack a part the page uses: the local stage then says why (VITE_AUTH_OFF,
 * VITE_API_OFF) and the page goes without it. `build:web` always sets all three values.
 */
function readWebConfig(env: ImportMetaEnv): WebConfig {
  const cognitoEndpoint = env.VITE_COGNITO_ENDPOINT || undefined;
  const authOff = env.VITE_AUTH_OFF || undefined;
  const apiOff = env.VITE_API_OFF || undefined;
  return {
    ...(authOff
      ? { authOff }
      : {
          auth: {
            userPoolId: required('VITE_USER_POOL_ID', env.VITE_USER_POOL_ID),
            userPoolClientId: required('VITE_USER_POOL_CLIENT_ID', env.VITE_USER_POOL_CLIENT_ID),
          },
        }),
    ...(apiOff ? { apiOff } : { apiUrl: required('VITE_API_URL', env.VITE_API_URL).replace(/\/+$/, '') }),
    cognitoEndpoint,
    inboxUrl: cognitoEndpoint && `${cognitoEndpoint}/_dev/inbox`,
  };
}

export const webConfig: WebConfig = readWebConfig(import.meta.env);
