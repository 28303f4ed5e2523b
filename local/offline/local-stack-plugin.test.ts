import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/** The entry serverless loads (serverless.yml plugins): CommonJS. */
const LocalStagePlugin = createRequire(import.meta.url)('./local-stack-plugin.cjs') as new (
  serverless: unknown,
  options: { stage?: string },
) => { hooks: Record<string, () => Promise<void>> };

describe('the local stage plugin, outside `serverless offline`', () => {
  /** serverless's user-facing error: a message without a stack trace. */
  class ServerlessError extends Error {}

  function plugin(command: string, stage: string | undefined, providerStage = 'local') {
    const serverless = {
      processedInput: { commands: [command] },
      classes: { Error: ServerlessError },
      service: { provider: { stage: providerStage } },
    };
    return new LocalStagePlugin(serverless, stage === undefined ? {} : { stage });
  }

  it('refuses to deploy the local stage, naming the flag to use', async () => {
    const refusal = plugin('deploy', undefined).hooks.initialize!();
    await expect(refusal).rejects.toBeInstanceOf(ServerlessError);
    await expect(refusal).rejects.toThrow(
      'The "local" stage runs on this machine (npm start) and is never sent to AWS. Name an AWS stage: npm run deploy -- --stage prod',
    );
  });

  it('refuses to remove the local stage from AWS', async () => {
    await expect(plugin('remove', 'local').hooks.initialize!()).rejects.toThrow('npm run remove -- --stage prod');
  });

  it('lets any other stage deploy, and the local stage package', async () => {
    await expect(plugin('deploy', 'prod').hooks.initialize!()).resolves.toBeUndefined();
    await expect(plugin('package', undefined).hooks.initialize!()).resolves.toBeUndefined();
  });

  it('hooks nothing else: packaging never loads the local emulation', () => {
    expect(Object.keys(plugin('package', 'prod').hooks)).toEqual(['initialize']);
  });
});
