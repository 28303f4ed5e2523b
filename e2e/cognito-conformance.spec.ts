// The local Cognito against Cognito's documented rules, one test per rule, each run with a real
// client (AWS SDK v3, amazon-cognito-identity-js, Amplify v6) against the running emulator. The
// rules live in e2e/cognito-conformance/rules-*.ts: the behaviour, its AWS source, the answer.
import { test } from '@playwright/test';
import { cognito } from './cognito-conformance/pools.ts';
import { amplifyOperations } from './cognito-conformance/rules-amplify-operations.ts';
import { answers } from './cognito-conformance/rules-answers.ts';
import { clientSecrets } from './cognito-conformance/rules-client-secret.ts';
import { disabledUsers } from './cognito-conformance/rules-disabled.ts';
import { discovery } from './cognito-conformance/rules-discovery.ts';
import { happyPath } from './cognito-conformance/rules-happy-path.ts';
import { lockout } from './cognito-conformance/rules-lockout.ts';
import { mfa } from './cognito-conformance/rules-mfa.ts';
import { newPasswordRequired } from './cognito-conformance/rules-new-password.ts';
import { rotation } from './cognito-conformance/rules-rotation.ts';

const TOPICS = [
  happyPath,
  disabledUsers,
  lockout,
  newPasswordRequired,
  clientSecrets,
  mfa,
  discovery,
  amplifyOperations,
  rotation,
  answers,
];

// No browser runs here: a trace would hold only the sources, and writing one costs seconds for
// each rule the emulator does not keep yet.
test.use({ trace: 'off', screenshot: 'off' });
test.afterAll(() => cognito.destroy());

for (const topic of TOPICS) {
  test.describe(topic.title, () => {
    for (const { rule, aws, source, client, run } of topic.rules) {
      test(`${rule} [${client}]`, async () => {
        test.info().annotations.push({ type: 'AWS', description: aws }, { type: 'source', description: source });
        await run();
      });
    }
  });
}
