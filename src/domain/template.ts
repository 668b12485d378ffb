/** Filling `{name}` placeholders: the one way every catalogue (domain, Sheets, CLI, sidebar, report) and the talking points do it. */

/**
 * `template` with each `{name}` replaced by `params[name]` in one pass: a value
 * is inserted as it is (a customer's `$&` or `{amount}` stays text), and a
 * placeholder without a value is left as written.
 */
export function fillPlaceholders(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
