import { randomBytes } from 'node:crypto';

/**
 * The name CloudFormation gives a resource whose name property is left out: `<stack>-<logicalId>-<random>`
 * ("CloudFormation might name an Amazon S3 bucket … MyStack-MyBucket-abcdefghijk1":
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-name.html),
 * cut to the name's limit (user pool and app client names: 1–128 characters of `[\w\s+=,.@-]`,
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html#CognitoUserPools-CreateUserPool-request-PoolName).
 * The random part stays whole, so that two stacks' names never meet; the stack name gives way first.
 */
export function generatedPhysicalName(stackName: string, logicalId: string, maxLength = 128, random = randomSuffix): string {
  const suffix = `-${random()}`;
  const room = maxLength - suffix.length;
  const idPart = logicalId.slice(0, Math.floor(room / 2));
  const stackPart = stackName.slice(0, room - idPart.length - 1);
  return `${stackPart}-${idPart}${suffix}`.replace(/[^\w\s+=,.@-]/g, '-');
}

/** 12 characters of `[a-zA-Z0-9]`, as CloudFormation's suffixes. */
function randomSuffix(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return [...randomBytes(12)].map((byte) => alphabet[byte % alphabet.length]).join('');
}
