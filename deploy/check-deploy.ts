// `npm run check:deploy`: packages the prod stage exactly as `npm run deploy` would (offline, no
// credentials) and checks the CloudFormation template and the Lambda packages against what
// serverless.yml declares, before any deploy.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import JSZip from 'jszip';
import { QUIET_TOOLCHAIN_ENV } from '../local/quiet-toolchain.ts';
import { CHECK_REPORT_ENV } from './deploy-plugin.ts';
import type { LambdaPackage } from './bundle-checks.ts';
import { templateFindings, type CfnTemplate, type CheckFindings, type ServiceExpectations } from './template-checks.ts';

const STAGE = 'prod';
const serverless = path.join(path.dirname(createRequire(import.meta.url).resolve('serverless/package.json')), 'bin/serverless.js');

/** Packages `stage` of `config` (serverless.yml unless given) and checks it; the problems are empty when it may deploy. */
export async function checkDeploy(options: { config?: string; stage?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CheckFindings & { failure?: string }> {
  const stage = options.stage ?? STAGE;
  const packageDir = mkdtempSync(path.join(os.tmpdir(), 'hello-auth-package-'));
  const report = path.join(packageDir, 'deploy-check.json');
  // Lets check:deploy package beside a running `npm start` without deleting its bundles.
  const workFolder = `.esbuild-check-${process.pid}-${path.basename(packageDir)}`;
  try {
    const packaging = spawnSync(process.execPath, [serverless, 'package', '--stage', stage, '--package', packageDir, ...(options.config ? ['--config', options.config] : [])], {
      env: { ...process.env, ...options.env, ...QUIET_TOOLCHAIN_ENV, ESBUILD_WORK_FOLDER: workFolder, [CHECK_REPORT_ENV]: report },
      encoding: 'utf8',
    });
    if (packaging.status !== 0) return { problems: [], notes: [], failure: `serverless package --stage ${stage} failed:\n${packaging.stdout}${packaging.stderr}` };
    if (!existsSync(report)) {
      return { problems: ["serverless package did not run ./deploy/deploy-plugin.cjs, which reads serverless.yml's routes for this check and orders the API's deployment: add it to serverless.yml's plugins."], notes: [] };
    }
    const template = JSON.parse(readFileSync(path.join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8')) as CfnTemplate;
    const service = JSON.parse(readFileSync(report, 'utf8')) as ServiceExpectations;
    const packages: LambdaPackage[] = await Promise.all(
      readdirSync(packageDir)
        .filter((file) => file.endsWith('.zip'))
        .map(async (zip) => ({ zip, files: Object.keys((await JSZip.loadAsync(readFileSync(path.join(packageDir, zip)))).files) })),
    );
    return templateFindings(template, service, packages);
  } finally {
    rmSync(packageDir, { recursive: true, force: true });
    rmSync(workFolder, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { config: { type: 'string' } } });
  const { problems, notes, failure } = await checkDeploy({ config: values.config });
  if (failure) {
    console.error(failure);
    process.exit(1);
  }
  if (problems.length > 0) {
    console.error(`The ${STAGE} stage is not ready to deploy:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    process.exit(1);
  }
  console.log(
    `The ${STAGE} stage packages as serverless.yml declares it: every route's authorizer (or none) on its method, user pools that exist, ` +
      `the web client's outputs and sign-in flows, GatewayResponses deployed with the API, no local-only settings, only handler code in the functions' packages.`,
  );
  for (const note of notes) console.log(`  - ${note}`);
}
