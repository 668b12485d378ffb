import { previewMode } from "../../src/node/preview";

describe("the preview's address", () => {
  it("?loan=ID alone opens that account's card", () => {
    expect(previewMode(null, "HT-001")).toBe("customer");
  });
  it("?mode= wins; without either, the course", () => {
    expect(previewMode("course", "HT-001")).toBe("course");
    expect(previewMode("settings", "")).toBe("settings");
    expect(previewMode(null, null)).toBe("course");
    expect(previewMode(null, "  ")).toBe("course");
    expect(previewMode("bogus", null)).toBe("course");
  });
});
