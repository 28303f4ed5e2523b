// `npm run check:deploy`: packages the prod stage exactly as `npm run deploy` would (offline, no
// credentials) and checks the CloudFormation template and the Lambda package before any deploy.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { QUIET_TOOLCHAIN_ENV } from '../local/quiet-toolchain.ts';
import { templateProblems, type CfnTemplate } from './template-checks.ts';

const STAGE = 'prod';
const serverless = path.join(path.dirname(createRequire(import.meta.url).resolve('serverless/package.json')), 'bin/serverless.js');
const packageDir = mkdtempSync(path.join(os.tmpdir(), 'hello-auth-package-'));
const workFolder = `.esbuild-check-${process.pid}`;

try {
  const packaging = spawnSync(process.execPath, [serverless, 'package', '--stage', STAGE, '--package', packageDir], {
    env: { ...process.env, ...QUIET_TOOLCHAIN_ENV, ESBUILD_WORK_FOLDER: workFolder },
    encoding: 'utf8',
  });
  if (packaging.status !== 0) {
    console.error(`serverless package --stage ${STAGE} failed:\n${packaging.stdout}${packaging.stderr}`);
    process.exit(1);
  }
  const template = JSON.parse(readFileSync(path.join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8')) as CfnTemplate;
  const zips = readdirSync(packageDir).filter((file) => file.endsWith('.zip'));
  const bundledFiles = (
    await Promise.all(zips.map(async (zip) => Object.keys((await JSZip.loadAsync(readFileSync(path.join(packageDir, zip)))).files)))
  ).flat();

  const problems = templateProblems(template, bundledFiles);
  if (problems.length > 0) {
    console.error(`The ${STAGE} stage is not ready to deploy:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    process.exit(1);
  }
  console.log(`The ${STAGE} stage packages cleanly: Cognito authorizer on the secured route, public route open, GatewayResponses deployed with the API, outputs present, no local-only settings, every handler bundled.`);
} finally {
  rmSync(packageDir, { recursive: true, force: true });
  rmSync(workFolder, { recursive: true, force: true });
}
