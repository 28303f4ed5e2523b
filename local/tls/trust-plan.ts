// What `npm run trust-ca` and `npm run untrust-ca` do on each system: a plan of plain steps, so
// that what runs on a person's machine is what the unit tests read. Where browsers read their
// authorities: Chrome and Chromium on Linux, the NSS database ~/.pki/nssdb (Firefox, one per
// profile); macOS, the login keychain; Windows, the user's Root store.
import path from 'node:path';

/** The CA to install or remove. */
export interface TrustedCa {
  /** Its certificate's PEM file. */
  readonly file: string;
  /** Its common name: the NSS nickname, and how a person finds it in a list. */
  readonly name: string;
  /** SHA-1 fingerprint, hex without colons (macOS deletes by it). */
  readonly sha1: string;
  /** Serial number, hex (Windows deletes by it). */
  readonly serial: string;
}

/** What the plan may look at on this machine. */
export interface TrustSystem {
  readonly platform: NodeJS.Platform;
  readonly home: string;
  readonly isRoot: boolean;
  /** Whether a command is on the PATH. */
  has(command: string): boolean;
  exists(file: string): boolean;
  /** Firefox profile folders that hold an NSS database (cert9.db). */
  readonly firefoxProfiles: readonly string[];
}

export type TrustStep =
  | { readonly what: string; readonly run: readonly [string, ...string[]] }
  | { readonly what: string; readonly copy: { readonly from: string; readonly to: string } }
  | { readonly what: string; readonly remove: string }
  | { readonly what: string; readonly folder: string };

export interface TrustPlan {
  readonly steps: readonly TrustStep[];
  /** What the person must do by hand (a tool is missing, root is needed): exact steps. */
  readonly manual: readonly string[];
}

export type TrustAction = 'trust' | 'untrust';

export function trustPlan(action: TrustAction, ca: TrustedCa, system: TrustSystem): TrustPlan {
  if (system.platform === 'darwin') return macPlan(action, ca, system);
  if (system.platform === 'win32') return windowsPlan(action, ca, system);
  return linuxPlan(action, ca, system);
}

const CHROME_MANUAL = (ca: TrustedCa) =>
  `Or in Chrome: Settings → Privacy and security → Security → Manage certificates → Authorities → Import ${ca.file}, trusted for websites.`;

function linuxPlan(action: TrustAction, ca: TrustedCa, system: TrustSystem): TrustPlan {
  const steps: TrustStep[] = [];
  const manual: string[] = [];
  const nssdb = path.join(system.home, '.pki', 'nssdb');
  if (system.has('certutil')) {
    if (action === 'trust') {
      if (!system.exists(path.join(nssdb, 'cert9.db'))) {
        steps.push(
          { what: `Make the folder ${nssdb}`, folder: nssdb },
          { what: `Create the NSS database ${nssdb}`, run: ['certutil', '-d', `sql:${nssdb}`, '-N', '--empty-password'] },
        );
      }
      steps.push(nssAdd(`Chrome/Chromium (${nssdb})`, nssdb, ca));
      for (const profile of system.firefoxProfiles) steps.push(nssAdd(`Firefox (${profile})`, profile, ca));
    } else if (system.exists(path.join(nssdb, 'cert9.db'))) {
      steps.push(nssDelete(`Chrome/Chromium (${nssdb})`, nssdb, ca));
      for (const profile of system.firefoxProfiles) steps.push(nssDelete(`Firefox (${profile})`, profile, ca));
    }
  } else {
    const verb = action === 'trust' ? `-A -t "C,," -n "${ca.name}" -i ${ca.file}` : `-D -n "${ca.name}"`;
    manual.push(
      `certutil (NSS's tool, which Chrome and Firefox read their authorities with) is not installed: install it (Debian/Ubuntu: apt-get install libnss3-tools; Fedora: dnf install nss-tools) and run this again, or run: certutil -d sql:${nssdb} ${verb}`,
    );
    if (action === 'trust') manual.push(CHROME_MANUAL(ca));
  }
  const store = systemStore(system);
  const anchor = store && path.join(store.folder, `${slug(ca.name)}.crt`);
  if (store && anchor && system.isRoot) {
    if (action === 'trust') steps.push({ what: `The system's authorities (${anchor})`, copy: { from: ca.file, to: anchor } });
    else if (system.exists(anchor)) steps.push({ what: `The system's authorities (${anchor})`, remove: anchor });
    if (action === 'trust' || system.exists(anchor)) steps.push({ what: `Rebuild the system's authorities`, run: store.update });
  } else if (store && anchor && action === 'trust') {
    manual.push(
      `For curl and other programs that read the system's authorities (needs root): sudo cp ${ca.file} ${anchor} && sudo ${store.update.join(' ')}`,
    );
  }
  return { steps, manual };
}

function nssAdd(what: string, db: string, ca: TrustedCa): TrustStep {
  return { what, run: ['certutil', '-d', `sql:${db}`, '-A', '-t', 'C,,', '-n', ca.name, '-i', ca.file] };
}

function nssDelete(what: string, db: string, ca: TrustedCa): TrustStep {
  return { what, run: ['certutil', '-d', `sql:${db}`, '-D', '-n', ca.name] };
}

/** Debian's and Fedora's folders of extra authorities, and the command that rebuilds the store from them. */
function systemStore(system: TrustSystem): { folder: string; update: [string, ...string[]] } | undefined {
  if (system.exists('/usr/local/share/ca-certificates') && system.has('update-ca-certificates')) {
    return { folder: '/usr/local/share/ca-certificates', update: ['update-ca-certificates', '--fresh'] };
  }
  if (system.exists('/etc/pki/ca-trust/source/anchors') && system.has('update-ca-trust')) {
    return { folder: '/etc/pki/ca-trust/source/anchors', update: ['update-ca-trust', 'extract'] };
  }
  return undefined;
}

function slug(name: string): string {
  return name.replace(/[^A-Za-z0-9.-]+/g, '-').toLowerCase();
}

function macPlan(action: TrustAction, ca: TrustedCa, system: TrustSystem): TrustPlan {
  const keychain = path.join(system.home, 'Library', 'Keychains', 'login.keychain-db');
  const step: TrustStep =
    action === 'trust'
      ? { what: `The login keychain (${keychain})`, run: ['security', 'add-trusted-cert', '-r', 'trustRoot', '-k', keychain, ca.file] }
      : { what: `The login keychain (${keychain})`, run: ['security', 'delete-certificate', '-Z', ca.sha1, keychain] };
  const firefox =
    action === 'trust'
      ? [
          'Firefox keeps its own authorities: Settings → Privacy & Security → Certificates → View Certificates → Authorities → Import ' +
            ca.file,
        ]
      : [];
  if (!system.has('security')) {
    return { steps: [], manual: [`Open Keychain Access, drag ${ca.file} into the login keychain and set it to Always Trust.`, ...firefox] };
  }
  return { steps: [step], manual: firefox };
}

function windowsPlan(action: TrustAction, ca: TrustedCa, system: TrustSystem): TrustPlan {
  const step: TrustStep =
    action === 'trust'
      ? { what: "The user's Root store", run: ['certutil', '-user', '-addstore', 'Root', ca.file] }
      : { what: "The user's Root store", run: ['certutil', '-user', '-delstore', 'Root', ca.serial] };
  if (!system.has('certutil')) {
    return {
      steps: [],
      manual: [`Double-click ${ca.file} → Install Certificate → Current User → Trusted Root Certification Authorities.`],
    };
  }
  return { steps: [step], manual: [] };
}
