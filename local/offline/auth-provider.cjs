// serverless-offline require()s `custom.offline.customAuthenticationProvider` and calls it for
// each endpoint. The strategy comes from the adapter the local stage's plugin installed: the same
// compiled module as the plugin (local-stack-plugin.cjs), hence the same adapter.
const { requireTypeScript } = require('../typescript.cjs');

module.exports = requireTypeScript('./local-stack-plugin.ts', __filename).createAuthStrategy;
