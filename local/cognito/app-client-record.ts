// The emulator's fields on an app client record, beside cognito-local's own: typed here, once, so
// that no rule reads them through a cast. They live in clients.json with the rest of the client.
import type { RefreshTokenRotationType } from '@aws-sdk/client-cognito-identity-provider';
import type {} from 'cognito-local/lib/services/appClient.js';

declare module 'cognito-local/lib/services/appClient.js' {
  interface AppClient {
    /** Refresh-token rotation (refresh-token-rotation.ts), stored by operations/create-user-pool-client.ts and update-user-pool-client.ts. */
    RefreshTokenRotation?: RefreshTokenRotationType;
  }
}
