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
  /** Amplify's `loginWith.oauth` for the hosted UI; absent when `hostedUiOff` says why. */
  readonly hostedUi?: HostedUiConfig;
  readonly hostedUiOff?: string;
}

/** The hosted UI (Cognito's managed login) as Amplify's `loginWith.oauth` takes it, and the providers to offer. */
export interface HostedUiConfig {
  readonly domain: string;
  readonly scopes: string[];
  readonly redirectSignIn: string[];
  readonly redirectSignOut: string[];
  readonly responseType: 'code' | 'token';
  /** The app client's SupportedIdentityProviders: COGNITO (the hosted UI's own form) and identity providers by name. */
  readonly identityProviders: string[];
}

export class WebConfigError extends Error {
  override name = 'WebConfigError';
}

function required(name: string, value: string | undefined): string {
  if (!value) throw new WebConfigError(`${name} is not set: start the web client with \`npm start\`.`);
  return value;
}

const list = (value: string | undefined) => (value ?? '').split(' ').filter((item) => item !== '');

/** The hosted UI's settings, or why the page goes without it (the same on every stage: build-env.ts and local/web write them). */
function readHostedUi(env: ImportMetaEnv): Pick<WebConfig, 'hostedUi' | 'hostedUiOff'> {
  if (env.VITE_HOSTED_UI_OFF) return { hostedUiOff: env.VITE_HOSTED_UI_OFF };
  if (!env.VITE_OAUTH_DOMAIN) return { hostedUiOff: 'the page was built without the hosted UI settings (VITE_OAUTH_DOMAIN)' };
  return {
    hostedUi: {
      domain: env.VITE_OAUTH_DOMAIN,
      scopes: list(env.VITE_OAUTH_SCOPES),
      redirectSignIn: list(env.VITE_OAUTH_REDIRECT_SIGN_IN),
      redirectSignOut: list(env.VITE_OAUTH_REDIRECT_SIGN_OUT),
      responseType: env.VITE_OAUTH_RESPONSE_TYPE === 'token' ? 'token' : 'code',
      identityProviders: list(env.VITE_OAUTH_PROVIDERS),
    },
  };
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
    ...(authOff ? { hostedUiOff: authOff } : readHostedUi(env)),
  };
}

export const webConfig: WebConfig = readWebConfig(import.meta.env);
