import { describe, expect, it } from 'vitest';
import { LOCAL_ENV_NAMES } from '../local/config.ts';
import { PLACEMENT_ENV_NAMES, stackEnv } from './stack-env.ts';
import { TEST_CA_DIR } from './trusted-https.ts';

describe('stackEnv', () => {
  it('passes on every variable local/config.ts reads but the log level, only as given', () => {
    // A new variable in local/config.ts must be sorted here: placement (set by the tests) or not.
    expect(LOCAL_ENV_NAMES.filter((name) => !(PLACEMENT_ENV_NAMES as readonly string[]).includes(name))).toEqual(['COGNITO_LOG_LEVEL']);
  });

  it("drops the shell's ports and host names and sets the stack's own", () => {
    const shell = {
      API_PORT: '3999',
      WEB_PORT: '5999',
      MANAGED_LOGIN_PORT: '9443',
      PUBLIC_HOST: 'localhost',
      COGNITO_URL: 'http://cognito:9229',
      LOCAL_CA_DIR: '/home/me/ca',
      KEPT: 'yes',
    };
    const saved = Object.fromEntries(Object.keys(shell).map((name) => [name, process.env[name]]));
    Object.assign(process.env, shell);
    try {
      const env = stackEnv({ COGNITO_PORT: 40001, API_PORT: 40002 }, '/tmp/data', { LOCAL_STAGE: 'dev' });
      expect(env).toMatchObject({ COGNITO_PORT: '40001', API_PORT: '40002', LOCAL_DATA_DIR: '/tmp/data', LOCAL_STAGE: 'dev', KEPT: 'yes' });
      expect(env).not.toHaveProperty('PUBLIC_HOST');
      expect(env).not.toHaveProperty('COGNITO_URL');
      expect(env).not.toHaveProperty('WEB_PORT');
      expect(env).not.toHaveProperty('MANAGED_LOGIN_PORT');
      // Every stack the tests start shares the tests' CA, never the developer's.
      expect(env.LOCAL_CA_DIR).toBe(TEST_CA_DIR);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
