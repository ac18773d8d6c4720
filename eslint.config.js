import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", ".local/", "dist/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    // The explorer is plain browser JavaScript.
    files: ["src/explorer/**/*.js"],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ["examples/**/*.mjs"],
    languageOptions: { globals: globals.node },
  },
  {
    // Tests read untyped JSON responses; typing every one would hide the assertions.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
