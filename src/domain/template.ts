/** Filling `{name}` placeholders: the one way every catalogue (domain, Sheets, CLI, sidebar, report) and the talking points do it. */

/**
 * `template` with each `{name}` replaced by `params[name]` in one pass: a value
 * is inserted as it is (a customer's `$&` or `{amount}` stays text), and a
 * placeholder without a value is left as written.
 */
export function fillPlaceholders(template: string, params: Readonly<Record<string, string | number>>): string {
  return fillPlaceholdersWith(template, (name) => (name in params ? params[name] : undefined));
}

/** `fillPlaceholders` with each value asked for when its placeholder is met (undefined: none, left as written). */
export function fillPlaceholdersWith(template: string, valueFor: (name: string) => string | number | undefined): string {
  const parts = partsOf(template);
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const v = valueFor(parts[i]);
    out += (v === undefined ? `{${parts[i]}}` : String(v)) + parts[i + 1];
  }
  return out;
}

/** Templates already split: text, placeholder name, text, … (a catalogue has a few hundred). */
const SPLIT = new Map<string, readonly string[]>();

/** A template split into text and placeholder names, alternately, starting and ending with text. */
function partsOf(template: string): readonly string[] {
  let parts = SPLIT.get(template);
  if (parts === undefined) {
    parts = template.split(/\{(\w+)\}/);
    if (SPLIT.size < 2000) SPLIT.set(template, parts);
  }
  return parts;
}
