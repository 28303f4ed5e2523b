import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PORTS, LOCAL_ENV_NAMES, readLocalConfig } from './config.ts';

describe('readLocalConfig', () => {
  it('serves the managed login on 9443 unless MANAGED_LOGIN_PORT moves it', () => {
    expect(readLocalConfig({}).managedLoginPort).toBe(9443);
    expect(DEFAULT_PORTS.MANAGED_LOGIN_PORT).toBe(9443);
    expect(readLocalConfig({ MANAGED_LOGIN_PORT: '8443' }).managedLoginPort).toBe(8443);
  });

  it('refuses a MANAGED_LOGIN_PORT that is not a port, naming the variable', () => {
    expect(() => readLocalConfig({ MANAGED_LOGIN_PORT: 'https' })).toThrow('MANAGED_LOGIN_PORT=https is not a port number (1-65535).');
    expect(() => readLocalConfig({ MANAGED_LOGIN_PORT: '70000' })).toThrow('MANAGED_LOGIN_PORT=70000 is not a port number');
  });

  it('keeps the local CA in .local/tls for every stage, so that a person trusts one CA', () => {
    expect(readLocalConfig({}).caDir).toBe(path.resolve('.local/tls'));
    expect(readLocalConfig({ LOCAL_STAGE: 'dev' }).caDir).toBe(path.resolve('.local/tls'));
    expect(readLocalConfig({ LOCAL_STAGE: 'dev' }).dataDir).toBe(path.resolve('.local/stages/dev'));
  });

  it('keeps it in the data folder given, or where LOCAL_CA_DIR says (the tests share one CA between stacks)', () => {
    expect(readLocalConfig({ LOCAL_DATA_DIR: '/data' }).caDir).toBe('/data/tls');
    expect(readLocalConfig({ LOCAL_DATA_DIR: '/data', LOCAL_CA_DIR: '/shared/ca' }).caDir).toBe('/shared/ca');
  });

  it('lists both variables among those it reads', () => {
    expect(LOCAL_ENV_NAMES).toEqual(expect.arrayContaining(['MANAGED_LOGIN_PORT', 'LOCAL_CA_DIR']));
  });
});
