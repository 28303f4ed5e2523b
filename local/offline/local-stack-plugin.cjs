// serverless loads plugins with require(); the plugin itself is TypeScript.
const { require: requireTypeScript } = require('tsx/cjs/api');

module.exports = requireTypeScript('./local-stack-plugin.ts', __filename).LocalStackPlugin;
