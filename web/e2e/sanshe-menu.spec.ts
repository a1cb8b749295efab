import { expect, test, type Page } from '@playwright/test'
import { PC, PHONE, choose, expectAccessible, newContext, screenshot, signIn } from './support'

/**
 * 三社联动 from the service menu to the rating: resident-01 orders 居家养老照护 (HOME_CARE) from the
 * menu; the dispatcher offers it to one of the organisations serving C-DZM-01 (ORG-JIALE or
 * ORG-XINYUAN, by the rules: stars, then the least recently dispatched), whose staff accept it on
 * their board and give it to their social worker; the worker starts and completes it; the resident
 * sees it completed and rates it. The other organisation never sees it on its board.
 */
const ORGS = {
  'ORG-JIALE': { staff: 'org-jiale', worker: 'sw-jiale-01' },
  'ORG-XINYUAN': { staff: 'org-xinyuan', worker: 'sw-xinyuan-01' },
} as const
type Org = keyof typeof ORGS

/** The board of an organisation's staff, read again until the order shows (or not). */
const card = (page: Page, orderId: string) => page.getByTestId(`dispatch-${orderId}`)

test.describe.serial('三社联动: a menu order through dispatch, the worker and the rating', () => {
  let orderId = ''
  let taker: Org = 'ORG-JIALE'
  const title = `e2e 居家养老照护 ${Date.now()}`

  test('(a) resident-01 opens the service menu and orders 居家养老照护', async ({ browser }) => {
    const { context, page } = await newContext(browser, PHONE)
    await signIn(page, 'resident-01')
    const menu = page.waitForResponse((r) => r.url().includes('/api/sanshe/menu') && r.ok())
    await page.getByTestId('tab-menu').click()
    await expect(page).toHaveURL(/\/resident\/menu/)
    const body = (await (await menu).json()) as { categories: number; items: number; menu: { code: string; items: { code: string; providers: unknown[] }[] }[] }
    expect(body.categories).toBe(12)
    expect(body.items).toBe(120)
    await expect(page.getByTestId('menu-summary')).toContainText('12')
    await expect(page.locator('[data-testid^="category-toggle-"]')).toHaveCount(12)

    // the first category (养老服务) is open: HOME_CARE with its providers in C-DZM-01, price and stars
    const care = page.getByTestId('item-HOME_CARE')
    await expect(care).toBeVisible()
    await expect(care.getByTestId('item-volunteer')).toHaveText(/需要志愿者陪同/)
    for (const org of Object.keys(ORGS)) await expect(care.getByTestId(`provider-${org}`)).toBeVisible()
    await expect(care.getByTestId('provider-ORG-JIALE').getByTestId('provider-price')).toHaveText(/^(免费|¥\d+(\.\d+)?)$/)
    await expect(care.getByTestId('provider-ORG-JIALE').getByTestId('stars')).toBeVisible()
    // an item nobody offers in the community is shown, and says the community dispatches it
    const unserved = body.menu.flatMap((c) => c.items).find((i) => i.providers.length === 0)
    expect(unserved, 'an item no organisation offers in C-DZM-01').toBeTruthy()
    const category = body.menu.find((c) => c.items.some((i) => i.code === unserved!.code))!
    if ((await page.getByTestId(`category-toggle-${category.code}`).getAttribute('aria-expanded')) !== 'true')
      await page.getByTestId(`category-toggle-${category.code}`).click()
    await expect(page.getByTestId(`item-${unserved!.code}`).getByTestId('no-provider')).toContainText('人工派单')
    await expectAccessible(page, 'service menu')
    await screenshot(page, 'resident-menu')

    // ordering opens the place-order form with the item chosen and its title filled in
    await page.getByTestId('order-HOME_CARE').click()
    await expect(page).toHaveURL(/\/resident\/new\?.*type=HOME_CARE/)
    await expect(page.getByTestId('chosen-type')).toHaveText('居家养老照护')
    await expect(page.getByTestId('place-menu-item')).toBeVisible()
    await expect(page.getByTestId('place-volunteer')).toBeVisible()
    await page.locator('input[name="title"]').fill(title)
    await page.locator('textarea[name="description"]').fill('老人腿脚不便，需要上门照护半天')
    await page.locator('input[name="address"]').fill('东直门社区3号楼2单元101')
    await expectAccessible(page, 'place a menu order')
    await screenshot(page, 'resident-menu-order')
    const placed = page.waitForResponse((r) => r.url().endsWith('/api/sanshe/orders') && r.request().method() === 'POST')
    await page.getByTestId('submit-order').click()
    const answer = await placed
    expect(answer.status()).toBe(201)
    expect(answer.request().headers()['idempotency-key']).toBeTruthy()
    const order = (await answer.json()) as { orderId: string; orderType: { code: string }; volunteerWanted?: { skill: string } }
    orderId = order.orderId
    expect(order.orderType.code).toBe('HOME_CARE')
    expect(order.volunteerWanted?.skill).toBeTruthy()
    await expect(page.getByTestId('placed')).toContainText(orderId)
    await context.close()
  })

  test('(b) the organisation the dispatcher picked accepts it on its board and gives it to its worker; the other never sees it', async ({ browser }) => {
    const boards = {} as Record<Org, { page: Page; close: () => Promise<void> }>
    for (const org of Object.keys(ORGS) as Org[]) {
      const { context, page } = await newContext(browser, PC)
      await signIn(page, ORGS[org].staff)
      await expect(page).toHaveURL(/\/sanshe\/dispatch/)
      await expect(page.getByTestId('scope')).toContainText(org)
      boards[org] = { page, close: () => context.close() }
    }
    // the dispatcher runs every 5 s; the boards read themselves again every 5 s
    await expect
      .poll(
        async () => {
          for (const org of Object.keys(ORGS) as Org[]) if ((await card(boards[org].page, orderId).count()) > 0) return org
          return null
        },
        { timeout: 45_000, intervals: [1000] },
      )
      .not.toBeNull()
    taker = (await card(boards['ORG-JIALE'].page, orderId).count()) > 0 ? 'ORG-JIALE' : 'ORG-XINYUAN'
    const other: Org = taker === 'ORG-JIALE' ? 'ORG-XINYUAN' : 'ORG-JIALE'
    const page = boards[taker].page
    const mine = card(page, orderId)
    await expect(mine).toHaveAttribute('data-state', 'OFFERED')
    await expect(mine.getByTestId('dispatch-deadline')).toContainText(/还剩|超时/)
    await expect(mine.getByTestId('dispatch-history').locator('[data-outcome="OFFERED"]')).toHaveCount(1)
    await expectAccessible(page, 'dispatch board')
    await screenshot(page, 'sanshe-dispatch-board')

    // declining needs a reason: asked for inline, nothing is sent without one
    await mine.getByTestId('dispatch-decline').click()
    await expect(mine.getByTestId('decline-form')).toBeVisible()
    await mine.getByTestId('decline-confirm').click()
    await expect(mine.getByTestId('decline-reason-error')).toHaveText('请填写原因')
    await mine.getByTestId('decline-form').getByRole('button', { name: '收起' }).click()
    await expect(mine.getByTestId('decline-form')).toHaveCount(0)

    // accept (the board may still be catching up with the order: then it says so, and a retry works)
    await expect
      .poll(
        async () => {
          const accepted = page.waitForResponse((r) => r.url().endsWith(`/api/sanshe/dispatches/${orderId}/accept`))
          await mine.getByTestId('dispatch-accept').click()
          const status = (await accepted).status()
          if (status !== 200) await page.waitForTimeout(1500)
          return status
        },
        { timeout: 20_000, intervals: [500] },
      )
      .toBe(200)
    await expect(mine).toHaveAttribute('data-state', 'ACCEPTED')
    await expect(mine.getByTestId('dispatch-history').locator('[data-outcome="ACCEPTED"]')).toHaveCount(1)

    await mine.getByTestId('dispatch-assign').click()
    await choose(page, `worker-${orderId}`, ORGS[taker].worker)
    await mine.getByTestId('assign-note').fill('请今天下午上门')
    const assigned = page.waitForResponse((r) => r.url().endsWith(`/api/sanshe/dispatches/${orderId}/worker`))
    await mine.getByTestId('assign-confirm').click()
    expect((await assigned).status()).toBe(200)
    await expect(mine.getByTestId('dispatch-worker')).toContainText(ORGS[taker].worker)
    await expect(mine).toHaveAttribute('data-state', 'WORKER_ASSIGNED')
    await screenshot(page, 'sanshe-dispatch-assigned')

    // the other organisation: not on its board, and the API says not found
    const otherPage = boards[other].page
    const board = otherPage.waitForResponse((r) => r.url().includes('/api/sanshe/dispatches?') && r.ok())
    await otherPage.reload()
    const seen = (await (await board).json()) as { items: { orderId: string }[] }
    expect(seen.items.map((d) => d.orderId)).not.toContain(orderId)
    await expect(otherPage.getByTestId('dispatch-board')).toBeVisible()
    await expect(card(otherPage, orderId)).toHaveCount(0)
    const status = await otherPage.evaluate(async (id) => {
      const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'))!
      const token = JSON.parse(sessionStorage.getItem(key)!).access_token as string
      return (await fetch(`/api/sanshe/dispatches/${id}`, { headers: { Authorization: `Bearer ${token}` } })).status
    }, orderId)
    expect(status).toBe(404)
    for (const b of Object.values(boards)) await b.close()
  })

  test('(c) the social worker sees the task, starts and completes it', async ({ browser }) => {
    const { context, page } = await newContext(browser, PC)
    await signIn(page, ORGS[taker].worker)
    await expect(page).toHaveURL(/\/sanshe\/tasks/)
    const task = page.getByTestId(`task-${orderId}`)
    await expect(task).toBeVisible()
    await expect(task.getByTestId('task-address')).toHaveText('东直门社区3号楼2单元101')
    await expect(task.getByTestId('status-tag')).toHaveAttribute('data-status', 'ASSIGNED')
    await expectAccessible(page, 'social worker tasks')
    await screenshot(page, 'sanshe-tasks')

    await task.getByTestId('task-start').click()
    const started = page.waitForResponse((r) => r.url().endsWith(`/api/sanshe/orders/${orderId}/start`))
    await task.getByTestId('task-confirm').click()
    expect((await started).status()).toBe(200)
    await expect(task.getByTestId('status-tag')).toHaveAttribute('data-status', 'IN_PROGRESS')

    await task.getByTestId('task-complete').click()
    await task.getByTestId('task-note').fill('已上门照护三小时，老人状态良好')
    const completed = page.waitForResponse((r) => r.url().endsWith(`/api/sanshe/orders/${orderId}/complete`))
    await task.getByTestId('task-confirm').click()
    expect((await completed).status()).toBe(200)
    await expect(task.getByTestId('status-tag')).toHaveAttribute('data-status', 'COMPLETED')
    await expect(task.getByTestId('task-done')).toBeVisible()

    await task.getByTestId('task-timeline-toggle').click()
    for (const action of ['PLACED', 'ASSIGNED', 'STARTED', 'COMPLETED'])
      await expect(task.locator(`[data-testid="timeline-entry"][data-action="${action}"]`).first()).toBeVisible()
    await expect(task.getByTestId('timeline')).toContainText('已上门照护三小时')
    await expectAccessible(page, 'a task with its timeline')
    await screenshot(page, 'sanshe-task-timeline')
    await context.close()
  })

  test('(d) resident-01 sees it completed in their orders and rates it', async ({ browser }) => {
    const { context, page } = await newContext(browser, PHONE)
    await signIn(page, 'resident-01')
    const orderCard = page.locator(`[data-testid="order-card"][data-order-id="${orderId}"]`)
    await expect(orderCard).toBeVisible()
    await expect(orderCard.getByTestId('status-tag')).toHaveAttribute('data-status', 'COMPLETED')
    await orderCard.click()
    await expect(page.getByTestId('next-todo')).toHaveText('请您评价这次服务。')
    await page.getByTestId('level-SATISFIED').click()
    await page.locator('[data-testid="rate-comment"] textarea').fill('社工很细心')
    const rated = page.waitForResponse((r) => r.url().includes(`/api/sanshe/orders/${orderId}/rate`))
    await page.getByTestId('rate-submit').click()
    expect((await rated).status()).toBe(200)
    await expect(page.getByTestId('order-rating')).toContainText('满意')
    await expect(page.getByTestId('order-rating')).toContainText('社工很细心')
    await context.close()
  })
})
