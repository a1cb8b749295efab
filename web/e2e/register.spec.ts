import { expect, test } from '@playwright/test'
import { PC, expectAccessible, newContext, screenshot, signIn } from './support'

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
/** A GB 11643 ID number nobody else has (born 1950, a random sequence), with its check char. */
function anIdNumber(): string {
  const first17 = `110101${1950 + Math.floor(Math.random() * 40)}0101${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * WEIGHTS[i]!, 0)
  return first17 + '10X98765432'[sum % 11]
}
const aMobile = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`

test('a community worker registers a resident at the window; problems show next to their field', async ({ browser }) => {
  const { context, page } = await newContext(browser, PC)
  await signIn(page, 'cw-dzm-01')
  await page.getByTestId('desk-register-link').click()
  await expect(page.getByTestId('r-community-fixed')).toBeVisible()

  // checked in the form first: the checksum and the mobile number
  const id = anIdNumber()
  const wrongCheck = id.slice(0, 17) + (id[17] === '1' ? '2' : '1')
  await page.locator('#r-name').fill('测试居民')
  await page.locator('#r-id').fill(wrongCheck)
  await page.locator('#r-phone').fill('12345')
  await page.getByTestId('r-submit').click()
  await expect(page.getByTestId('r-id-error')).toBeVisible()
  await expect(page.getByTestId('r-phone-error')).toBeVisible()
  await expect(page.locator('#r-name')).toHaveValue('测试居民')
  await expectAccessible(page, 'register a resident')
  await screenshot(page, 'desk-register')

  const phone = aMobile()
  await page.locator('#r-id').fill(id)
  await page.locator('#r-phone').fill(phone)
  await page.locator('#r-address').fill('东直门社区1号楼')
  const first = page.waitForResponse((r) => r.url().endsWith('/api/public/residents') && r.request().method() === 'POST')
  await page.getByTestId('r-submit').click()
  expect((await first).status()).toBe(201)
  await expect(page.getByTestId('registered')).toContainText('测试居民')

  // the same person again: the server's problem, and what was typed stays
  await page.getByRole('button', { name: '继续登记' }).click()
  await page.locator('#r-name').fill('测试居民')
  await page.locator('#r-id').fill(id)
  await page.locator('#r-phone').fill(phone)
  const again = page.waitForResponse((r) => r.url().endsWith('/api/public/residents') && r.request().method() === 'POST')
  await page.getByTestId('r-submit').click()
  const answer = await again
  expect(answer.status()).toBeGreaterThanOrEqual(400)
  const problem = (await answer.json()) as { detail?: string; field?: string }
  const shown = problem.field === 'idNumber' ? page.getByTestId('r-id-error') : page.getByTestId('error')
  await expect(shown).toContainText(problem.detail ?? '')
  await expect(page.locator('#r-id')).toHaveValue(id)
  await context.close()
})
