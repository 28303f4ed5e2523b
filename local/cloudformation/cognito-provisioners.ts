import {
  AddCustomAttributesCommand,
  AdminAddUserToGroupCommand,
  AdminRemoveUserFromGroupCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteGroupCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  SetUserPoolMfaConfigCommand,
  type SetUserPoolMfaConfigCommandInput,
  UpdateGroupCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { existingPoolTriggers } from './existing-pool-triggers.ts';
import { userPoolDomain, userPoolIdentityProvider, userPoolResourceServer, withDependsOnHint } from './oauth-provisioners.ts';
import { userPoolUser } from './user-pool-user.ts';
import { LAMBDA_URL_TAG } from '../cognito/triggers/lambda-config.ts';
import { userPoolIssuer } from '../cognito/user-pool-ids.ts';
import { generatedPhysicalName } from './physical-names.ts';
import { LocalStackTemplateError } from './template.ts';
import { addedSchemaAttributes } from './user-pool-schema.ts';

import type { Provisioned, ProvisionContext, Provisioner } from './provisioner.ts';

export type { CognitoClient, Provisioned, ProvisionContext, Provisioner } from './provisioner.ts';
type Properties = Readonly<Record<string, any>>;

/**
 * The local tags that say which stack, and which of its resources, a pool is: what CloudFormation
 * knows from its own records on AWS. A start without a record of its stack takes over only a
 * pool tagged as its own, never another stack's.
 */
export const STACK_NAME_TAG = 'local:stack-name';
export const LOGICAL_ID_TAG = 'local:logical-id';

/** A pool's tags as the template gives them, with whose it is and where its triggers run locally (LAMBDA_URL_TAG). */
function localTags(logicalId: string, tags: Readonly<Record<string, string>> | undefined, context: ProvisionContext) {
  return {
    ...tags,
    [STACK_NAME_TAG]: context.stackName,
    [LOGICAL_ID_TAG]: logicalId,
    ...(context.lambdaUrl !== undefined && { [LAMBDA_URL_TAG]: context.lambdaUrl }),
  };
}

/**
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpool.html
 * and "Settings you can't change" in
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-updating.html
 */
const userPool: Provisioner = {
  replacedWhen: ['UsernameAttributes', 'AliasAttributes', 'UsernameConfiguration'],
  async create(logicalId, { UserPoolName, EnabledMfas, ...properties }, context) {
    const mfa = mfaConfig(logicalId, { ...properties, EnabledMfas });
    // UserPoolName is optional in CloudFormation, which names the pool itself; CreateUserPool requires one.
    const PoolName = UserPoolName ?? generatedPhysicalName(context.stackName, logicalId);
    const { UserPool } = await context.cognito.send(
      new CreateUserPoolCommand({ PoolName, ...properties, UserPoolTags: localTags(logicalId, properties.UserPoolTags, context) }),
    );
    if (mfa) await context.cognito.send(new SetUserPoolMfaConfigCommand({ ...mfa, UserPoolId: UserPool!.Id! }));
    return userPoolIds(UserPool!.Id!, context);
  },
  async adopt(logicalId, { UserPoolName }, context) {
    const { UserPools = [] } = await context.cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    // By name, among this stack's own pools (and, in a folder from before records, untagged ones):
    // without UserPoolName, the name this stack's generated for it.
    const named = (name: string | undefined) =>
      UserPoolName === undefined ? name?.startsWith(`${context.stackName}-${logicalId}-`) : name === UserPoolName;
    for (const { Id, Name } of UserPools) {
      if (!named(Name)) continue;
      const { UserPool } = await context.cognito.send(new DescribeUserPoolCommand({ UserPoolId: Id }));
      const tags = UserPool?.UserPoolTags ?? {};
      const ours = tags[STACK_NAME_TAG] === context.stackName && tags[LOGICAL_ID_TAG] === logicalId;
      const untagged = context.adoptUntagged === true && tags[STACK_NAME_TAG] === undefined && UserPoolName !== undefined;
      if (ours || untagged) return userPoolIds(Id!, context);
    }
    return undefined;
  },
  async update(logicalId, current, properties, previous, context) {
    const UserPoolId = current.physicalId;
    const added = addedSchemaAttributes(logicalId, previous.Schema ?? [], properties.Schema ?? []);
    if (added.length > 0) await context.cognito.send(new AddCustomAttributesCommand({ UserPoolId, CustomAttributes: added }));
    const { UserPoolName, UsernameAttributes, AliasAttributes, UsernameConfiguration, Schema, UserPoolTags, EnabledMfas, ...updatable } =
      properties;
    const mfa = mfaConfig(logicalId, properties);
    await context.cognito.send(
      new UpdateUserPoolCommand({ ...updatable, UserPoolTags: localTags(logicalId, UserPoolTags, context), UserPoolId }),
    );
    if (mfa) await context.cognito.send(new SetUserPoolMfaConfigCommand({ ...mfa, UserPoolId }));
    return userPoolIds(UserPoolId, context);
  },
  async delete(current, _properties, context) {
    await context.cognito.send(new DeleteUserPoolCommand({ UserPoolId: current.physicalId }));
  },
};

/**
 * `EnabledMfas`, which CreateUserPool does not take: CloudFormation sets the pool's MFA methods
 * through SetUserPoolMfaConfig, as the local stage does with what this returns (TOTP and SMS;
 * email MFA is not emulated, so it is refused, before anything is created, rather than skipped at sign-in).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpool.html#cfn-cognito-userpool-enabledmfas
 */
function mfaConfig(logicalId: string, properties: Properties): Omit<SetUserPoolMfaConfigCommandInput, 'UserPoolId'> | undefined {
  const { MfaConfiguration, EnabledMfas, SmsConfiguration, SmsAuthenticationMessage } = properties;
  if (MfaConfiguration === undefined || MfaConfiguration === 'OFF') return undefined;
  const methods: readonly string[] = EnabledMfas ?? [];
  if (methods.includes('EMAIL_OTP')) {
    throw new LocalStackTemplateError(
      `${logicalId}.EnabledMfas: EMAIL_OTP (email MFA) is not emulated locally. Remove it, or list ${logicalId}.EnabledMfas in custom.localStack.notEmulated to run the local pool without it.`,
    );
  }
  return {
    MfaConfiguration,
    SoftwareTokenMfaConfiguration: { Enabled: methods.includes('SOFTWARE_TOKEN_MFA') },
    ...(methods.includes('SMS_MFA') ? { SmsMfaConfiguration: { SmsConfiguration, SmsAuthenticationMessage } } : {}),
  };
}

function userPoolIds(id: string, context: ProvisionContext): Provisioned {
  return {
    physicalId: id,
    attributes: {
      Arn: `arn:aws:cognito-idp:${context.region}:${context.accountId}:userpool/${id}`,
      ProviderName: `cognito-idp.${context.region}.amazonaws.com/${id}`,
      // The tokens' issuer, AWS's locally too (local/cognito/user-pool-ids.ts).
      ProviderURL: userPoolIssuer(id),
      UserPoolId: id,
    },
  };
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolclient.html */
const userPoolClient: Provisioner = {
  replacedWhen: ['UserPoolId', 'GenerateSecret'],
  async create(logicalId, properties, context) {
    // ClientName is optional in CloudFormation, which names the client itself; CreateUserPoolClient requires one.
    const ClientName = properties.ClientName ?? generatedPhysicalName(context.stackName, logicalId);
    const { UserPoolClient } = await withDependsOnHint(
      logicalId,
      context.cognito.send(new CreateUserPoolClientCommand(withAwsTokenValidity({ ...properties, ClientName }) as never)),
    );
    return clientIds(properties.UserPoolId, UserPoolClient!.ClientId!, context);
  },
  async adopt(logicalId, { UserPoolId, ClientName }, context) {
    // The pool is this stack's (adopted, or in its record): its client of that name, or of the name generated for it.
    const { UserPoolClients = [] } = await context.cognito.send(new ListUserPoolClientsCommand({ UserPoolId, MaxResults: 60 }));
    const existing = UserPoolClients.find((client) =>
      ClientName === undefined ? client.ClientName?.startsWith(`${context.stackName}-${logicalId}-`) : client.ClientName === ClientName,
    );
    return existing?.ClientId ? clientIds(UserPoolId, existing.ClientId, context) : undefined;
  },
  async update(_logicalId, current, properties, _previous, context) {
    const { GenerateSecret, ...updatable } = withAwsTokenValidity(properties);
    // Without a ClientName, the name CloudFormation generated stays (UpdateUserPoolClient would reset it).
    const ClientName = properties.ClientName ?? current.attributes.Name;
    await context.cognito.send(
      new UpdateUserPoolClientCommand({ ...(updatable as object), ClientName, ClientId: current.physicalId } as never),
    );
    return clientIds(properties.UserPoolId, current.physicalId, context);
  },
  async delete(current, properties, context) {
    await context.cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: properties.UserPoolId, ClientId: current.physicalId }));
  },
};

