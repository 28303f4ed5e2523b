import { describe, expect, it } from 'vitest';
import { type TrustSystem, trustPlan } from './trust-plan.ts';

const ca = { file: '/p/.local/tls/ca.pem', name: 'hello-auth local CA me@box 1a2b3c', sha1: 'AB12', serial: '7F01' };

function system(parts: Partial<TrustSystem> & { tools?: string[]; files?: string[] }): TrustSystem {
  const { tools = [], files = [], ...rest } = parts;
  return {
    platform: 'linux',
    home: '/home/me',
    isRoot: false,
    firefoxProfiles: [],
    has: (command) => tools.includes(command),
    exists: (file) => files.includes(file),
    ...rest,
  };
}

describe('trustPlan on Linux', () => {
  it('adds the CA to the NSS database Chrome and Chromium read, making it first when missing', () => {
    const plan = trustPlan('trust', ca, system({ tools: ['certutil'] }));
    expect(plan.steps).toEqual([
      { what: 'Make the folder /home/me/.pki/nssdb', folder: '/home/me/.pki/nssdb' },
      { what: 'Create the NSS database /home/me/.pki/nssdb', run: ['certutil', '-d', 'sql:/home/me/.pki/nssdb', '-N', '--empty-password'] },
      {
        what: 'Chrome/Chromium (/home/me/.pki/nssdb)',
        run: ['certutil', '-d', 'sql:/home/me/.pki/nssdb', '-A', '-t', 'C,,', '-n', ca.name, '-i', ca.file],
      },
    ]);
  });

  it("adds it to each Firefox profile's database too, and to an existing NSS database as it is", () => {
    const plan = trustPlan(
      'trust',
      ca,
      system({ tools: ['certutil'], files: ['/home/me/.pki/nssdb/cert9.db'], firefoxProfiles: ['/home/me/.mozilla/firefox/x.default'] }),
    );
    expect(plan.steps.map((step) => step.what)).toEqual([
      'Chrome/Chromium (/home/me/.pki/nssdb)',
      'Firefox (/home/me/.mozilla/firefox/x.default)',
    ]);
  });

  it('says the exact manual steps when certutil is missing, with the CA file', () => {
    const plan = trustPlan('trust', ca, system({}));
    expect(plan.steps).toEqual([]);
    expect(plan.manual[0]).toContain('apt-get install libnss3-tools');
    expect(plan.manual[0]).toContain(`certutil -d sql:/home/me/.pki/nssdb -A -t "C,," -n "${ca.name}" -i ${ca.file}`);
    expect(plan.manual[1]).toContain(`Import ${ca.file}`);
  });

  it("installs it in the system's authorities when run as root, and tells a person how otherwise", () => {
    const debian = {
      tools: ['certutil', 'update-ca-certificates'],
      files: ['/usr/local/share/ca-certificates', '/home/me/.pki/nssdb/cert9.db'],
    };
    const anchor = '/usr/local/share/ca-certificates/hello-auth-local-ca-me-box-1a2b3c.crt';
    expect(trustPlan('trust', ca, system({ ...debian, isRoot: true })).steps.slice(1)).toEqual([
      { what: `The system's authorities (${anchor})`, copy: { from: ca.file, to: anchor } },
      { what: `Rebuild the system's authorities`, run: ['update-ca-certificates', '--fresh'] },
    ]);
    expect(trustPlan('trust', ca, system(debian)).manual).toEqual([
      `For curl and other programs that read the system's authorities (needs root): sudo cp ${ca.file} ${anchor} && sudo update-ca-certificates --fresh`,
    ]);
  });

  it('removes it by its nickname, and from the system store only where it is', () => {
    const plan = trustPlan(
      'untrust',
      ca,
      system({
        tools: ['certutil', 'update-ca-certificates'],
        files: ['/home/me/.pki/nssdb/cert9.db', '/usr/local/share/ca-certificates'],
        isRoot: true,
      }),
    );
    expect(plan.steps).toEqual([
      { what: 'Chrome/Chromium (/home/me/.pki/nssdb)', run: ['certutil', '-d', 'sql:/home/me/.pki/nssdb', '-D', '-n', ca.name] },
    ]);
  });
});

describe('trustPlan on macOS and Windows', () => {
  it('adds it to the login keychain as a trusted root, and deletes it by its fingerprint', () => {
    const mac = system({ platform: 'darwin', home: '/Users/me', tools: ['security'] });
    const keychain = '/Users/me/Library/Keychains/login.keychain-db';
    expect(trustPlan('trust', ca, mac).steps).toEqual([
      { what: `The login keychain (${keychain})`, run: ['security', 'add-trusted-cert', '-r', 'trustRoot', '-k', keychain, ca.file] },
    ]);
    expect(trustPlan('untrust', ca, mac).steps).toEqual([
      { what: `The login keychain (${keychain})`, run: ['security', 'delete-certificate', '-Z', 'AB12', keychain] },
    ]);
  });

  it("adds it to the user's Root store with certutil, and deletes it by its serial number", () => {
    const windows = system({ platform: 'win32', tools: ['certutil'] });
    expect(trustPlan('trust', ca, windows).steps).toEqual([
      { what: "The user's Root store", run: ['certutil', '-user', '-addstore', 'Root', ca.file] },
    ]);
    expect(trustPlan('untrust', ca, windows).steps).toEqual([
      { what: "The user's Root store", run: ['certutil', '-user', '-delstore', 'Root', '7F01'] },
    ]);
    expect(trustPlan('trust', ca, system({ platform: 'win32' })).manual[0]).toContain(`Double-click ${ca.file}`);
  });
});
