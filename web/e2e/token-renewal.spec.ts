import { expect, test } from '@playwright/test'
import { newContext, PHONE, signIn } from './support'

/**
 * Tokens are renewed before they expire, without the user noticing: a public client gets no
 * refresh token, so oidc-client-ts asks the provider again in a hidden iframe (prompt=none, the
 * provider's session) and lands on /silent-renew.html. The spec makes the stored token look about
 * to expire instead of waiting 15 minutes, and watches a new one arrive.
 */
test('an access token about to expire is renewed silently and the app goes on working', async ({ browser }) => {
  const { context, page } = await newContext(browser, PHONE)
  await signIn(page, 'resident-01')

  const stored = () =>
    page.evaluate(() => {
      const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'))
      return key ? { key, user: JSON.parse(sessionStorage.getItem(key)!) } : null
    })
  const before = await stored()
  expect(before, 'the signed-in user is kept in sessionStorage').not.toBeNull()

  // 30 s left: inside oidc-client-ts's 60 s "expiring" window, so the renewal starts on load
  await page.evaluate(({ key, user }) => {
    user.expires_at = Math.floor(Date.now() / 1000) + 30
    sessionStorage.setItem(key, JSON.stringify(user))
  }, before!)
  const renewal = page.waitForResponse((r) => r.url().includes('/oauth2/token') && r.request().method() === 'POST')
  await page.reload()
  expect((await renewal).status()).toBe(200)

  await expect
    .poll(async () => (await stored())?.user.access_token, { timeout: 20_000 })
    .not.toBe(before!.user.access_token)
  const after = (await stored())!.user
  expect(after.expires_at - Math.floor(Date.now() / 1000)).toBeGreaterThan(10 * 60)
  expect(page.url(), 'no token in the address').not.toContain('access_token')

  // and the new token works: the orders list loads through the gateway
  const orders = page.waitForResponse((r) => /\/api\/public\/residents\/[^/]+\/orders/.test(r.url()))
  await page.reload()
  expect((await orders).status()).toBe(200)
  await context.close()
})
