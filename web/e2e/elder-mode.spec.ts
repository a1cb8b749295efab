import { expect, test, type Page } from '@playwright/test'
import { PC, PHONE, expectAccessible, newContext, screenshot, signIn } from './support'
import { measureElderMode } from './elder'

/** (g) 长辈模式 on every main screen: text ≥ 18 px, line height ≥ 1.3, targets ≥ 60 × 60 px. */
async function expectElder(page: Page, screen: string) {
  await expect(page.locator('html')).toHaveClass(/elder/)
  await page.waitForLoadState('networkidle')
  const problems = await measureElderMode(page)
  expect(problems, `elder mode on ${screen}`).toEqual([])
  await expectAccessible(page, `${screen} (elder mode)`)
  await screenshot(page, `elder-${screen}`)
}

test('(g) elder mode: the home screen, then every resident screen', async ({ browser }) => {
  const { context, page } = await newContext(browser, PHONE)
  await page.goto('/')
  await page.getByTestId('elder-switch').first().click()
  await expect(page.getByTestId('elder-switch').first()).toHaveAttribute('aria-pressed', 'true')
  await expectElder(page, 'home')

  await signIn(page, 'resident-01')
  // the device's choice carries over to a user who never chose
  await expectElder(page, 'resident-orders')
  const card = page.getByTestId('order-card').first()
  if (await card.count()) {
    await card.click()
    await expect(page.getByTestId('order-detail')).toBeVisible()
    await expectElder(page, 'resident-order-detail')
  }
  await page.getByTestId('tab-place').click()
  await expectElder(page, 'resident-place-system')
  await page.getByTestId('system-volunteer').click()
  await expect(page.locator('[data-testid^="type-"]').first()).toBeVisible()
  await expectElder(page, 'resident-place-type')
  await page.locator('[data-testid^="type-"]').first().click()
  await expectElder(page, 'resident-place-form')
  await page.getByTestId('tab-communities').click()
  await expect(page.getByTestId('community').first()).toBeVisible()
  await expectElder(page, 'resident-communities')
  await page.getByTestId('tab-profile').click()
  await expect(page.getByTestId('profile-name')).toBeVisible()
  await expectElder(page, 'resident-profile')
  await page.goto('/settings')
  await expectElder(page, 'settings')
  await context.close()
})

test('(g) elder mode: the staff desk, the console and the dashboard', async ({ browser }) => {
  const worker = await newContext(browser, PC)
  await signIn(worker.page, 'cw-dzm-01')
  await worker.page.getByTestId('elder-switch').click()
  await expect(worker.page.getByTestId('queue')).toBeVisible()
  await expectElder(worker.page, 'desk-queue')
  const open = worker.page.locator('[data-testid^="open-"]').first()
  if (await open.count()) {
    await open.click()
    await expect(worker.page.getByTestId('timeline')).toBeVisible()
    await expectElder(worker.page, 'desk-order')
  }
  await worker.page.getByTestId('desk-register-link').click()
  await expectElder(worker.page, 'desk-register')
  // remembered for this user
  await worker.page.reload()
  await expect(worker.page.locator('html')).toHaveClass(/elder/)
  await worker.context.close()

  const operator = await newContext(browser, PC)
  await signIn(operator.page, 'cc-dzm-01')
  await operator.page.getByTestId('elder-switch').click()
  await expectElder(operator.page, 'console')
  await operator.context.close()

  const admin = await newContext(browser, PC)
  await signIn(admin.page, 'admin')
  await admin.page.getByTestId('elder-switch').click()
  await expect(admin.page.getByTestId('fig-total')).toBeVisible()
  await expectElder(admin.page, 'dashboard')
  await admin.context.close()
})

test('(g) elder mode: 三社联动 — the service menu, the dispatch board, tasks, the registry and the star rating', async ({ browser }) => {
  test.setTimeout(180_000)
  const resident = await newContext(browser, PHONE)
  await signIn(resident.page, 'resident-01')
  await resident.page.getByTestId('elder-switch').click()
  await resident.page.getByTestId('tab-menu').click()
  await expect(resident.page.getByTestId('item-HOME_CARE')).toBeVisible()
  await expectElder(resident.page, 'resident-menu')
  await resident.page.getByTestId('order-HOME_CARE').click()
  await expect(resident.page.getByTestId('place-menu-item')).toBeVisible()
  await expectElder(resident.page, 'resident-menu-order')
  await resident.context.close()

  const staff = await newContext(browser, PC)
  await signIn(staff.page, 'org-jiale')
  await staff.page.getByTestId('elder-switch').click()
  await expect(staff.page.getByTestId('dispatch-board')).toBeVisible()
  // its orders, or (on a platform where none has been dispatched to it yet) the empty board
  await expect(
    staff.page.locator('[data-testid^="dispatch-SANSHE-"], [data-testid="dispatch-board"] [data-testid="empty"]').first(),
  ).toBeVisible()
  await expectElder(staff.page, 'sanshe-dispatch-board')
  await staff.page.goto('/sanshe/organisations/ORG-JIALE')
  await expect(staff.page.getByTestId('offer-HOME_CARE')).toBeVisible()
  await expectElder(staff.page, 'sanshe-organisation')
  await staff.context.close()

  const worker = await newContext(browser, PC)
  await signIn(worker.page, 'sw-jiale-01')
  await worker.page.getByTestId('elder-switch').click()
  await expect(worker.page.getByTestId('tasks')).toBeVisible()
  await expectElder(worker.page, 'sanshe-tasks')
  await worker.context.close()

  const admin = await newContext(browser, PC)
  await signIn(admin.page, 'admin')
  await admin.page.getByTestId('elder-switch').click()
  await admin.page.goto('/sanshe/organisations')
  await expect(admin.page.getByTestId('org-ORG-JIALE')).toBeVisible()
  await expectElder(admin.page, 'sanshe-organisations')
  await admin.page.getByTestId('register-organisation-link').click()
  await expect(admin.page.getByTestId('register-organisation-form')).toBeVisible()
  await expectElder(admin.page, 'sanshe-register')
  await admin.page.goto('/sanshe/evaluation')
  await expect(admin.page.getByTestId('round-select')).toBeVisible()
  await expectElder(admin.page, 'sanshe-evaluation')
  await admin.context.close()
})
