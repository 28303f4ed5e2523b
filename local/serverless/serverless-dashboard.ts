/**
 * `org` and `app` name the Serverless Dashboard (serverless's service, not AWS's): with them,
 * serverless's dashboard plugin, loaded after the service's plugins, wants a login and its
 * servers. The local stage and `check:deploy` need neither, so a plugin of theirs takes them out
 * of the service before that plugin reads them. Returns `org/app` when they were there.
 */
export function leaveTheDashboardOut(service: { org?: string; app?: string }): string | undefined {
  if (service.org === undefined && service.app === undefined) return undefined;
  const dashboard = `${service.org ?? '-'}/${service.app ?? '-'}`;
  delete service.org;
  delete service.app;
  return dashboard;
}
