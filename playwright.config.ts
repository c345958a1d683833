import { defineConfig } from '@playwright/test'
import { chromiumArgs, chromiumExecutable } from './test/support/chromium'

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumExecutable(), args: chromiumArgs },
    viewport: { width: 1280, height: 800 },
    locale: 'es-ES',
  },
})
