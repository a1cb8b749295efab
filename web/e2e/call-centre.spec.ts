import { expect, test } from '@playwright/test'
import { PC, PHONE, TABLET, choose, expectAccessible, newContext, screenshot, signIn } from './support'

/** (d) The call centre places an order for a resident who called, and reads it back. */
test('(d) cc-dzm-01 finds resident-01, records consent, places an order for them and reads it back', async ({ browser }) => {
  // the resident's name as their file has it
  const resident = await newContext(browser, PHONE)
  await signIn(resident.page, 'resident-01')
  await resident.page.getByTestId('tab-profile').click()
  const name = (await resident.page.locator('[data-testid="profile-name"] .van-cell__value').innerText()).trim()
  expect(name).not.toBe('')
  await expectAccessible(resident.page, 'resident profile')
  await screenshot(resident.page, 'resident-profile')
  await resident.page.getByTestId('tab-communities').click()
  await expect(resident.page.getByTestId('community').first()).toBeVisible()
  await expect(resident.page.getByTestId('community-phone').first()).toHaveAttribute('href', /^tel:/)
  await expectAccessible(resident.page, 'community directory')
  await screenshot(resident.page, 'resident-communities')

  const { context, page } = await newContext(browser, PC)
  await signIn(page, 'cc-dzm-01')
  await expect(page).toHaveURL(/\/console/)
  await expect(page.locator('#s-community')).toHaveValue('C-DZM-01')
  await page.locator('#s-name').fill(name)
  const found = page.waitForResponse((r) => r.url().includes('/api/public/residents?'))
  await page.getByTestId('search-submit').click()
  expect((await found).status()).toBe(200)
  const pick = page.locator('[data-testid^="pick-"]').first()
  await expect(pick).toBeVisible()
  await expect(page.getByTestId('search-results')).toContainText('*')
  await pick.click()
  await expect(page.getByTestId('picked')).toContainText(name)

  await page.getByTestId('c-system-volunteer').click()
  await choose(page, 'c-type', /./)
  await page.locator('#c-title').fill('电话代下单')
  await page.locator('#c-description').fill('老人来电，需要帮忙')
  if (await page.locator('#c-address').count()) await page.locator('#c-address').fill('东直门社区3号楼2单元101')
  // no consent yet: refused here, before the server
  await page.getByTestId('c-submit').click()
  await expect(page.getByTestId('consent-error')).toBeVisible()
  await page.getByTestId('consent-given').click()
  await page.getByTestId('consent-PHONE_RECORDING').click()
  await expectAccessible(page, 'call-centre console')
  await screenshot(page, 'console')

  const placed = page.waitForResponse((r) => r.url().endsWith('/api/volunteer/orders') && r.request().method() === 'POST')
  await page.getByTestId('c-submit').click()
  const answer = await placed
  expect(answer.status()).toBe(201)
  const order = (await answer.json()) as { orderId: string; channel: string; consent: { given: boolean; how: string } }
  expect(order.channel).toBe('CALL_CENTER')
  expect(order.consent).toEqual({ given: true, how: 'PHONE_RECORDING' })
  await expect(page.getByTestId('read-back')).toBeVisible()
  await expect(page.getByTestId('rb-number')).toHaveText(order.orderId)
  await expect(page.getByTestId('read-back-text')).toContainText(order.orderId)
  await expect(page.getByTestId('read-back-text')).toContainText('等待社区受理')
  await screenshot(page, 'console-read-back')

  // door-to-door mode: same screen, the channel and consent change
  await page.getByTestId('next-call').click()
  await page.setViewportSize(TABLET)
  await page.getByTestId('door-mode').click()
  await expect(page.getByTestId('console-channel')).toHaveText('上门服务')
  await screenshot(page, 'console-door-to-door')
  await context.close()

  // the resident sees it in the portal
  await resident.page.getByTestId('tab-orders').click()
  await expect(resident.page.locator(`[data-testid="order-card"][data-order-id="${order.orderId}"]`)).toBeVisible()
  await resident.context.close()
})
