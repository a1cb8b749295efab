import { expect, test } from '@playwright/test'
import { PHONE, newContext, seriousViolations } from './support'

// the check every screen passes finds what it must: a planted low-contrast text and a button
// without a name fail it, on a screen that passes before
test('the accessibility check finds a planted violation', async ({ browser }) => {
  const { context, page } = await newContext(browser, PHONE)
  await page.goto('/')
  await expect(page.getByTestId('sign-in')).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await page.evaluate(() => {
    const main = document.querySelector('main') ?? document.body
    main.insertAdjacentHTML('beforeend', '<p style="color:#ddd;background:#fff">浅灰色的字</p><button type="button"></button>')
  })
  const found = await seriousViolations(page)
  expect(found.map((line) => line.split(' ')[0])).toEqual(expect.arrayContaining(['color-contrast', 'button-name']))
  await context.close()
})
