import { defineConfig, devices } from '@playwright/test'

/**
 * Browser tests of the web app against a running platform (./deploy/local/run.sh --demo): the
 * gateway serves the app (BASE_URL, default http://localhost:8080; the Vite dev server at
 * http://localhost:5173 works too) and the local OIDC provider signs in at localhost:9000.
 * Debian's chromium: never `npx playwright install`.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // files run side by side (each file's tests in order, in one worker): every spec signs in as
  // its own users and finds its own orders by id, so two files never wait on each other's data
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  reporter: 'list',
  outputDir: '../target/e2e-results',
  use: {
    baseURL: process.env.BASE_URL ?? 'http://localhost:8080',
    ...devices['Desktop Chrome'],
    locale: 'zh-CN',
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-quic',
        '--no-first-run',
        '--disable-sync',
      ],
    },
  },
})
