import { expect, test, type Page } from '@playwright/test'
import { PC, PHONE, apiCall, expectAccessible, newContext, screenshot, signIn } from './support'
import { measureElderMode } from './elder'

/**
 * 志愿者服务 from a shift to the time bank (issue #13): the organiser cw-dzm-01 publishes an activity in
 * C-DZM-01 on the shift board, with a shift that started two hours ago and ends in an hour (the API
 * takes a shift in the past for a check-in within it); vol-li signs up on the phone (a second,
 * overlapping activity is refused with the server's 409, shown at the shift), the organiser
 * generates the check-in code and shows it big, vol-li types it (a wrong one is the 422 under the
 * field) and checks in with the phone's position — 5 km away, so the record is flagged — and checks
 * out at once. That leaves no minutes to count (HOURS_TO_SET), so the organiser, who saw the
 * service, sets the minutes in the approval queue (the batch approval refuses the record first, and
 * says why); the approval credits the time bank once, and vol-li's file and statement show the new
 * balance, read back from the API, never written into the test. Then the exchange catalogue
 * (redeem a gift and cancel it; more than the balance is the 422 at the item), a certificate
 * (a period without approved hours is the 422 under its field; the PDF downloads) and its public
 * verification page without a token.
 */
const ACTIVITY_TITLE = `e2e 社区助老服务 ${Date.now()}`
/** vol-li's phone, about 5 km south-west of 东直门社区 (39.9413, 116.4283). */
const FAR_AWAY = { latitude: 39.905, longitude: 116.39 }

interface Shift {
  shiftId: string
  start: string
  end: string
  signups?: { volunteerId: string }[]
  waitingList?: { volunteerId: string }[]
}
interface Activity {
  activityId: string
  title: string
  shifts: Shift[]
}
interface RecordView {
  recordId: string
  status: string
  minutes: number
  flags: string[]
  points?: number
}

/** A `datetime-local` value for an instant, in the page's time zone. */
const localInput = (page: Page, ms: number) =>
  page.evaluate((ms) => {
    const d = new Date(ms)
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
  }, ms)

/** 长辈模式 measured and axe-checked on a screen, and its picture (as elder-mode.spec.ts does). */
async function expectElder(page: Page, screen: string) {
  await expect(page.locator('html')).toHaveClass(/elder/)
  await page.waitForLoadState('networkidle')
  // Element Plus animates its controls' sizes (`transition: all .3s`): measure them at rest
  await page.waitForTimeout(600)
  const problems = await measureElderMode(page)
  expect(problems, `elder mode on ${screen}`).toEqual([])
  await expectAccessible(page, `${screen} (elder mode)`)
  await screenshot(page, `elder-${screen}`)
}

