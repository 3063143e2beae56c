// @ts-check
// ESLint 9 flat config: JavaScript and TypeScript recommendations, React hooks rules and accessibility checks for
// JSX. `npm run lint` runs it with --max-warnings 0, so a warning fails `npm test` like an error does.
// Import floors (routes → components → server modules → domain → db / indicators) are checked by
// tests/integration/import-floors.test.ts, whose messages say which floor a module may reach.
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", "public/build/**", ".cache/**", "data/**", "tests/.artifacts/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      // Unused names are mistakes, except a deliberate `_` prefix (e.g. a destructured field left out on purpose).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["app/**/*.tsx", "app/**/*.ts"],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ["app/**/*.tsx"],
    ...jsxA11y.flatConfigs.recommended,
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      // Checked on DOM elements; a component such as <Field autoFocus> decides for itself (the login form, alone on
      // its page, puts the cursor in the user name as people expect).
      "jsx-a11y/no-autofocus": ["error", { ignoreNonDOM: true }],
    },
  },
  {
    // Migrations are typed against no schema (Kysely's documented `Kysely<any>`: frozen in time, they must not
    // follow db/schema.ts), and the dialect helpers serve both the app's schema and the migrations'. Tests read
    // into whatever a route returned.
    files: ["db/migrations/**/*.ts", "db/dialect.ts", "db/*.test.ts", "tests/**/*.ts", "**/*.test.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
