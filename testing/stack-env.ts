import { QUIET_TOOLCHAIN_ENV } from '../local/quiet-toolchain.ts';
import type { StackPorts } from './free-ports.ts';
import { TEST_CA_DIR } from './trusted-https.ts';

/**
 * What local/config.ts reads to decide where a stack listens, keeps its data and what its URLs
 * are. A stack the tests start never inherits these from the shell that runs the tests (a
 * developer's `API_PORT` or `PUBLIC_HOST` would move it away from where the tests look).
 */
export const PLACEMENT_ENV_NAMES = [
  'COGNITO_PORT',
  'API_PORT',
  'LAMBDA_PORT',
  'WEB_PORT',
  'MANAGED_LOGIN_PORT',
  'LOCAL_DATA_DIR',
  'LOCAL_CA_DIR',
  'LOCAL_STAGE',
  'BIND_HOST',
  'PUBLIC_HOST',
  'COGNITO_URL',
  'LAMBDA_URL',
  'SEED_USERS_FILE',
] as const;

/**
 * The environment of a process of a stack the tests start: this process's, without any placement
 * variable, then quiet toolchain settings, the given ports and data folder, the tests' one local
 * CA (trusted-https.ts: each stack's fresh data folder would otherwise make a CA of its own, which
 * the test browser does not trust), and `extra` last.
 */
export function stackEnv(
  ports: Partial<StackPorts>,
  dataDir: string,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string | undefined> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !(PLACEMENT_ENV_NAMES as readonly string[]).includes(name)),
  );
  const portEnv = Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)]));
  return { ...inherited, ...QUIET_TOOLCHAIN_ENV, ...portEnv, LOCAL_DATA_DIR: dataDir, LOCAL_CA_DIR: TEST_CA_DIR, ...extra };
}
