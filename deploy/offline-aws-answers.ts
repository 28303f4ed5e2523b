import { answerAwsVariableSources, type AwsRequester } from '../local/serverless/aws-variable-sources.ts';
import { placeholderFor } from './offline-placeholders.ts';

/** For `check:deploy`: placeholders, recorded in `unresolved`; any other request is refused. */
export function answerAwsOffline(
  provider: AwsRequester,
  configText: string,
  unresolved: Set<string>,
  refuse: (message: string) => Error,
): void {
  const answer = (variable: string) => {
    unresolved.add(variable);
    return placeholderFor(variable);
  };
  answerAwsVariableSources(provider, configText, answer, async (service, method) => {
    throw refuse(`check:deploy packages without AWS credentials and cannot answer ${service}.${method}: what in serverless.yml needs it?`);
  });
}
