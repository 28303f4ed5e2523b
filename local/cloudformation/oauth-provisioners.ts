import {
  CreateIdentityProviderCommand,
  CreateResourceServerCommand,
  CreateUserPoolDomainCommand,
  DeleteIdentityProviderCommand,
  DeleteResourceServerCommand,
  DeleteUserPoolDomainCommand,
  DescribeIdentityProviderCommand,
  DescribeResourceServerCommand,
  DescribeUserPoolDomainCommand,
  UpdateIdentityProviderCommand,
  UpdateResourceServerCommand,
  UpdateUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoClient, Provisioned, Provisioner } from './provisioner.ts';

// A pool's domain, resource servers and identity providers, made in the emulator through the same
// Cognito operations CloudFormation calls on AWS (local/cognito/operations/: their rules hold here).

/**
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpooldomain.html:
 * Ref is the domain; Fn::GetAtt CloudFrontDistribution (and Id, the domain too).
 */
export const userPoolDomain: Provisioner = {
  replacedWhen: ['Domain', 'UserPoolId'],
  async create(_logicalId, { Domain, UserPoolId, CustomDomainConfig, ManagedLoginVersion }, context) {
    await context.cognito.send(
      new CreateUserPoolDomainCommand({ Domain, UserPoolId, CustomDomainConfig, ManagedLoginVersion: asNumber(ManagedLoginVersion) }),
    );
    return domainIds(Domain, context.cognito);
  },
  async adopt(_logicalId, { Domain, UserPoolId }, context) {
    const { DomainDescription } = await context.cognito.send(new DescribeUserPoolDomainCommand({ Domain }));
    return DomainDescription?.UserPoolId === UserPoolId ? domainIds(Domain, context.cognito) : undefined;
  },
  async update(_logicalId, _current, { Domain, UserPoolId, CustomDomainConfig, ManagedLoginVersion }, _previous, context) {
    await context.cognito.send(
      new UpdateUserPoolDomainCommand({ Domain, UserPoolId, CustomDomainConfig, ManagedLoginVersion: asNumber(ManagedLoginVersion) }),
    );
    return domainIds(Domain, context.cognito);
  },
  async delete(current, { UserPoolId }, context) {
    await context.cognito.send(new DeleteUserPoolDomainCommand({ Domain: current.physicalId, UserPoolId }));
  },
};

async function domainIds(domain: string, cognito: CognitoClient): Promise<Provisioned> {
  const { DomainDescription } = await cognito.send(new DescribeUserPoolDomainCommand({ Domain: domain }));
  return { physicalId: domain, attributes: { CloudFrontDistribution: DomainDescription?.CloudFrontDistribution ?? '', Id: domain } };
}

/**
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolresourceserver.html:
 * Ref is the identifier; no Fn::GetAtt attributes.
 */
export const userPoolResourceServer: Provisioner = {
  replacedWhen: ['Identifier', 'UserPoolId'],
  async create(_logicalId, { UserPoolId, Identifier, Name, Scopes }, context) {
    await context.cognito.send(new CreateResourceServerCommand({ UserPoolId, Identifier, Name, Scopes }));
    return { physicalId: Identifier, attributes: {} };
  },
  async adopt(_logicalId, { UserPoolId, Identifier }, context) {
    return (await exists(() => context.cognito.send(new DescribeResourceServerCommand({ UserPoolId, Identifier }))))
      ? { physicalId: Identifier, attributes: {} }
      : undefined;
  },
  async update(_logicalId, current, { UserPoolId, Identifier, Name, Scopes }, _previous, context) {
    await context.cognito.send(new UpdateResourceServerCommand({ UserPoolId, Identifier, Name, Scopes }));
    return current;
  },
  async delete(current, { UserPoolId }, context) {
    await context.cognito.send(new DeleteResourceServerCommand({ UserPoolId, Identifier: current.physicalId }));
  },
};

/**
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolidentityprovider.html:
 * Ref is the provider's name; no Fn::GetAtt attributes.
 */
export const userPoolIdentityProvider: Provisioner = {
  replacedWhen: ['ProviderName', 'ProviderType', 'UserPoolId'],
  async create(_logicalId, { UserPoolId, ProviderName, ProviderType, ProviderDetails, AttributeMapping, IdpIdentifiers }, context) {
    await context.cognito.send(
      new CreateIdentityProviderCommand({ UserPoolId, ProviderName, ProviderType, ProviderDetails, AttributeMapping, IdpIdentifiers }),
    );
    return { physicalId: ProviderName, attributes: {} };
  },
  async adopt(_logicalId, { UserPoolId, ProviderName }, context) {
    return (await exists(() => context.cognito.send(new DescribeIdentityProviderCommand({ UserPoolId, ProviderName }))))
      ? { physicalId: ProviderName, attributes: {} }
      : undefined;
  },
  async update(_logicalId, current, { UserPoolId, ProviderName, ProviderDetails, AttributeMapping, IdpIdentifiers }, _previous, context) {
    await context.cognito.send(
      new UpdateIdentityProviderCommand({ UserPoolId, ProviderName, ProviderDetails, AttributeMapping, IdpIdentifiers }),
    );
    return current;
  },
  async delete(current, { UserPoolId }, context) {
    await context.cognito.send(new DeleteIdentityProviderCommand({ UserPoolId, ProviderName: current.physicalId }));
  },
};

/** CloudFormation passes template numbers through as given (a string from a parameter, say). */
function asNumber(value: unknown): number | undefined {
  return value === undefined ? undefined : Number(value);
}

/** Whether a Describe call finds its resource: ResourceNotFoundException says it does not. */
async function exists(lookUp: () => Promise<unknown>): Promise<boolean> {
  try {
    await lookUp();
    return true;
  } catch (error) {
    // The SDK names the exception `name`; the emulator's own error classes call it `code`.
    const { name, code } = error as { name?: string; code?: string };
    if (name === 'ResourceNotFoundException' || code === 'ResourceNotFoundException') return false;
    throw error;
  }
}

/**
 * An app client's creation, with what to do when Cognito refuses a scope or identity provider the
 * pool does not have yet: the template may declare it, and CloudFormation creates resources in the
 * order their dependencies give (on AWS in parallel otherwise), so the client needs a DependsOn.
 */
export async function withDependsOnHint<T>(logicalId: string, creating: Promise<T>): Promise<T> {
  try {
    return await creating;
  } catch (error) {
    const { name, message } = error as Error;
    if (name === 'ScopeDoesNotExistException' || (name === 'InvalidParameterException' && / does not exist for User Pool /.test(message))) {
      (error as Error).message =
        `${message}. If the template declares that resource server or identity provider, add it to ${logicalId}'s DependsOn: CloudFormation may create the client first`;
    }
    throw error;
  }
}
