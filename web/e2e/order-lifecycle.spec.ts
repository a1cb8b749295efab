import { expect, test } from '@playwright/test'
import { PC, PHONE, choose, expectAccessible, newContext, screenshot, signIn, type OrderTypeView } from './support'

/**
 * One order through its life across the roles: resident-01 places it in the volunteer system, the
 * community worker handles it to the end, the resident rates it; a resident of another community
 * cannot open it.
 */
test.describe.serial('an order from placing to rating', () => {
  let orderId = ''
  let typeName = ''
  const title = `e2e 帮忙 ${Date.now()}`

  test('(a) resident-01 places an order in the volunteer system and sees it on their list', async ({ browser }) => {
    const { context, page } = await newContext(browser, PHONE)
    await signIn(page, 'resident-01')
    await expect(page).toHaveURL(/\/resident\/orders/)
    await expect(page.getByTestId('my-orders')).toBeVisible()
    await expectAccessible(page, 'resident orders')
    await screenshot(page, 'resident-orders')

    await page.getByTestId('tab-place').click()
    const types = page.waitForResponse((r) => r.url().includes('/api/volunteer/order-types') && r.ok())
    await page.getByTestId('system-volunteer').click()
    const catalogue = (await (await types).json()) as OrderTypeView[]
    const type = catalogue.find((x) => x.channels?.includes('APP'))
    expect(type, 'a volunteer type offered through the app').toBeTruthy()
    typeName = type!.name
    await page.getByTestId(`type-${type!.code}`).click()
    await expect(page.getByTestId('chosen-type')).toHaveText(typeName)

    await page.locator('input[name="title"]').fill(title)
    await page.locator('textarea[name="description"]').fill('请帮忙，谢谢')
    if (type!.requires?.includes('address')) await page.locator('input[name="address"]').fill('东直门社区3号楼2单元101')
    await expectAccessible(page, 'place an order')
    await screenshot(page, 'resident-place-order')
    const placed = page.waitForResponse((r) => r.url().endsWith('/api/volunteer/orders') && r.request().method() === 'POST')
    await page.getByTestId('submit-order').click()
    const answer = await placed
    expect(answer.status()).toBe(201)
    expect(answer.request().headers()['idempotency-key']).toBeTruthy()
    orderId = ((await answer.json()) as { orderId: string }).orderId
    await expect(page.getByTestId('placed')).toContainText(orderId)

    await page.getByTestId('tab-orders').click()
    await expect(page.locator(`[data-testid="order-card"][data-order-id="${orderId}"]`)).toBeVisible()
    await page.locator(`[data-testid="order-card"][data-order-id="${orderId}"]`).click()
    await expect(page.getByTestId('next-handler')).toHaveText('等待社区受理')
    await expect(page.locator('[data-testid="timeline-entry"][data-action="PLACED"]')).toHaveCount(1)
    await expectAccessible(page, 'resident order detail')
    await screenshot(page, 'resident-order-detail')
    await context.close()
  })

  test('(b) cw-dzm-01 finds it in the queue, accepts, assigns, starts and completes it', async ({ browser }) => {
    const { context, page } = await newContext(browser, PC)
    await signIn(page, 'cw-dzm-01')
    await expect(page).toHaveURL(/\/desk/)
    await expect(page.getByTestId('scope')).toContainText('C-DZM-01')
    await expect(page.getByTestId(`open-${orderId}`)).toBeVisible()
    await expectAccessible(page, 'staff queue')
    await screenshot(page, 'desk-queue')

    await page.getByTestId(`open-${orderId}`).click()
    await expect(page.getByTestId('timeline')).toBeVisible()
    await expect(page.locator('[data-testid="timeline-entry"][data-action="PLACED"]')).toHaveCount(1)
    await expectAccessible(page, 'staff order')
    await screenshot(page, 'desk-order')

    const run = async (command: string, fill?: () => Promise<void>) => {
      await page.getByTestId(`command-${command}`).click()
      await fill?.()
      const done = page.waitForResponse((r) => r.url().includes(`/api/volunteer/orders/${orderId}/${command}`))
      await page.getByTestId('command-confirm').click()
      expect((await done).status(), command).toBe(200)
      await expect(page.getByTestId('command-done')).toBeVisible()
    }
    await run('accept')
    await run('assign', async () => {
      await choose(page, 'assignee-type', '志愿者')
      await page.locator('#assignee').fill('vol-li')
    })
    await expect(page.getByTestId('assignment')).toContainText('vol-li')
    await run('start')
    await run('complete')
    await expect(page.locator('.head [data-testid="status-tag"]')).toHaveAttribute('data-status', 'COMPLETED')
    for (const action of ['PLACED', 'ACCEPTED', 'ASSIGNED', 'STARTED', 'COMPLETED'])
      await expect(page.locator(`[data-testid="timeline-entry"][data-action="${action}"]`)).toHaveCount(1)
    await context.close()
  })

  test('(c) resident-01 rates it with 好差评 and a comment, and the rating shows', async ({ browser }) => {
    const { context, page } = await newContext(browser, PHONE)
    await signIn(page, 'resident-01')
    await page.goto(`/resident/orders/${orderId}`)
    await expect(page.getByTestId('next-todo')).toHaveText('请您评价这次服务。')
    await expect(page.getByTestId('rate-form')).toBeVisible()
    await expectAccessible(page, 'rate an order')
    await page.getByTestId('level-VERY_SATISFIED').click()
    await page.locator('[data-testid="rate-comment"] textarea').fill('志愿者很耐心')
    const rated = page.waitForResponse((r) => r.url().includes(`/api/volunteer/orders/${orderId}/rate`))
    await page.getByTestId('rate-submit').click()
    expect((await rated).status()).toBe(200)
    await expect(page.getByTestId('order-rating')).toContainText('非常满意')
    await expect(page.getByTestId('order-rating')).toContainText('志愿者很耐心')
    await expect(page.getByTestId('rate-form')).toHaveCount(0)
    await context.close()
  })

  test('(e) resident-02 of another community opens that order and is told it is not found', async ({ browser }) => {
    const { context, page } = await newContext(browser, PHONE)
    await signIn(page, 'resident-02')
    const answer = page.waitForResponse((r) => r.url().includes(`/api/public/orders/${orderId}`) && r.request().method() === 'GET')
    await page.goto(`/resident/orders/${orderId}`)
    expect((await answer).status()).toBe(404)
    await expect(page.getByTestId('order-not-found')).toBeVisible()
    await expect(page.getByTestId('order-type')).toHaveCount(0)
    await context.close()
  })
})
