// @vscode/test-cli config (`npm run test:electron`), for contributors whose machine can download
// VS Code. Without internet, `npm run test:integration` runs the same suites in code-server.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'out/test/integration/host/**/*.test.js',
  workspaceFolder: 'test/fixtures/workspace',
  mocha: { ui: 'tdd', timeout: 60_000 },
});