test.describe.serial('志愿者服务: sign-up → check-in/out → approval → balance', () => {
  let activityId = ''
  let recordId = ''
  let certificate = ''

  test('(a) the organiser publishes an activity whose shift is on now; vol-li signs up, an overlapping one is refused', async ({ browser }) => {
    test.setTimeout(150_000)
    const volunteer = await newContext(browser, PHONE)
    await signIn(volunteer.page, 'vol-li')
    await expect(volunteer.page).toHaveURL(/\/volunteer\/me/)

    // vol-li's earlier runs' shifts in the window would be an overlap: their sign-ups go first; and
    // the shift starts after any service vol-li recorded in the last two hours (a record's time is
    // booked in vol-li's calendar too — even an order's record of no length)
    const now = Date.now()
    const to = now + 3600_000
    const recorded = await apiCall<{ items: { start?: string; end?: string }[] }>(volunteer.page, '/api/volunteer/service-records?volunteerId=vol-li&size=100')
    const busyUntil = Math.max(
      0,
      ...recorded.body.items.filter((r) => r.start && r.end && Date.parse(r.end) < now).map((r) => Date.parse(r.end!)),
    )
    const from = Math.max(now - 2 * 3600_000, Math.ceil((busyUntil + 60_000) / 60_000) * 60_000)
    const mine = await apiCall<Activity[]>(volunteer.page, '/api/volunteer/volunteers/vol-li/shifts')
    expect(mine.status).toBe(200)
    for (const a of mine.body)
      for (const s of a.shifts)
        if (Date.parse(s.start) < to + 300_000 && Date.parse(s.end) > from - 300_000 && [...(s.signups ?? []), ...(s.waitingList ?? [])].some((u) => u.volunteerId === 'vol-li'))
          await apiCall(volunteer.page, `/api/volunteer/activities/${a.activityId}/shifts/${s.shiftId}/signups/vol-li`, { method: 'DELETE' })

    // 排班看板: publish, a shift from two hours ago to an hour from now
    const organiser = await newContext(browser, PC)
    await signIn(organiser.page, 'cw-dzm-01')
    await organiser.page.getByTestId('nav-volunteer').click()
    await expect(organiser.page).toHaveURL(/\/volunteer\/approvals/)
    await organiser.page.getByTestId('volunteer-board-link').click()
    await organiser.page.getByTestId('publish-open').click()
    const form = organiser.page.getByTestId('publish-form')
    await form.getByTestId('publish-submit').click()
    await expect(form.getByTestId('a-title-error')).toBeVisible()
    await form.getByTestId('a-title').fill(ACTIVITY_TITLE)
    await organiser.page.locator('.el-select:has(#a-kind) .el-select__wrapper').click()
    await organiser.page.locator('.el-select:has(#a-kind) .el-select-dropdown__item:visible', { hasText: '助老陪伴' }).click()
    await expect(form.getByTestId('a-address')).toHaveValue(/东直门/)
    await form.getByTestId('a-description').fill('陪社区老人聊天、读报')
    await form.getByTestId('a-shift-start').fill(await localInput(organiser.page, from))
    await form.getByTestId('a-shift-end').fill(await localInput(organiser.page, to))
    await form.getByTestId('a-shift-places').locator('input').fill('3')
    await expectAccessible(organiser.page, 'publish an activity')
    await screenshot(organiser.page, 'volunteer-publish')
    const published = organiser.page.waitForResponse((r) => r.url().endsWith('/api/volunteer/activities') && r.request().method() === 'POST')
    await form.getByTestId('publish-submit').click()
    const answer = await published
    expect(answer.status()).toBe(201)
    const activity = (await answer.json()) as Activity
    activityId = activity.activityId
    expect(activity.shifts).toHaveLength(1)
    await expect(organiser.page.getByTestId('published')).toContainText(ACTIVITY_TITLE)
    await expect(organiser.page.getByTestId(`board-${activityId}`)).toBeVisible()

    // a second activity whose shift overlaps the first, to be refused
    const overlapping = await apiCall<Activity>(organiser.page, '/api/volunteer/activities', {
      method: 'POST',
      body: {
        title: `${ACTIVITY_TITLE}（重叠）`,
        communityId: 'C-DZM-01',
        address: '东直门社区活动室',
        serviceKind: 'ELDERLY_COMPANION',
        shifts: [{ start: new Date(from + 60_000).toISOString(), end: new Date(to + 3600_000).toISOString(), places: 2 }],
      },
    })
    expect(overlapping.status).toBe(201)

    // 报名 on the phone
    await volunteer.page.getByTestId('volunteer-shifts-link').click()
    await expect(volunteer.page.getByTestId(`activity-${activityId}`)).toBeVisible()
    const row = volunteer.page.getByTestId(`shift-${activityId}-S1`)
    await expect(row.getByTestId('shift-places')).toContainText('已报 0 / 3')
    const signedUp = volunteer.page.waitForResponse((r) => r.url().includes(`/activities/${activityId}/shifts/S1/signups`))
    await row.getByTestId('sign-up').click()
    expect((await signedUp).status()).toBe(201)
    await expect(row.getByTestId('sign-up-done')).toHaveText('报名成功。')
    await expect(volunteer.page.getByTestId(`my-shift-${activityId}-S1`)).toHaveAttribute('data-standing', 'confirmed')

    // the overlapping shift: the server's 409, in words, at that shift
    const other = volunteer.page.getByTestId(`shift-${overlapping.body.activityId}-S1`)
    const refused = volunteer.page.waitForResponse((r) => r.url().includes(`/activities/${overlapping.body.activityId}/shifts/S1/signups`))
    await other.getByTestId('sign-up').click()
    const refusal = await refused
    expect(refusal.status()).toBe(409)
    const problem = (await refusal.json()) as { detail: string }
    expect(problem.detail).toContain(ACTIVITY_TITLE)
    await expect(other.getByTestId('error')).toHaveText(problem.detail)
    await expectAccessible(volunteer.page, 'my shifts and open activities')
    await screenshot(volunteer.page, 'volunteer-shifts')
    await volunteer.context.close()

    // the board sees vol-li signed up (it reads itself again every 5 s)
    const board = organiser.page.getByTestId(`board-shift-${activityId}-S1`)
    await expect(board.locator('[data-testid="board-signups"] [data-volunteer="vol-li"]')).toBeVisible({ timeout: 20_000 })
    await expect(board.getByTestId('board-fill')).toContainText('已报 1 / 3')
    await organiser.context.close()
  })

  test('(b) the organiser shows the check-in code; vol-li checks in with it and the phone’s position, and checks out', async ({ browser }) => {
    const organiser = await newContext(browser, PC)
    await signIn(organiser.page, 'cw-dzm-01')
    await organiser.page.goto('/volunteer/board')
    const board = organiser.page.getByTestId(`board-shift-${activityId}-S1`)
    const issued = organiser.page.waitForResponse((r) => r.url().endsWith(`/activities/${activityId}/shifts/S1/check-in-code`))
    await board.getByTestId('generate-code').focus()
    await organiser.page.keyboard.press('Enter')
    expect((await issued).status()).toBe(200)
    const shown = board.getByTestId('shown-code')
    await expect(shown).toHaveText(/^\d{3} \d{3}$/)
    const code = (await shown.getAttribute('data-code'))!
    await expect(board.getByTestId('code-box')).toContainText('内有效')
    await expectAccessible(organiser.page, 'shift board with a check-in code')
    await screenshot(organiser.page, 'volunteer-board')

    const volunteer = await newContext(browser, PHONE, 'zh-CN', { permissions: ['geolocation'], geolocation: FAR_AWAY })
    await signIn(volunteer.page, 'vol-li')
    await volunteer.page.getByTestId('volunteer-shifts-link').click()
    const shift = volunteer.page.getByTestId(`my-shift-${activityId}-S1`)
    const input = shift.getByTestId('check-in-code')

    // the form's own check first: nothing is sent for five digits
    let sent = false
    volunteer.page.on('request', (r) => {
      if (r.url().endsWith('/service-records/check-in') && r.method() === 'POST') sent = true
    })
    await input.fill(code.slice(0, 5))
    await shift.getByTestId('check-in').click()
    await expect(shift.getByTestId('check-in-code-error')).toHaveText('签到码是 6 位数字')
    expect(sent, 'nothing sent for a short code').toBe(false)

    // a wrong code: the server's 422 goes under the field
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0')
    await input.fill(wrong)
    const refused = volunteer.page.waitForResponse((r) => r.url().endsWith('/service-records/check-in'))
    await shift.getByTestId('check-in').click()
    const refusal = await refused
    expect(refusal.status()).toBe(422)
    const problem = (await refusal.json()) as { field: string; detail: string }
    expect(problem.field).toBe('code')
    await expect(shift.getByTestId('check-in-code-error')).toHaveText(problem.detail)

    // the organiser's code, typed as people do (with a space), and the position the phone gives
    // (typed, and sent with the keyboard's Enter)
    await input.fill(`${code.slice(0, 3)} ${code.slice(3)}`)
    const checkedIn = volunteer.page.waitForResponse((r) => r.url().endsWith('/service-records/check-in'))
    await input.press('Enter')
    const answer = await checkedIn
    expect(answer.status()).toBe(201)
    const body = JSON.parse(answer.request().postData() ?? '{}') as { code: string; location?: { lat: number; lng: number } }
    expect(body.code).toBe(code)
    expect(body.location?.lat).toBeCloseTo(FAR_AWAY.latitude, 3)
    const record = (await answer.json()) as RecordView & { checkIn: { distanceMetres: number } }
    recordId = record.recordId
    expect(record.status).toBe('ENTERED')
    expect(record.flags).toContain('FAR_FROM_PLACE')
    await expect(shift.getByTestId('shift-done')).toContainText('签到成功')
    await expect(shift.getByTestId('shift-record-status')).toHaveAttribute('data-status', 'ENTERED')
    await expect(shift.locator('[data-flag="FAR_FROM_PLACE"]')).toBeVisible()
    await screenshot(volunteer.page, 'volunteer-checked-in')

    const checkedOut = volunteer.page.waitForResponse((r) => r.url().endsWith(`/service-records/${recordId}/check-out`))
    await shift.getByTestId('check-out').click()
    const out = await checkedOut
    expect(out.status()).toBe(200)
    const after = (await out.json()) as RecordView
    expect(after.status).toBe('PENDING')
    await expect(shift.getByTestId('shift-record-status')).toHaveAttribute('data-status', 'PENDING')
    await expect(volunteer.page.getByTestId(`record-${recordId}`)).toBeVisible()
    await volunteer.context.close()
    await organiser.context.close()
  })

  test('(c) the organiser approves it in the queue, setting the minutes; vol-li’s balance shows the credit', async ({ browser }) => {
    const volunteer = await newContext(browser, PC)
    await signIn(volunteer.page, 'vol-li')
    const before = await apiCall<{ balance: number }>(volunteer.page, '/api/volunteer/accounts/vol-li')
    expect(before.status).toBe(200)

    const organiser = await newContext(browser, PC)
    await signIn(organiser.page, 'cw-dzm-01')
    await organiser.page.goto('/volunteer/approvals')
    const card = organiser.page.getByTestId(`record-${recordId}`)
    await expect(card).toBeVisible()
    await expect(card.getByTestId('record-status')).toHaveAttribute('data-status', 'PENDING')
    await expect(card.locator('[data-flag="FAR_FROM_PLACE"]')).toContainText('离活动地点过远')
    await expect(card.getByTestId('record-distance')).toContainText('米')
    await expectAccessible(organiser.page, 'approval queue')
    await screenshot(organiser.page, 'volunteer-approvals')

    const record = await apiCall<RecordView>(organiser.page, `/api/volunteer/service-records/${recordId}`)
    if (record.body.flags.includes('HOURS_TO_SET')) {
      // a batch approval takes no minutes: the record is refused, and the queue says why
      await expect(card.locator('[data-flag="HOURS_TO_SET"]')).toBeVisible()
      await card.getByTestId('record-select').click()
      const batch = organiser.page.waitForResponse((r) => r.url().endsWith('/service-records/approvals'))
      await organiser.page.getByTestId('batch-approve').click()
      expect((await batch).status()).toBe(200)
      await expect(organiser.page.getByTestId('batch-outcomes').locator('[data-outcome="REFUSED"]')).toContainText('时长待定')
    }

    // approved on its own with the minutes the organiser saw served
    await card.getByTestId('record-approve').click()
    await card.getByTestId('approve-minutes').locator('input').fill('60')
    await card.getByTestId('approve-minutes').locator('input').blur()
    await card.getByTestId('approve-note').fill('现场陪伴老人一小时')
    const approved = organiser.page.waitForResponse((r) => r.url().endsWith(`/service-records/${recordId}/approve`))
    await card.getByTestId('approve-confirm').click()
    const answer = await approved
    expect(answer.status()).toBe(200)
    const done = (await answer.json()) as RecordView
    expect(done.status).toBe('APPROVED')
    expect(done.minutes).toBe(60)
    expect(done.points).toBeGreaterThan(0)
    await expect(organiser.page.getByTestId('record-decided').first()).toContainText('1 小时 0 分钟')
    await organiser.context.close()

    // the credit is posted once; vol-li's file shows the balance the API has
    const credited = await apiCall<{ balance: number }>(volunteer.page, '/api/volunteer/accounts/vol-li')
    expect(Math.round(credited.body.balance * 100)).toBe(Math.round((before.body.balance + done.points!) * 100))
    await volunteer.page.goto('/volunteer/me')
    const shown = async () => {
      const answer = await apiCall<{ balance: number }>(volunteer.page, '/api/volunteer/accounts/vol-li')
      return answer.body.balance.toFixed(2)
    }
    await expect(volunteer.page.getByTestId('balance')).toHaveText(await shown())
    await expect(volunteer.page.getByTestId('volunteer-status')).toHaveAttribute('data-status', 'ACTIVE')
    await expect(volunteer.page.getByTestId('volunteer-number')).toHaveText(/^ZYZ\d+/)
    await expectAccessible(volunteer.page, 'my volunteer file')
    await screenshot(volunteer.page, 'volunteer-me')

    // the statement names the record that caused the credit
    await volunteer.page.getByTestId('volunteer-points-link').click()
    await expect(volunteer.page.getByTestId('points-balance')).toHaveText(await shown())
    const entry = volunteer.page.getByTestId('statement-entry').filter({ hasText: recordId })
    await expect(entry).toHaveCount(1)
    await expect(entry.getByTestId('entry-points')).toHaveText(`+${done.points!.toFixed(2)}`)
    await expect(entry).toHaveAttribute('data-kind', 'HOURS_CREDIT')
    await expect(volunteer.page.getByTestId('statement-closing')).toHaveText(await shown())
    await expectAccessible(volunteer.page, 'points and statement')
    await screenshot(volunteer.page, 'volunteer-points')
    await volunteer.context.close()
  })

  test('(d) the exchange catalogue: a gift redeemed and cancelled, more than the balance refused', async ({ browser }) => {
    const { context, page } = await newContext(browser, PHONE)
    await signIn(page, 'vol-li')
    await page.getByTestId('volunteer-exchange-link').click()
    await expect(page.getByTestId('catalogue')).toBeVisible()
    const items = await apiCall<{ itemId: string; name: string; kind: string; points: number; stock: number }[]>(page, '/api/volunteer/exchange/items')
    const gifts = items.body.filter((i) => i.kind === 'GIFT' && i.stock > 0).sort((a, b) => a.points - b.points)
    expect(gifts.length).toBeGreaterThan(0)
    await expectAccessible(page, 'exchange catalogue')
    await screenshot(page, 'volunteer-exchange')

    // the cheapest gift, once per submit (Idempotency-Key), then cancelled: refunded by a reversal entry
    const balance = (await apiCall<{ balance: number }>(page, '/api/volunteer/accounts/vol-li')).body.balance
    const cheap = gifts[0]!
    if (balance >= cheap.points) {
      const item = page.getByTestId(`item-${cheap.itemId}`)
      await item.getByTestId('redeem-open').click()
      const redeemed = page.waitForResponse((r) => r.url().endsWith('/exchange/redemptions') && r.request().method() === 'POST')
      await item.getByTestId('redeem-confirm').click()
      const answer = await redeemed
      expect(answer.status()).toBe(201)
      expect(answer.request().headers()['idempotency-key']).toBeTruthy()
      const redemption = (await answer.json()) as { redemptionId: string }
      await expect(item.getByTestId('redeem-done')).toContainText(cheap.name)
      const mine = page.getByTestId(`redemption-${redemption.redemptionId}`)
      await expect(mine.getByTestId('redemption-state')).toHaveAttribute('data-status', 'COMPLETED')
      const cancelled = page.waitForResponse((r) => r.url().endsWith(`/redemptions/${redemption.redemptionId}/cancel`))
      await mine.getByTestId('redemption-cancel').click()
      expect((await cancelled).status()).toBe(200)
      await expect(mine.getByTestId('redemption-state')).toHaveAttribute('data-status', 'CANCELLED')
      expect((await apiCall<{ balance: number }>(page, '/api/volunteer/accounts/vol-li')).body.balance).toBeCloseTo(balance, 2)
    }

    // twenty of the dearest gift: more than the balance, the server's 422 at the item
    const dear = gifts[gifts.length - 1]!
    if (dear.points * 20 > balance && dear.stock >= 20) {
      const item = page.getByTestId(`item-${dear.itemId}`)
      await item.getByTestId('redeem-open').click()
      await item.getByTestId('redeem-quantity').locator('input').fill('20')
      await item.getByTestId('redeem-quantity').locator('input').blur()
      const refused = page.waitForResponse((r) => r.url().endsWith('/exchange/redemptions') && r.request().method() === 'POST')
      await item.getByTestId('redeem-confirm').click()
      const answer = await refused
      expect(answer.status()).toBe(422)
      const problem = (await answer.json()) as { code: string; detail: string }
      expect(problem.code).toBe('volunteer.insufficient-points')
      await expect(item.getByTestId('error')).toHaveText(problem.detail)
    }
    await context.close()
  })

  test('(e) a certificate: no hours in the period is refused at its field; issued, downloaded, and verified by anyone', async ({ browser }) => {
    const { context, page } = await newContext(browser, PC)
    await signIn(page, 'vol-li')
    await page.getByTestId('volunteer-certificates-link').click()
    const form = page.getByTestId('issue-form')
    await form.getByTestId('c-from').fill('2020-01-01')
    await form.getByTestId('c-to').fill('2020-01-31')
    const refused = page.waitForResponse((r) => r.url().endsWith('/volunteers/vol-li/certificates') && r.request().method() === 'POST')
    await form.getByTestId('issue-submit').click()
    const refusal = await refused
    expect(refusal.status()).toBe(422)
    const problem = (await refusal.json()) as { code: string; detail: string; field: string }
    expect(problem.code).toBe('volunteer.no-approved-hours')
    await expect(form.getByTestId('c-from-error')).toHaveText(problem.detail)

    // today where the district is: the server counts the period's days in Beijing time
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
    await form.getByTestId('c-from').fill(`${today.slice(0, 4)}-01-01`)
    await form.getByTestId('c-to').fill(today)
    const issued = page.waitForResponse((r) => r.url().endsWith('/volunteers/vol-li/certificates') && r.request().method() === 'POST')
    await form.getByTestId('issue-submit').click()
    const answer = await issued
    expect(answer.status()).toBe(201)
    certificate = ((await answer.json()) as { number: string }).number
    await expect(page.getByTestId('certificate-issued')).toContainText(certificate)
    await expect(page.getByTestId(`certificate-${certificate}`)).toBeVisible()
    await expectAccessible(page, 'certificates')
    await screenshot(page, 'volunteer-certificates')

    // the PDF, fetched with the token as a file
    const row = page.locator('.el-table__row', { has: page.getByTestId(`certificate-${certificate}`) })
    const downloading = page.waitForEvent('download')
    const pdf = page.waitForResponse((r) => r.url().endsWith(`/certificates/${certificate}/pdf`))
    await row.getByTestId('certificate-download').click()
    const pdfAnswer = await pdf
    expect(pdfAnswer.status()).toBe(200)
    expect(pdfAnswer.headers()['content-type']).toContain('application/pdf')
    expect(pdfAnswer.request().headers()['authorization']).toMatch(/^Bearer /)
    const file = await downloading
    expect(file.suggestedFilename()).toBe(`志愿服务证明-${certificate}.pdf`)
    await context.close()

    // anyone, not signed in: the public page, and no token sent
    const visitor = await newContext(browser, PHONE)
    const verified = visitor.page.waitForResponse((r) => r.url().endsWith(`/certificates/${certificate}/verification`))
    await visitor.page.goto(`/verify/${certificate}`)
    const verification = await verified
    expect(verification.status()).toBe(200)
    expect(verification.request().headers()['authorization']).toBeUndefined()
    await expect(visitor.page.getByTestId('sign-in-header')).toBeVisible()
    await expect(visitor.page.getByTestId('verification')).toHaveAttribute('data-genuine', 'true')
    await expect(visitor.page.getByTestId('verified-number')).toHaveText(certificate)
    await expect(visitor.page.getByTestId('verified-name')).toContainText('*')
    await expectAccessible(visitor.page, 'certificate verification')
    await screenshot(visitor.page, 'volunteer-verify')
    // a number nobody issued
    await visitor.page.getByTestId('verify-number').fill('ZYZM2026NOSUCHONE')
    await visitor.page.getByTestId('verify-submit').click()
    await expect(visitor.page.getByTestId('verification')).toHaveAttribute('data-genuine', 'false')
    await visitor.context.close()
  })

  test('(e2) a resident registers as a volunteer: the form’s checks first, then the server’s problem under its field', async ({ browser }) => {
    const { context, page } = await newContext(browser, PHONE)
    await signIn(page, 'resident-02')
    await page.getByTestId('tab-profile').click()
    await page.getByTestId('profile-volunteer').click()
    await expect(page).toHaveURL(/\/volunteer\/me/)
    const mine = await apiCall(page, '/api/volunteer/volunteers/me')
    test.skip(mine.status === 200, 'resident-02 is a volunteer already on this platform')
    await page.getByTestId('go-register').click()
    const form = page.getByTestId('register-volunteer-form')
    await expect(form).toBeVisible()
    await form.getByTestId('v-as-person').click()
    await form.getByTestId('v-name').fill('测试志愿者')
    await form.getByTestId('v-phone').fill('13900001234')
    // a child's valid ID number (GB 11643 check character right): the form lets it through
    const first17 = '11010120200101123'
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    const check = '10X98765432'[[...first17].reduce((sum, d, i) => sum + Number(d) * weights[i]!, 0) % 11]!
    await form.getByTestId('v-id').fill(first17 + (check === '1' ? '2' : '1'))
    await form.getByTestId('v-skill-ELDERLY_COMPANION').click()
    let posted = false
    page.on('request', (r) => {
      if (r.url().endsWith('/api/volunteer/volunteers') && r.method() === 'POST') posted = true
    })
    await form.getByTestId('v-submit').click()
    await expect(form.getByTestId('v-id-error')).toContainText('校验位')
    expect(posted, 'nothing sent while the form has problems').toBe(false)
    await expectAccessible(page, 'volunteer registration')
    await screenshot(page, 'volunteer-register')

    // the right check character: the server refuses a child (too young), under the ID number
    await form.getByTestId('v-id').fill(first17 + check)
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/volunteer/volunteers') && r.request().method() === 'POST')
    await form.getByTestId('v-submit').click()
    const answer = await refused
    expect(answer.status()).toBe(422)
    expect(answer.request().headers()['idempotency-key']).toBeTruthy()
    const problem = (await answer.json()) as { field: string; detail: string; code: string }
    expect(problem.code).toBe('volunteer.too-young')
    expect(problem.field).toBe('person.idNumber')
    await expect(form.getByTestId('v-id-error')).toHaveText(problem.detail)
    await expect(form.getByTestId('v-name')).toHaveValue('测试志愿者')
    await page.getByTestId('elder-switch').click()
    await expectElder(page, 'volunteer-register')
    await context.close()
  })

  test('(f) the organiser’s volunteer review and needs, and the screens in English', async ({ browser }) => {
    const organiser = await newContext(browser, PC)
    await signIn(organiser.page, 'cw-dzm-01')
    await organiser.page.goto('/volunteer/volunteers')
    await organiser.page.locator('.el-select:has(#r-status) .el-select__wrapper').click()
    await organiser.page.locator('.el-select:has(#r-status) .el-select-dropdown__item:visible', { hasText: '在册' }).click()
    await expect(organiser.page.getByTestId('volunteer-vol-li')).toBeVisible()
    await expect(organiser.page.getByTestId('volunteer-vol-li').getByTestId('review-status')).toHaveAttribute('data-status', 'ACTIVE')
    // a decision needs a reason: asked for inline, nothing sent without one
    await organiser.page.getByTestId('volunteer-vol-li').getByTestId('review-to-SUSPENDED').click()
    await organiser.page.getByTestId('volunteer-vol-li').getByTestId('review-confirm').click()
    await expect(organiser.page.getByTestId('volunteer-vol-li').getByTestId('review-reason-error')).toHaveText('请填写理由')
    await expectAccessible(organiser.page, 'volunteer review')
    await screenshot(organiser.page, 'volunteer-review')

    await organiser.page.getByTestId('volunteer-needs-link').click()
    await expect(organiser.page.getByTestId('needs')).toBeVisible()
    const first = organiser.page.locator('[data-testid^="need-N-"]').first()
    if (await first.count()) {
      await first.getByTestId('need-open').click()
      await expect(first.getByTestId('need-detail')).toBeVisible()
    }
    await expectAccessible(organiser.page, 'needs')
    await screenshot(organiser.page, 'volunteer-needs')
    await organiser.context.close()

    const english = await newContext(browser, PHONE)
    await english.page.goto('/')
    await english.page.locator('#home-language').selectOption('en')
    await signIn(english.page, 'vol-li')
    await expect(english.page.getByTestId('my-volunteer')).toContainText('Time-bank balance')
    await english.page.getByTestId('volunteer-shifts-link').click()
    await expect(english.page.getByTestId('my-shifts')).toContainText('My shifts')
    await expectAccessible(english.page, 'my shifts in English')
    await screenshot(english.page, 'volunteer-shifts-en')
    await english.context.close()
  })

  test('(g) elder mode on the volunteer’s and the organiser’s screens, and on the verification page', async ({ browser }) => {
    test.setTimeout(180_000)
    const volunteer = await newContext(browser, PHONE)
    await signIn(volunteer.page, 'vol-li')
    await volunteer.page.getByTestId('elder-switch').click()
    await expect(volunteer.page.getByTestId('balance')).not.toHaveText('—')
    await expectElder(volunteer.page, 'volunteer-me')
    await volunteer.page.getByTestId('volunteer-shifts-link').click()
    await expect(volunteer.page.getByTestId(`my-shift-${activityId}-S1`)).toBeVisible()
    await expectElder(volunteer.page, 'volunteer-shifts')
    await volunteer.page.getByTestId('volunteer-points-link').click()
    await expect(volunteer.page.getByTestId('statement-entry').first()).toBeVisible()
    await expectElder(volunteer.page, 'volunteer-points')
    await volunteer.page.getByTestId('volunteer-exchange-link').click()
    await expect(volunteer.page.getByTestId('catalogue')).toBeVisible()
    await expectElder(volunteer.page, 'volunteer-exchange')
    await volunteer.page.getByTestId('volunteer-invitations-link').click()
    await expect(volunteer.page.getByTestId('volunteer-invitations')).toBeVisible()
    await expectElder(volunteer.page, 'volunteer-invitations')
    await volunteer.page.getByTestId('volunteer-certificates-link').click()
    await expect(volunteer.page.getByTestId(`certificate-${certificate}`)).toBeVisible()
    await expectElder(volunteer.page, 'volunteer-certificates')
    await volunteer.page.goto(`/verify/${certificate}`)
    await expect(volunteer.page.getByTestId('verification')).toBeVisible()
    await expectElder(volunteer.page, 'volunteer-verify')
    await volunteer.context.close()

    const organiser = await newContext(browser, PC)
    await signIn(organiser.page, 'cw-dzm-01')
    await organiser.page.getByTestId('elder-switch').click()
    await organiser.page.goto('/volunteer/approvals')
    await expect(organiser.page.getByTestId('approval-queue')).toBeVisible()
    await expectElder(organiser.page, 'volunteer-approvals')
    await organiser.page.getByTestId('volunteer-board-link').click()
    await expect(organiser.page.getByTestId(`board-${activityId}`)).toBeVisible()
    await organiser.page.getByTestId(`board-shift-${activityId}-S1`).getByTestId('generate-code').click()
    await expect(organiser.page.getByTestId(`board-shift-${activityId}-S1`).getByTestId('shown-code')).toBeVisible()
    await organiser.page.getByTestId('publish-open').click()
    await expectElder(organiser.page, 'volunteer-board')
    await organiser.page.getByTestId('volunteer-review-link').click()
    await expect(organiser.page.getByTestId('volunteer-review')).toBeVisible()
    await expectElder(organiser.page, 'volunteer-review')
    await organiser.page.getByTestId('volunteer-needs-link').click()
    await expect(organiser.page.getByTestId('needs')).toBeVisible()
    await expectElder(organiser.page, 'volunteer-needs')
    await organiser.context.close()
  })
})
