import { type AppClient, attributesToRecord, type User, type UserPoolService } from '../../cognito-local.ts';
import type { EmulatedTrigger } from '../../triggers/lambda-config.ts';
import type { PoolTriggers } from '../../triggers/pool-triggers.ts';
import { refusalOfTrigger } from './federation-refusal.ts';

/** The triggers a provider's sign-in runs, for one pool and app client, each failure Cognito's refusal. */
export class FederationTriggers {
  constructor(
    private readonly triggers: Pick<PoolTriggers, 'has' | 'run' | 'runPreSignUp'>,
    private readonly pool: UserPoolService,
    private readonly client: AppClient,
    /** After a SAML provider, Cognito words a trigger's failure apart (federation-refusal.ts). */
    private readonly saml: boolean,
  ) {}

  /** Runs `trigger` (when the pool has it) about `user`, with the user's attributes and status and `request`'s fields. */
  async run(trigger: EmulatedTrigger, source: string, user: User, request: Record<string, unknown> = {}): Promise<void> {
    if (!this.triggers.has(this.pool.options, trigger)) return;
    await this.refused(() =>
      this.triggers.run(
        trigger,
        source,
        { userPoolId: this.pool.options.Id, clientId: this.client.ClientId, username: user.Username },
        {
          userAttributes: { ...attributesToRecord(user.Attributes), 'cognito:user_status': user.UserStatus },
          ...request,
          clientMetadata: {},
        },
        {},
        '1',
        this.pool.options,
      ),
    );
  }

  /** PreSignUp_ExternalProvider for the user `username` would be, with its mapped `attributes`: its flags, or none without the trigger. */
  async preSignUp(username: string, attributes: User['Attributes']) {
    if (!this.triggers.has(this.pool.options, 'PreSignUp')) return undefined;
    return this.refused(() =>
      this.triggers.runPreSignUp(this.pool.options, {
        source: 'PreSignUp_ExternalProvider',
        clientId: this.client.ClientId,
        clientMetadata: undefined,
        userAttributes: attributes,
        username,
        userPoolId: this.pool.options.Id,
        validationData: undefined,
      }),
    );
  }

  private refused<T>(run: () => Promise<T>): Promise<T> {
    return run().catch((error: unknown) => refusalOfTrigger(error, this.saml));
  }
}
