// serverless-offline require()s `custom.offline.customAuthenticationProvider`; the provider
// itself is TypeScript.
const { requireTypeScript } = require('../typescript.cjs');

module.exports = requireTypeScript('./auth-provider.ts', __filename).createAuthStrategy;
