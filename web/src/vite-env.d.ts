/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_USER_POOL_ID?: string;
  readonly VITE_USER_POOL_CLIENT_ID?: string;
  readonly VITE_API_URL?: string;
  readonly VITE_COGNITO_ENDPOINT?: string;
  /** Why the page cannot sign users in (local stage, a stack without a usable pool or client). */
  readonly VITE_AUTH_OFF?: string;
  /** Why the page has no API to call (local stage, a stack without http or httpApi events). */
  readonly VITE_API_OFF?: string;
  /** The hosted UI (web/hosted-ui-env.ts): the managed login's host, and the app client's OAuth settings, lists space-separated. */
  readonly VITE_OAUTH_DOMAIN?: string;
  readonly VITE_OAUTH_SCOPES?: string;
  readonly VITE_OAUTH_REDIRECT_SIGN_IN?: string;
  readonly VITE_OAUTH_REDIRECT_SIGN_OUT?: string;
  readonly VITE_OAUTH_RESPONSE_TYPE?: string;
  readonly VITE_OAUTH_PROVIDERS?: string;
  /** Why the page has no hosted UI sign-in (no domain, a client without OAuth). */
  readonly VITE_HOSTED_UI_OFF?: string;
}
