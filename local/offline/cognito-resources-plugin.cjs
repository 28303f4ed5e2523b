// serverless loads plugins with require(); the plugin itself is TypeScript.
const { require: requireTypeScript } = require('tsx/cjs/api');

module.exports = requireTypeScript('./cognito-resources-plugin.ts', __filename).CognitoResourcesPlugin;
