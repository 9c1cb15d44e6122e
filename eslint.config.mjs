// ESLint for the browser code (`make lint`): the recommended rules, with the globals of the scope
// each file runs in. The vendored files under static/vendor/ are npm's, not ours.
import js from "@eslint/js";
import globals from "globals";

const STATIC = "src/spinecoach/web/static";
const SERVICE_WORKER = `${STATIC}/sw.js`;
const AUDIO_WORKLET = `${STATIC}/player/probe-worklet.js`;

export default [
  { ignores: [`${STATIC}/vendor/`] },
  js.configs.recommended,
  {
    // A leading underscore marks a parameter kept for its place, as in playback.py's `now`.
    rules: { "no-unused-vars": ["error", { argsIgnorePattern: "^_" }] },
  },
  {
    files: [`${STATIC}/**/*.js`],
    ignores: [SERVICE_WORKER, AUDIO_WORKLET],
    languageOptions: { sourceType: "module", globals: globals.browser },
  },
  {
    // A classic script, after Swagger UI's.
    files: [`${STATIC}/js/docs.js`],
    languageOptions: { sourceType: "script" },
  },
  {
    files: [SERVICE_WORKER],
    languageOptions: { sourceType: "script", globals: globals.serviceworker },
  },
  {
    files: [AUDIO_WORKLET],
    languageOptions: { sourceType: "script", globals: globals.audioWorklet },
  },
];
