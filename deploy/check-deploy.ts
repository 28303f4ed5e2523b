// `npm run check:deploy`: packages the prod stage exactly as `npm run deploy` would (offline, no
// credentials) and checks the CloudFormation template and the Lambda packages against what
// serverless.yml declares, before any deploy.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { QUIET_TOOLCHAIN_ENV } from '../local/quiet-toolchain.ts';
import type { LambdaPackage } from './bundle-checks.ts';
import { CHECK_REPORT_ENV } from './deploy-plugin.ts';
import { linkedServiceCopy } from './package-copy.ts';
import type { CfnTemplate } from '../local/cloudformation/template.ts';
import { templateFindings, type CheckFindings, type ServiceExpectations } from './template-checks.ts';

const STAGE = 'prod';
/** Packaging takes seconds here; a plugin that waits on a network this check has not got must not hang it. */
const PACKAGE_TIMEOUT_MS = 180_000;
const serviceDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const serverless = path.join(path.dirname(createRequire(import.meta.url).resolve('serverless/package.json')), 'bin/serverless.js');

export interface CheckDeployOptions {
  /** The service's configuration, instead of serverless.yml (tests check edited copies). */
  readonly config?: { readonly file: string; readonly text: string };
  /** Added to serverless's environment. */
  readonly env?: NodeJS.ProcessEnv;
}

/** Packages the prod stage and checks it: `failure` when it does not package, `problems` when it must not deploy. */
export async function checkDeploy(options: CheckDeployOptions = {}): Promise<CheckFindings & { failure?: string; template?: CfnTemplate }> {
  const copy = linkedServiceCopy(serviceDir);
  const packageDir = path.join(copy, '.serverless');
  const report = path.join(copy, '.serverless-deploy-check.json');
  // serverless-esbuild leaves a folder in the temporary one after each package: this one goes with the copy.
  const temporary = path.join(copy, '.tmp');
  mkdirSync(temporary);
  try {
    if (options.config) writeFileSync(path.join(copy, options.config.file), options.config.text);
    const args = [serverless, 'package', '--stage', STAGE, ...(options.config ? ['--config', options.config.file] : [])];
    const env = {
      ...process.env,
      // The local emulation's config refuses these: an AWS stage packages without loading it.
      API_PORT: 'nope',
      COGNITO_PORT: 'nope',
      ...options.env,
      ...QUIET_TOOLCHAIN_ENV,
      ESBUILD_WORK_FOLDER: '.esbuild',
      TMPDIR: temporary,
      [CHECK_REPORT_ENV]: report,
    };
    try {
      await promisify(execFile)(process.execPath, args, { cwd: copy, env, timeout: PACKAGE_TIMEOUT_MS });
    } catch (error) {
      const { stdout = '', stderr = '', killed } = error as { stdout?: string; stderr?: string; killed?: boolean };
      const why = killed ? `did not finish within ${PACKAGE_TIMEOUT_MS / 60_000} minutes (a plugin waiting for the network?)` : 'failed';
      return { problems: [], notes: [], failure: `serverless package --stage ${STAGE} ${why}:\n${stdout}${stderr}` };
    }
    if (!existsSync(report)) {
      return {
        problems: [
          "serverless package did not run ./deploy/deploy-plugin.cjs, which reads serverless.yml's routes for this check and orders the API's deployment: add it to serverless.yml's plugins.",
        ],
        notes: [],
      };
    }
    const template = JSON.parse(readFileSync(path.join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8')) as CfnTemplate;
    const service = JSON.parse(readFileSync(report, 'utf8')) as ServiceExpectations;
    const packages: LambdaPackage[] = await Promise.all(
      readdirSync(packageDir)
        .filter((file) => file.endsWith('.zip'))
        .map(async (zip) => ({ zip, files: Object.keys((await JSZip.loadAsync(readFileSync(path.join(packageDir, zip)))).files) })),
    );
    return { ...templateFindings(template, service, packages), template };
  } finally {
    // Removes the links, not what they point at.
    rmSync(copy, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { problems, notes, failure } = await checkDeploy();
  if (failure) {
    console.error(failure);
    process.exit(1);
  }
  if (problems.length > 0) {
    console.error(`The ${STAGE} stage is not ready to deploy:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    process.exit(1);
  }
  console.log(
    `The ${STAGE} stage packages as serverless.yml declares it: every route's authorizer (or none) on its method or HTTP API route, user pools (and JWT issuers) that exist, ` +
      `the web client's outputs and sign-in flows, Cognito's permission to run each LambdaConfig trigger, API Gateway's permission to invoke each Lambda authorizer, app clients' OAuth settings, GatewayResponses deployed with the API, no local-only settings, only handler code in the functions' packages.`,
  );
  for (const note of notes) console.log(`  - ${note}`);
}
