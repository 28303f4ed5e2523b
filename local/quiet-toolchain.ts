/**
 * Environment for the toolchain's processes: no serverless telemetry or notifications (v3 sends
 * telemetry on errors and on some runs), no AWS SDK end-of-support notices (v2 inside
 * cognito-local; v3's warning that its 2027 releases need Node 22, while Lambda runs nodejs20.x).
 */
export const QUIET_TOOLCHAIN_ENV = {
  SLS_TELEMETRY_DISABLED: '1',
  SLS_NOTIFICATIONS_MODE: 'off',
  AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
} as const;
