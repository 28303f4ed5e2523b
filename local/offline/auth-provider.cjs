// serverless-offline require()s `custom.offline.customAuthenticationProvider`; the provider
// itself is TypeScript.
const { require: requireTypeScript } = require('tsx/cjs/api');

module.exports = requireTypeScript('./auth-provider.ts', __filename).createAuthStrategy;
