/** `label` and a suffix no earlier run has used: for pool names and the like. */
export function uniqueName(label: string): string {
  return `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
}

/** An address no earlier run has used. */
export function uniqueEmail(label: string, domain = 'example.com'): string {
  return `${uniqueName(label)}@${domain}`;
}
