import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

export type CognitoClient = Pick<CognitoIdentityProviderClient, 'send'>;

/** What the local stage knows of a provisioned resource: its id and its `Fn::GetAtt` attributes. */
export interface Provisioned {
  readonly physicalId: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/** Where the resources are created, and what their ARNs are made of. */
export interface ProvisionContext {
  readonly cognito: CognitoClient;
  readonly region: string;
  readonly accountId: string;
  /** The stack deployed (`<service>-<stage>`): in generated names, and in the local tags that say whose a pool is. */
  readonly stackName: string;
  /**
   * The data folder has no record of any stack (made before records were kept): a pool without
   * the local tags, made by such a start, may be taken over by its UserPoolName.
   */
  readonly adoptUntagged?: boolean;
  /** The id of this stack's pool (or stand-in) of that `UserPoolName`, as deployed so far. */
  readonly userPoolNamed?: (name: string) => string | undefined;
  /**
   * Where this stack's functions answer Lambda's Invoke API: each pool is tagged with it, and the
   * emulator runs the pool's triggers there (two stacks may share one emulator).
   */
  readonly lambdaUrl?: string;
}

type Properties = Readonly<Record<string, any>>;

/**
 * How the local stage creates, updates and deletes one resource type in the emulator, as
 * CloudFormation does on AWS through the same Cognito API. Each type names the properties
 * whose change CloudFormation answers with a replacement (a new resource, the old one deleted).
 */
export interface Provisioner {
  /** Properties that force a replacement ("Update requires: Replacement" in the resource's reference page). */
  readonly replacedWhen: readonly string[];
  /** Provisioned after the seed users exist (a group attachment needs its user). */
  readonly afterSeedUsers?: boolean;
  /** On a first start of this stack with no record: the resource an older start of the same stack made. */
  adopt?(logicalId: string, properties: Properties, context: ProvisionContext): Promise<Provisioned | undefined>;
  create(logicalId: string, properties: Properties, context: ProvisionContext): Promise<Provisioned>;
  update(
    logicalId: string,
    current: Provisioned,
    properties: Properties,
    previous: Properties,
    context: ProvisionContext,
  ): Promise<Provisioned>;
  delete(current: Provisioned, properties: Properties, context: ProvisionContext): Promise<void>;
}
