import type { Page } from '@playwright/test';

/**
 * Points the page's own Amplify (the modules Vite served it, so the flow is the one the browser
 * runs) at `pool`, signed out, and leaves its Auth API at `window.pageAuth` for the test's next
 * `page.evaluate`.
 */
export async function usePageAmplify(page: Page, pool: Record<string, string>): Promise<void> {
  await page.evaluate(async (pool) => {
    const loaded = performance.getEntriesByType('resource').map((entry) => entry.name);
    const authUrl = loaded.find((url) => /\/aws-amplify_auth\.js/.test(url));
    const coreUrl = loaded.find((url) => /\/aws-amplify\.js/.test(url));
    if (!authUrl || !coreUrl) throw new Error(`the page did not load Amplify: ${loaded.join(', ')}`);
    const [{ Amplify }, auth] = await Promise.all([import(coreUrl), import(authUrl)]);
    Amplify.configure({ Auth: { Cognito: pool } });
    await auth.signOut();
    (window as unknown as { pageAuth: unknown }).pageAuth = auth;
  }, pool);
}
