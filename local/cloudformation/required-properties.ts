import type { CfnResource } from './template.ts';

const REFERENCE = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference';

/**
 * The properties each type the local stage creates marks "Required: Yes" in CloudFormation's
 * reference; every other one is optional there, and the local stage fills it in as CloudFormation
 * does (a name it generates: physical-names.ts) or as Cognito does (its default).
 */
const REQUIRED: Readonly<Record<string, { readonly page: string; readonly properties: readonly string[] }>> = {
  // Every UserPool property is optional, UserPoolName too.
  'AWS::Cognito::UserPool': { page: 'aws-resource-cognito-userpool', properties: [] },
  // ClientName is optional.
  'AWS::Cognito::UserPoolClient': { page: 'aws-resource-cognito-userpoolclient', properties: ['UserPoolId'] },
  // GroupName is optional.
  'AWS::Cognito::UserPoolGroup': { page: 'aws-resource-cognito-userpoolgroup', properties: ['UserPoolId'] },
  // Username is optional in the reference; Cognito's AdminCreateUser, which CloudFormation calls, wants one.
  'AWS::Cognito::UserPoolUser': { page: 'aws-resource-cognito-userpooluser', properties: ['UserPoolId'] },
  'AWS::Cognito::UserPoolUserToGroupAttachment': {
    page: 'aws-resource-cognito-userpoolusertogroupattachment',
    properties: ['GroupName', 'Username', 'UserPoolId'],
  },
  'AWS::Cognito::UserPoolDomain': { page: 'aws-resource-cognito-userpooldomain', properties: ['Domain', 'UserPoolId'] },
  'AWS::Cognito::UserPoolResourceServer': {
    page: 'aws-resource-cognito-userpoolresourceserver',
    properties: ['Identifier', 'Name', 'UserPoolId'],
  },
  'AWS::Cognito::UserPoolIdentityProvider': {
    page: 'aws-resource-cognito-userpoolidentityprovider',
    properties: ['ProviderDetails', 'ProviderName', 'ProviderType', 'UserPoolId'],
  },
};

/** A refusal for each required property `resource` leaves out, as CloudFormation refuses the template before creating anything. */
export function missingRequiredProperties(logicalId: string, resource: CfnResource): string[] {
  const required = REQUIRED[resource.Type];
  if (!required) return [];
  return required.properties
    .filter((name) => resource.Properties?.[name] === undefined)
    .map(
      (name) =>
        `${logicalId} (${resource.Type}): ${name} is required, and missing; CloudFormation refuses the template too ` +
        `("Properties validation failed for resource ${logicalId} with message: #: required key [${name}] not found"). ` +
        `Add ${logicalId}.Properties.${name} (${REFERENCE}/${required.page}.html).`,
    );
}
