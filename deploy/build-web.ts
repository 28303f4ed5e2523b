// `npm run build:web [-- --stage <name> [--region <region>]]`: builds the web client into
// web/dist for a static host, configured from a stack's Outputs — the deployed CloudFormation
// stack for an AWS stage, `.local/stack.json` for the local one.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CognitoIdentityProviderClient, DescribeUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { localConfig, localStackFile, managedLoginUrl } from '../local/config.ts';
import { readLocalStack } from '../local/cloudformation/local-stack.ts';
import { localHostedUi } from '../local/web/web-plan.ts';
import { QUIET_TOOLCHAIN_ENV } from '../local/quiet-toolchain.ts';
import { awsHostedUi, webBuildEnv, type StackOutputs } from '../web/build-env.ts';
import type { HostedUi } from '../web/hosted-ui-env.ts';

const binary = (pkg: string, bin: string) => path.join(path.dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`)), bin);

/** The service name and region serverless resolves for `stage` (no credentials needed). */
function serviceAndRegion(stage: string, region: string | undefined): { service: string; region: string } {
  const printed = spawnSync(
    process.execPath,
    [binary('serverless', 'bin/serverless.js'), 'print', '--stage', stage, '--format', 'json', ...(region ? ['--region', region] : [])],
    {
      env: { ...process.env, ...QUIET_TOOLCHAIN_ENV },
      encoding: 'utf8',
    },
  );
  if (printed.status !== 0) throw new Error(`serverless print failed:\n${printed.stdout}${printed.stderr}`);
  const config = JSON.parse(printed.stdout) as { service: string; provider: { region: string } };
  return { service: config.service, region: config.provider.region };
}

async function deployedOutputs(stage: string, regionOption: string | undefined): Promise<{ outputs: StackOutputs; region: string }> {
  const { service, region } = serviceAndRegion(stage, regionOption);
  const stackName = `${service}-${stage}`;
  const cloudFormation = new CloudFormationClient({ region });
  try {
    const { Stacks = [] } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    return { outputs: Object.fromEntries((Stacks[0]?.Outputs ?? []).map((output) => [output.OutputKey!, output.OutputValue])), region };
  } catch (error) {
    const { name, message } = error as Error;
    if (name === 'CredentialsProviderError')
      throw new Error('No AWS credentials: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.');
    if (message.includes('does not exist'))
      throw new Error(`No stack ${stackName} in ${region}: deploy it first (npm run deploy -- --stage ${stage}).`);
    throw error;
  } finally {
    cloudFormation.destroy();
  }
}

/** The deployed web client's hosted UI: its OAuth settings as Cognito has them (one source: the app client). */
async function deployedHostedUi(outputs: StackOutputs, region: string): Promise<HostedUi | undefined> {
  const { UserPoolId, UserPoolClientId } = outputs;
  if (!UserPoolId || !UserPoolClientId) return undefined;
  const cognito = new CognitoIdentityProviderClient({ region });
  try {
    const { UserPoolClient = {} } = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId: UserPoolClientId }));
    return awsHostedUi(outputs, UserPoolClient);
  } finally {
    cognito.destroy();
  }
}

async function main(): Promise<void> {
  Object.assign(process.env, QUIET_TOOLCHAIN_ENV);
  const { values } = parseArgs({ options: { stage: { type: 'string', default: localConfig.stage }, region: { type: 'string' } } });
  const stage = values.stage!;
  const env =
    stage === localConfig.stage
      ? (() => {
          const stack = readLocalStack(localStackFile);
          // Wherever the built page is served, its hosted UI is the local managed login.
          return webBuildEnv(stack.outputs, stack.cognitoEndpoint, localHostedUi(stack, { host: new URL(managedLoginUrl).host }));
        })()
      : await (async () => {
          const { outputs, region } = await deployedOutputs(stage, values.region);
          return webBuildEnv(outputs, undefined, await deployedHostedUi(outputs, region));
        })();

  const build = spawnSync(
    process.execPath,
    [binary('vite', 'bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      env: { ...process.env, ...env },
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
  console.log(`web/dist is built for the ${stage} stage (API ${env.VITE_API_URL}, user pool ${env.VITE_USER_POOL_ID}).`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