async function clientIds(UserPoolId: string, ClientId: string, context: ProvisionContext): Promise<Provisioned> {
  const { UserPoolClient } = await context.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId }));
  const attributes: Record<string, string> = { ClientId, Name: UserPoolClient?.ClientName ?? '' };
  if (UserPoolClient?.ClientSecret) attributes.ClientSecret = UserPoolClient.ClientSecret;
  return { physicalId: ClientId, attributes };
}

/** What Cognito uses for a token's lifetime when the app client does not say (1 h, 1 h, 30 days). */
const AWS_TOKEN_VALIDITY = [
  { token: 'IdToken', property: 'IdTokenValidity', value: 1, unit: 'hours' },
  { token: 'AccessToken', property: 'AccessTokenValidity', value: 1, unit: 'hours' },
  { token: 'RefreshToken', property: 'RefreshTokenValidity', value: 30, unit: 'days' },
] as const;

/**
 * The client's token lifetimes spelled out with their units, AWS's defaults filling the gaps:
 * cognito-local's own defaults differ (24 h tokens, minutes as the ID token's unit).
 */
export function withAwsTokenValidity(client: Properties): Record<string, unknown> {
  const units = { ...(client.TokenValidityUnits as Record<string, string> | undefined) };
  const lifetimes: Record<string, unknown> = {};
  for (const { token, property, value, unit } of AWS_TOKEN_VALIDITY) {
    if (client[property] === undefined) {
      lifetimes[property] = value;
      units[token] = unit;
    } else {
      units[token] ??= unit;
    }
  }
  return { ...client, ...lifetimes, TokenValidityUnits: units };
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolgroup.html */
const userPoolGroup: Provisioner = {
  replacedWhen: ['GroupName', 'UserPoolId'],
  async create(logicalId, { GroupName, ...properties }, context) {
    // Without a name, CloudFormation makes one up.
    const name: string = GroupName ?? generatedPhysicalName(context.stackName, logicalId);
    await context.cognito.send(new CreateGroupCommand({ ...properties, GroupName: name } as never));
    return { physicalId: name, attributes: {} };
  },
  async update(_logicalId, current, properties, _previous, context) {
    await context.cognito.send(new UpdateGroupCommand({ ...properties, GroupName: current.physicalId } as never));
    return current;
  },
  async delete(current, properties, context) {
    await context.cognito.send(new DeleteGroupCommand({ UserPoolId: properties.UserPoolId, GroupName: current.physicalId }));
  },
};

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolusertogroupattachment.html */
const userToGroupAttachment: Provisioner = {
  replacedWhen: ['GroupName', 'Username', 'UserPoolId'],
  afterSeedUsers: true,
  async create(logicalId, { GroupName, Username, UserPoolId }, context) {
    await context.cognito.send(new AdminAddUserToGroupCommand({ GroupName, Username, UserPoolId }));
    return { physicalId: `${logicalId}-${Username}-${GroupName}`, attributes: {} };
  },
  async update(_logicalId, current) {
    return current;
  },
  async delete(_current, { GroupName, Username, UserPoolId }, context) {
    await context.cognito.send(new AdminRemoveUserFromGroupCommand({ GroupName, Username, UserPoolId }));
  },
};

/** The resource types the local stage creates (or, for triggers, applies) in the Cognito emulator. */
export const COGNITO_PROVISIONERS: Readonly<Record<string, Provisioner>> = {
  'AWS::Cognito::UserPool': userPool,
  'AWS::Cognito::UserPoolClient': userPoolClient,
  'AWS::Cognito::UserPoolGroup': userPoolGroup,
  'AWS::Cognito::UserPoolUser': userPoolUser,
  'AWS::Cognito::UserPoolUserToGroupAttachment': userToGroupAttachment,
  'AWS::Cognito::UserPoolDomain': userPoolDomain,
  'AWS::Cognito::UserPoolResourceServer': userPoolResourceServer,
  'AWS::Cognito::UserPoolIdentityProvider': userPoolIdentityProvider,
  // serverless's custom resource for `cognitoUserPool` events with `existing: true`.
  'Custom::CognitoUserPool': existingPoolTriggers,
};
