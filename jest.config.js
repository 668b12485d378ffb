/** Jest: TypeScript through @swc/jest (type checking is `tsc --noEmit`, run by `npm test`). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.(t|j)sx?$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2020" }, module: { type: "commonjs" } }] },
  transformIgnorePatterns: ["/node_modules/"],
  testTimeout: 60000,
};
