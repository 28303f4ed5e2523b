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
}
