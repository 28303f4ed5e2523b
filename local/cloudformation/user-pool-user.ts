import {
  AdminCreateUserCommand,
  type AdminCreateUserCommandInput,
  AdminDeleteUserCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Provisioner } from './provisioner.ts';

/**
 * `AWS::Cognito::UserPoolUser`: a user CloudFormation makes with AdminCreateUser, so the pool's
 * PreSignUp (`PreSignUp_AdminCreateUser`) and CustomMessage triggers run and, unless
 * `MessageAction: SUPPRESS`, the invitation with a temporary password goes out (to the dev inbox
 * here); the user is FORCE_CHANGE_PASSWORD. Every property replaces the user when it changes, and
 * `Ref` is the username.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpooluser.html
 */
export const userPoolUser: Provisioner = {
  replacedWhen: [
    'ClientMetadata',
    'DesiredDeliveryMediums',
    'ForceAliasCreation',
    'MessageAction',
    'UserAttributes',
    'Username',
    'UserPoolId',
    'ValidationData',
  ],
  // Its triggers run in the stack's own functions: made once serverless-offline answers, with the seed users.
  afterSeedUsers: true,
  async create(_logicalId, properties, context) {
    const { User } = await context.cognito.send(new AdminCreateUserCommand(properties as AdminCreateUserCommandInput));
    return { physicalId: String(properties.Username ?? User?.Username), attributes: {} };
  },
  async update(_logicalId, current) {
    return current;
  },
  async delete(current, { UserPoolId }, context) {
    await context.cognito.send(new AdminDeleteUserCommand({ UserPoolId, Username: current.physicalId }));
  },
};
