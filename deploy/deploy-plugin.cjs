// serverless loads plugins with require(); the plugin itself is TypeScript.
const { requireTypeScript } = require('../local/typescript.cjs');

module.exports = requireTypeScript('./deploy-plugin.ts', __filename).DeployPlugin;
