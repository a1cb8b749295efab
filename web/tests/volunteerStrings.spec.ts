import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import enMain from '@/locales/en'
import zhMain from '@/locales/zh-CN'
import volunteerEn from '@/locales/volunteer/en'
import volunteerZhCN from '@/locales/volunteer/zh-CN'
import {
  LANGUAGES,
  LEDGER_KINDS,
  NEED_STATES,
  RECORD_FLAGS,
  RECORD_STATUSES,
  TRANSFER_RELATIONS,
  VOLUNTEER_STATUSES,
  WEEK_DAYS,
} from '@/domain/volunteer'

/** The 志愿者服务 screens name no string that either language lacks (its own strings are loaded with them). */
const zhCN = { ...zhMain, volunteer: volunteerZhCN }
const en = { ...enMain, volunteer: volunteerEn }
const lookup = (messages: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((m, k) => (m && typeof m === 'object' ? (m as Record<string, unknown>)[k] : undefined), messages)

const root = join(__dirname, '..', 'src')
const sources = [
  ...readdirSync(join(root, 'views', 'volunteer')).map((f) => join(root, 'views', 'volunteer', f)),
  join(root, 'views', 'VerifyCertificateView.vue'),
  join(root, 'composables', 'volunteer.ts'),
]
const staticKeys = [
  ...new Set(
    sources.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/['`](volunteer\.[A-Za-z0-9_.]+)['`]/g)].map((m) => m[1]!)),
  ),
]

describe('the volunteer screens’ strings', () => {
  it('are loaded with the screens: the first page carries none but the header’s', () => {
    expect(Object.keys(zhMain)).not.toContain('volunteer')
    expect(Object.keys(enMain)).not.toContain('volunteer')
    expect(typeof lookup(zhMain, 'nav.volunteer')).toBe('string')
  })


  it('finds the keys the screens use', () => {
    expect(staticKeys.length).toBeGreaterThan(300)
  })

  it.each([
    ['zh-CN', zhCN],
    ['en', en],
  ])('has every key the screens name in %s', (_, messages) => {
    const missing = staticKeys.filter((k) => typeof lookup(messages, k) !== 'string')
    expect(missing).toEqual([])
  })

  it.each([
    ['zh-CN', zhCN],
    ['en', en],
  ])('names every status, flag, kind, day, relation and language in %s', (_, messages) => {
    const keys = [
      ...VOLUNTEER_STATUSES.map((s) => `volunteer.volunteerStatus.${s}`),
      ...RECORD_STATUSES.map((s) => `volunteer.recordStatus.${s}`),
      ...NEED_STATES.map((s) => `volunteer.needStatus.${s}`),
      ...['INVITED', 'TIMED_OUT', 'UNMATCHED', 'ACCEPTED', 'DECLINED'].map((s) => `volunteer.needStep.${s}`),
      ...['RESERVING', 'COMPLETED', 'REJECTED', 'FAILED', 'CANCELLED'].map((s) => `volunteer.redemptionStatus.${s}`),
      ...['CONFIRMED', 'WAITLISTED'].map((s) => `volunteer.signupStatus.${s}`),
      ...RECORD_FLAGS.map((f) => `volunteer.flag.${f}`),
      ...['SHIFT', 'DECLARED', 'ORDER'].map((s) => `volunteer.source.${s}`),
      ...LEDGER_KINDS.map((k) => `volunteer.ledgerKind.${k}`),
      ...['GIFT', 'SERVICE'].map((k) => `volunteer.itemKind.${k}`),
      ...['COMMUNITY', 'PARTNER_UNIT', 'MERCHANT'].map((k) => `volunteer.supplier.${k}`),
      ...TRANSFER_RELATIONS.map((r) => `volunteer.relation.${r}`),
      ...WEEK_DAYS.map((d) => `volunteer.day.${d}`),
      ...LANGUAGES.map((l) => `volunteer.language.${l}`),
      ...['required', 'length'].map((p) => `volunteer.shifts.codeInvalid.${p}`),
      ...['required', 'format', 'positive', 'balance'].map((p) => `volunteer.points.invalid.points.${p}`),
      ...['record', 'redemption', 'transfer', 'reversal', 'other'].map((c) => `volunteer.points.cause.${c}`),
      ...['APPROVE', 'RESUME', 'ACTIVE', 'SUSPENDED', 'LEFT'].map((s) => `volunteer.review.to.${s}`),
      ...['hours_to_set', 'cannot_approve_own', 'record_not_pending', 'daily_cap_exceeded', 'record_not_found', 'forbidden'].map(
        (c) => `volunteer.approvals.refusal.${c}`,
      ),
      'nav.volunteer',
    ]
    expect(keys.filter((k) => typeof lookup(messages, k) !== 'string')).toEqual([])
  })
})

describe('loading the volunteer strings', () => {
  it('merges both languages into the app’s i18n once, for the routes that wait for them', async () => {
    const { i18n } = await import('@/locales')
    const { loadVolunteerMessages, withVolunteerMessages } = await import('@/locales/volunteer')
    expect(i18n.global.te('volunteer.me.title', 'zh-CN')).toBe(false)
    const screen = { name: 'Screen' }
    await expect(withVolunteerMessages(async () => screen)()).resolves.toBe(screen)
    expect(i18n.global.t('volunteer.me.title')).toBe('我的志愿者档案')
    expect(i18n.global.te('volunteer.me.title', 'en')).toBe(true)
    await loadVolunteerMessages()
    expect(i18n.global.t('nav.volunteer')).toBe('志愿者服务')
  })
})
