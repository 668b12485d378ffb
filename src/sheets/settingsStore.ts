/**
 * Settings kept in the document's properties (one JSON value per key, each well
 * under the 9 KB limit), merged over the defaults.
 */
import { type Settings, defaultSettings, validateSettings } from "../domain/settings";

/** The property key holding the store's settings. */
export const SETTINGS_KEY = "daihou.settings";

/** Reads settings from a property store; bad or missing values fall back to defaults. */
export function loadSettings(props: GoogleAppsScript.Properties.Properties): Settings {
  const text = props.getProperty(SETTINGS_KEY);
  const base = defaultSettings();
  if (!text) return base;
  try {
    const merged = { ...base, ...(JSON.parse(text) as Partial<Settings>) };
    return validateSettings(merged).length === 0 ? merged : base;
  } catch {
    return base;
  }
}

/** The store's settings read on first use and kept (the defaults when the properties cannot be read, as in a custom function without access). */
export function settingsOnDemand(
  propertiesService: Pick<GoogleAppsScript.Properties.PropertiesService, "getDocumentProperties">,
): () => Settings {
  let settings: Settings | undefined;
  return () => {
    if (!settings) {
      try {
        settings = loadSettings(propertiesService.getDocumentProperties());
      } catch {
        settings = defaultSettings();
      }
    }
    return settings;
  };
}

/** Saves settings after validating them; returns the problems (nothing saved when any). */
export function saveSettings(props: GoogleAppsScript.Properties.Properties, settings: Settings): string[] {
  const problems = validateSettings(settings);
  if (problems.length === 0) props.setProperty(SETTINGS_KEY, JSON.stringify(settings));
  return problems;
}

/**
 * Changes some stored settings and keeps the rest as stored (even values that do
 * not validate, which `loadSettings` ignores: the store's own text is not lost).
 */
export function updateStoredSettings(props: GoogleAppsScript.Properties.Properties, patch: Partial<Settings>): void {
  let stored: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(props.getProperty(SETTINGS_KEY) ?? "{}");
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) stored = parsed as Record<string, unknown>;
  } catch {
    // Unreadable: start again from the patch.
  }
  props.setProperty(SETTINGS_KEY, JSON.stringify({ ...stored, ...patch }));
}
