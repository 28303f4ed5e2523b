import { placeholderFor } from './offline-placeholders.ts';

/** serverless's AWS provider, as far as its variable sources use it. */
export interface AwsRequester {
  request(service: string, method: string, params: Record<string, any>, options?: unknown): Promise<unknown>;
}

/**
 * Makes the AWS provider answer the requests behind `${cf:…}`, `${ssm:…}`, `${s3:…}` and
 * `${aws:accountId}` with placeholders instead of calling AWS, so that the stack packages
 * without credentials; `unresolved` collects the variables answered so. serverless v3
 * resolves these sources through `provider.request` once its plugins are constructed
 * (node_modules/serverless/scripts/serverless.js, "Register AWS provider specific variable
 * sources"). `configText` is the service's configuration before resolution: the cf source asks
 * for a whole stack and picks its output itself, so the answer lists the outputs it names.
 */
export function answerAwsOffline(provider: AwsRequester, configText: string, unresolved: Set<string>, refuse: (message: string) => Error): void {
  const outputKeys = [...configText.matchAll(/cf(?:\([^)]*\))?:[^}]*?\.([A-Za-z0-9]+)/g)].map((match) => match[1]!);
  const answer = (variable: string) => {
    unresolved.add(variable);
    return placeholderFor(variable);
  };
  provider.request = async (service, method, params) => {
    switch (`${service}.${method}`) {
      case 'CloudFormation.describeStacks': {
        const stack = String(params.StackName);
        const Outputs = outputKeys.map((key) => ({ OutputKey: key, get OutputValue() { return answer(`cf:${stack}.${key}`); } }));
        return { Stacks: [{ Outputs }] };
      }
      case 'SSM.getParameter':
        return { Parameter: { Type: 'String', Value: answer(`ssm:${params.Name}`) } };
      case 'S3.getObject':
        return { Body: answer(`s3:${params.Bucket}/${params.Key}`) };
      case 'STS.getCallerIdentity':
        return { Account: answer('aws:accountId') };
      default:
        throw refuse(`check:deploy packages without AWS credentials and cannot answer ${service}.${method}: what in serverless.yml needs it?`);
    }
  };
}
