import { expect, test } from '@playwright/test'
import { PC, expectAccessible, newContext, screenshot, signIn } from './support'

/** The district dashboard draws the server's figures; it never lists orders. */
test('the district admin sees the dashboard from GET /orders/statistics', async ({ browser }) => {
  const { context, page } = await newContext(browser, PC)
  const listed: string[] = []
  page.on('request', (r) => {
    if (/\/api\/[a-z]+\/orders(\?|$)/.test(r.url()) && r.method() === 'GET') listed.push(r.url())
  })
  const stats = page.waitForResponse((r) => r.url().includes('/orders/statistics'))
  await signIn(page, 'admin')
  await expect(page).toHaveURL(/\/dashboard/)
  expect((await stats).status()).toBe(200)
  await expect(page.getByTestId('fig-total')).toBeVisible()
  await expect(page.getByTestId('chart-system')).toBeVisible()
  await page.locator('#d-overdue').fill('24')
  const again = page.waitForResponse((r) => r.url().includes('overdueAfterHours=24'))
  await page.getByTestId('d-apply').click()
  expect((await again).status()).toBe(200)
  await expect(page.getByTestId('fig-overdue')).toContainText('24')
  await expectAccessible(page, 'dashboard')
  await screenshot(page, 'dashboard')
  expect(listed, 'the dashboard downloads no order lists').toEqual([])
  await context.close()
})

test('a street officer works on their street’s queue, and the header says so', async ({ browser }) => {
  const { context, page } = await newContext(browser, PC)
  await signIn(page, 'street-dzm')
  await expect(page).toHaveURL(/\/desk/)
  await expect(page.getByTestId('scope')).toContainText('S-DZM')
  await expect(page.getByTestId('queue')).toBeVisible()
  await context.close()
})
