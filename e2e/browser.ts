import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from '@playwright/test';

/** Chromium builds this project will drive before downloading Playwright's own. */
const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/**
 * The browser the end-to-end tests launch: `CHROMIUM_PATH` if set, else a system Chromium, else
 * Playwright's own Chromium, installed on first use. Returns undefined for Playwright's own.
 */
export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv))
      throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist. Point it at a Chromium or Chrome binary, or unset it.`);
    return fromEnv;
  }
  const system = SYSTEM_CHROMIUMS.find((candidate) => existsSync(candidate));
  if (system) return system;
  if (!existsSync(chromium.executablePath())) installPlaywrightChromium();
  return undefined;
}

function installPlaywrightChromium(): void {
  const cli = path.join(path.dirname(createRequire(import.meta.url).resolve('@playwright/test/package.json')), 'cli.js');
  console.log("No Chromium on this machine: installing Playwright's (once)…");
  try {
    execFileSync(process.execPath, [cli, 'install', 'chromium'], { stdio: 'inherit' });
  } catch (cause) {
    throw new Error("Could not install Playwright's Chromium. Install one (Debian: `apt-get install chromium`) or set CHROMIUM_PATH.", {
      cause,
    });
  }
}

/** Flags that keep Chromium quiet on machines without internet. */
export const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
