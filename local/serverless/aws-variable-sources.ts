/** serverless's AWS provider, as far as its variable sources use it. */
export interface AwsRequester {
  request(service: string, method: string, params: Record<string, any>, options?: unknown): Promise<unknown>;
}

/**
 * Makes the AWS provider answer the requests behind `${cf:…}`, `${ssm:…}`, `${s3:…}` and
 * `${aws:accountId}` with `answer(variable)` instead of calling AWS; any other request goes to
 * `otherwise`. serverless v3 resolves these sources through `provider.request` once its plugins
 * are constructed (node_modules/serverless/scripts/serverless.js, "Register AWS provider
 * specific variable sources"). `configText` is the service's configuration before resolution:
 * the cf source asks for a whole stack and picks its output itself, so the answer lists the
 * outputs it names. Used by `check:deploy` (placeholders: deploy/offline-aws-answers.ts) and by the local stage
 * (local values).
 */
export function answerAwsVariableSources(
  provider: AwsRequester,
  configText: string,
  answer: (variable: string) => string,
  otherwise: (service: string, method: string, params: Record<string, any>) => Promise<unknown>,
): void {
  const outputKeys = [...configText.matchAll(/cf(?:\([^)]*\))?:[^}]*?\.([A-Za-z0-9]+)/g)].map((match) => match[1]!);
  provider.request = async (service, method, params) => {
    switch (`${service}.${method}`) {
      case 'CloudFormation.describeStacks': {
        const stack = String(params.StackName);
        const Outputs = outputKeys.map((key) => ({
          OutputKey: key,
          get OutputValue() {
            return answer(`cf:${stack}.${key}`);
          },
        }));
        return { Stacks: [{ Outputs }] };
      }
      case 'SSM.getParameter':
        return { Parameter: { Type: 'String', Value: answer(`ssm:${params.Name}`) } };
      case 'S3.getObject':
        return { Body: answer(`s3:${params.Bucket}/${params.Key}`) };
      case 'STS.getCallerIdentity':
        return { Account: answer('aws:accountId') };
      default:
        return otherwise(service, method, params);
    }
  };
}
