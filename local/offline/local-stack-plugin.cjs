// serverless loads plugins with require(). Only `serverless offline` loads the local stage's
// plugin (TypeScript, and the emulation behind it); every other command gets only the refusal to
// send the local stage to AWS, so that `serverless package` and `deploy` never load the emulation.
const LOCAL_STAGE = 'local';

class LocalStagePlugin {
  constructor(serverless, options) {
    if (serverless.processedInput.commands[0] === 'offline') {
      const { requireTypeScript } = require('../typescript.cjs');
      const { LocalStackPlugin } = requireTypeScript('./local-stack-plugin.ts', __filename);
      // biome-ignore lint/correctness/noConstructorReturn: serverless constructs this entry; for `offline` it gets the real plugin.
      return new LocalStackPlugin(serverless, options);
    }
    this.hooks = {
      initialize: async () => {
        const [command] = serverless.processedInput.commands;
        const stage = options.stage ?? serverless.service.provider.stage;
        if ((command === 'deploy' || command === 'remove') && stage === LOCAL_STAGE) {
          throw new serverless.classes.Error(
            `The "${stage}" stage runs on this machine (npm start) and is never sent to AWS. Name an AWS stage: npm run ${command} -- --stage prod`,
            'LOCAL_STAGE_ON_AWS',
          );
        }
      },
    };
  }
}

module.exports = LocalStagePlugin;
