// `npm run reset`: forget every local user, code, pool id and inbox message; keep the local CA,
// which a person may have told their browsers to trust.
import { existsSync } from 'node:fs';
import { localConfig } from './config.ts';
import { removeAllBut } from './remove-all-but.ts';
import { assertPortsFree } from './ports.ts';

try {
  await assertPortsFree(localConfig.host, { Cognito: { port: localConfig.cognitoPort, env: 'COGNITO_PORT' } });
} catch {
  console.error(`The local stack seems to be running (port ${localConfig.cognitoPort} is taken). Stop \`npm start\` first, then reset.`);
  process.exit(1);
}

if (!existsSync(localConfig.dataDir)) {
  console.log(`Nothing to reset: ${localConfig.dataDir} does not exist.`);
} else {
  removeAllBut(localConfig.dataDir, localConfig.caDir);
  console.log(`Removed ${localConfig.dataDir}: the local user pool and its users, their codes and tokens, and the dev inbox.`);
  if (existsSync(localConfig.caDir)) {
    console.log(`Kept the local CA (${localConfig.caDir}): browsers told to trust it go on trusting the managed login.`);
  }
  console.log('The next `npm start` creates the pool again from serverless.yml, with the seed users of local/seed-users.json.');
}
