// serverless loads plugins with require(); the plugin itself is TypeScript.
const { requireTypeScript } = require('../typescript.cjs');

module.exports = requireTypeScript('./local-stack-plugin.ts', __filename).LocalStackPlugin;
