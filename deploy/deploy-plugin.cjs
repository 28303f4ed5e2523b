// serverless loads plugins with require(); the plugin itself is TypeScript.
const { require: requireTypeScript } = require('tsx/cjs/api');

module.exports = requireTypeScript('./deploy-plugin.ts', __filename).DeployPlugin;
