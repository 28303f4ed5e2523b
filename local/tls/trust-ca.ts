// `npm run trust-ca` / `npm run untrust-ca`: tells this machine's browsers to trust the local CA
// (or to stop), so that the managed login's https:// pages open without a warning.
// `npm run trust-ca -- <ca.pem>` takes another CA file (a compose stack's, copied out of it).
import path from 'node:path';
import { localConfig } from '../config.ts';
import { CA_FILES, LocalCaError } from './local-ca.ts';
import { type TrustAction, trustPlan } from './trust-plan.ts';
import { applyTrustPlan, readTrustedCa, thisSystem } from './trust-runner.ts';

const action: TrustAction = process.argv.includes('--remove') ? 'untrust' : 'trust';
const fileArgument = process.argv.slice(2).find((argument) => !argument.startsWith('--'));

try {
  const ca = readTrustedCa(path.resolve(fileArgument ?? path.join(localConfig.caDir, CA_FILES.caCertificate)));
  const done = applyTrustPlan(action, ca, trustPlan(action, ca, thisSystem()), (line) => console.log(line));
  process.exit(done ? 0 : 1);
} catch (error) {
  if (!(error instanceof LocalCaError)) throw error;
  console.error(error.message);
  process.exit(1);
}
