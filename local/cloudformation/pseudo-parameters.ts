import type { LocalAccount } from './resource-types.ts';

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html */
export function pseudoParameter(name: string, account: LocalAccount): string | undefined {
  switch (name) {
    case 'AWS::Region':
      return account.region;
    case 'AWS::AccountId':
      return account.accountId;
    case 'AWS::Partition':
      return 'aws';
    case 'AWS::URLSuffix':
      return 'amazonaws.com';
    case 'AWS::StackName':
      return account.stackName;
    case 'AWS::StackId':
      return `arn:aws:cloudformation:${account.region}:${account.accountId}:stack/${account.stackName}/local`;
    case 'AWS::NotificationARNs':
      return '';
    default:
      return undefined;
  }
}
