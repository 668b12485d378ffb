/** The part of gas-local (no types of its own) the bundle test uses. */
declare module "gas-local" {
  /** Runs every .js file under `folder` in one vm context made from `globals`, as Apps Script does; returns that context. */
  export function require(folder: string, globals?: object, options?: { filter?: (file: string) => boolean }): Record<string, unknown>;
  /** gas-local's default Logger and Utilities mocks. */
  export const globalMockDefault: object;
}
