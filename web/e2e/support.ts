import type { AxeResults } from 'axe-core'
import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test'
import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'

export const PASSWORD = 'demo1234'
export const PHONE = { width: 390, height: 844 }
export const TABLET = { width: 1024, height: 1366 }
export const PC = { width: 1366, height: 900 }

const SCREENSHOT_DIR = resolve(process.env.SCREENSHOT_DIR ?? join(process.cwd(), '..', 'docs', 'web'))

/** A fresh browser context (no session) at a size, in a language (and with more options: geolocation …). */
export async function newContext(
  browser: Browser,
  viewport = PC,
  locale = 'zh-CN',
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale, isMobile: viewport === PHONE, hasTouch: viewport !== PC, ...options })
  const page = await context.newPage()
  return { context, page }
}

/** Signs in through the provider's login form; returns once the app routed by role. */
export async function signIn(page: Page, username: string, password = PASSWORD) {
  await page.goto('/')
  await page.getByTestId('sign-in').click()
  await page.waitForURL(/\/login/)
  await page.locator('input[name="username"]').fill(username)
  await page.locator('input[name="password"]').fill(password)
  await page.locator('button[type="submit"], input[type="submit"]').first().click()
  await page.waitForURL((url) => !url.pathname.startsWith('/callback') && !url.pathname.startsWith('/login') && url.origin === new URL(page.url()).origin)
  await expect(page.getByTestId('sign-out')).toBeVisible()
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/**
 * No serious or critical WCAG 2 A/AA violation on the page as it is: axe-core's `axe.run` in the
 * page, loaded once per document (the app is one document: its screens are routes). Run so, one
 * check costs ~0.25 s here; @axe-core/playwright's `analyze()` took ~1.5 s, injecting axe anew each
 * time and finishing every run in a blank page of its own (for cross-origin frames, which the app
 * has none of: the OIDC silent-renew frame is hidden and not checked).
 */
export async function expectAccessible(page: Page, screen: string) {
  expect(await seriousViolations(page), `accessibility of ${screen}`).toEqual([])
}

/** The serious and critical WCAG 2 A/AA violations axe finds on the page, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe
    const result: AxeResults = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'], iframes: false })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target.map(String) })) }))
  })
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join('\n  ')}`)
}

/**
 * A screenshot of a main screen for docs/web.md; none with SCREENSHOTS=off (the README's test
 * command runs so: it checks the screens, it does not redraw the docs' pictures).
 */
export async function screenshot(page: Page, name: string) {
  if (process.env.SCREENSHOTS === 'off') return
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  // the tab bar stays at the bottom of the picture instead of floating over the middle
  await page.screenshot({
    path: join(SCREENSHOT_DIR, `${name}.png`),
    fullPage: true,
    style: '.van-tabbar--fixed { position: static !important; } .van-tabbar__placeholder { height: auto !important; }',
  })
}

/** Picks an enabled option of an Element Plus select (found by its input's id) and waits until the select shows it. */
export async function choose(page: Page, selectId: string, option: string | RegExp) {
  const select = page.locator(`.el-select:has(#${selectId})`)
  const item = select.locator('.el-select-dropdown__item:visible:not(.is-disabled)', { hasText: option }).first()
  // the options may still be loading when the list opens, and an item that re-renders under the
  // pointer loses the click: open, pick and look again until the select shows the option
  await expect(async () => {
    if (!(await item.isVisible())) await select.locator('.el-select__wrapper').click()
    await item.click({ timeout: 5_000 })
    await expect(select.locator('.el-select__placeholder:not(.is-transparent)')).toContainText(option, { timeout: 1_000 })
  }, `option ${option} of select #${selectId}`).toPass({ timeout: 30_000 })
}

export interface OrderTypeView {
  code: string
  name: string
  requires?: string[]
  channels?: string[]
  assignees?: string[]
}

/** A call to the API from the signed-in page, with its access token (for what a test sets up or reads back). */
export async function apiCall<T = unknown>(
  page: Page,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ path, init }) => {
      const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'))
      const token = key ? (JSON.parse(sessionStorage.getItem(key)!).access_token as string) : null
      const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...(init.headers ?? {}) }
      if (token) headers.Authorization = `Bearer ${token}`
      if (init.body !== undefined) headers['Content-Type'] = 'application/json'
      const r = await fetch(path, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) })
      const text = await r.text()
      let body: unknown = null
      try {
        body = text ? JSON.parse(text) : null
      } catch {
        body = text
      }
      return { status: r.status, body: body as T }
    },
    { path, init },
  )
}
