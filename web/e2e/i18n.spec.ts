import { expect, test } from '@playwright/test'
import { PC, PHONE, newContext, screenshot, signIn } from './support'

/** (f) English throughout: the app's text, <html lang>, and the server's problem messages. */
test('(f) switching to English shows English text and asks the server in English', async ({ browser }) => {
  const { context, page } = await newContext(browser, PHONE)
  await page.goto('/')
  await expect(page.getByTestId('sign-in')).toHaveText('登录')
  await page.locator('#home-language').selectOption('en')
  await expect(page.getByTestId('sign-in')).toHaveText('Sign in')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page).toHaveTitle(/Four-in-One/)
  await screenshot(page, 'home-en')

  await signIn(page, 'resident-01')
  await expect(page.getByRole('heading', { name: 'My orders' })).toBeVisible()
  await expect(page.getByTestId('tab-place')).toContainText('New order')

  // a 404 comes back with its problem in English
  const answer = page.waitForResponse((r) => r.url().includes('/api/public/orders/O-DOES-NOT-EXIST'))
  await page.goto('/resident/orders/O-DOES-NOT-EXIST')
  const response = await answer
  expect(response.request().headers()['accept-language']).toBe('en')
  expect(response.status()).toBe(404)
  await expect(page.getByTestId('order-not-found')).toContainText('not found')

  // 三社联动's menu in English: the menu's own English names, prices, the volunteer note
  await page.goto('/resident/menu')
  await expect(page.getByRole('heading', { name: 'Service menu' })).toBeVisible()
  await expect(page.getByTestId('item-HOME_CARE')).toContainText('Home care for the elderly')
  await expect(page.getByTestId('item-HOME_CARE').getByTestId('item-volunteer')).toHaveText(/A volunteer comes along/)
  await expect(page.getByTestId('tab-menu')).toContainText('Services')
  await screenshot(page, 'resident-menu-en')
  await context.close()

  // the staff desk too
  const desk = await newContext(browser, PC)
  await desk.page.goto('/')
  await desk.page.locator('#header-language').selectOption('en')
  await signIn(desk.page, 'cw-dzm-01')
  await expect(desk.page.getByRole('heading', { name: 'Order queue' })).toBeVisible()
  await expect(desk.page.getByTestId('scope')).toContainText('Community: C-DZM-01')
  await desk.context.close()
})
