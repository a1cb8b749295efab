/**
 * 三社联动's vocabulary as the screens need it: the registry's kinds and statuses, dispatch states,
 * the rating's stages, and the few rules the forms mirror (the server checks them again).
 */
import type { EntryView, MenuItem, Provider } from '@/api/types'

export const ORGANISATION_KINDS = ['SOCIAL_GROUP', 'SOCIAL_SERVICE_AGENCY', 'FOUNDATION', 'COMMUNITY_ORGANISATION'] as const
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number]
export const SELF_KINDS = ['SELF_GOVERNING', 'SELF_ENTERTAINING', 'VOLUNTEER'] as const
export const ORGANISATION_STATUSES = ['INCUBATING', 'ACTIVE', 'SUSPENDED', 'ELIMINATED'] as const
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number]
export const SETTLEMENT_LEVELS = ['DISTRICT', 'STREET', 'COMMUNITY'] as const
export const INSPECTION_RESULTS = ['PASSED', 'BASICALLY_PASSED', 'FAILED'] as const

/** The statuses an organisation may change to (孵化中 → 运营中 → 暂停 …; 淘汰 is final). */
export function nextStatuses(status: string | undefined): OrganisationStatus[] {
  switch (status) {
    case 'INCUBATING':
      return ['ACTIVE', 'ELIMINATED']
    case 'ACTIVE':
      return ['SUSPENDED', 'ELIMINATED']
    case 'SUSPENDED':
      return ['ACTIVE', 'ELIMINATED']
    default:
      return []
  }
}

/** A community organisation's filing number (备案号), as the district configures it. */
export const FILING_NUMBER_PATTERN = /^BA-[A-Z0-9-]{4,30}$/
/** An organisation's id, when the registrar chooses one. */
export const ORGANISATION_ID_PATTERN = /^ORG-[A-Z0-9-]{2,40}$/
/** A contact's phone: a landline or a mobile as people write them. */
export const CONTACT_PHONE_PATTERN = /^[0-9+()\- ]{7,20}$/

export const DISPATCH_STATES = [
  'WAITING',
  'OFFERED',
  'ACCEPTED',
  'WORKER_ASSIGNED',
  'IN_PROGRESS',
  'COMPLETED',
  'CLOSED',
  'UNSERVED',
  'MANUAL',
] as const
export type DispatchState = (typeof DISPATCH_STATES)[number]

export const STAGES = ['RECOMMENDATION', 'STREET_REVIEW', 'DISTRICT_REVIEW', 'PUBLIC_NOTICE', 'PUBLISHED'] as const
export type Stage = (typeof STAGES)[number]

/** The stage after this one, or null after publication. */
export function nextStage(stage: string | undefined): Stage | null {
  const i = STAGES.indexOf(stage as Stage)
  return i >= 0 && i < STAGES.length - 1 ? STAGES[i + 1]! : null
}

/** One part of an entry's score: its value (0–100), weight, what it adds, and what it was made of. */
export interface ScorePart {
  name: string
  value: number
  weight: number
  weighted: number
  inputs: Record<string, unknown>
}
export interface Score {
  total: number
  stars: number
  parts: ScorePart[]
}

/** The entry's score as the server wrote it (an open map in the OpenAPI document), or null. */
export function scoreOf(entry: EntryView): Score | null {
  const s = entry.score as Record<string, unknown> | undefined
  if (!s || typeof s.total !== 'number') return null
  const parts = Array.isArray(s.parts) ? (s.parts as Record<string, unknown>[]) : []
  return {
    total: s.total,
    stars: typeof s.stars === 'number' ? s.stars : 0,
    parts: parts.map((p) => ({
      name: String(p.name ?? ''),
      value: Number(p.value ?? 0),
      weight: Number(p.weight ?? 0),
      weighted: Number(p.weighted ?? 0),
      inputs: (p.inputs && typeof p.inputs === 'object' ? p.inputs : {}) as Record<string, unknown>,
    })),
  }
}

/** A provider's price as residents read it: "免费" or "¥35.5" (the caller passes the word for free). */
export function formatPrice(provider: Pick<Provider, 'price' | 'free'>, free: string): string {
  if (provider.free || !provider.price) return free
  return `¥${Number(provider.price.toFixed(2))}`
}

/** An item's or a category's name in the interface language (the menu carries both). */
export function nameIn(x: Pick<MenuItem, 'name' | 'nameEn'>, locale: string): string {
  return (locale === 'en' ? x.nameEn : x.name) || x.name || x.nameEn || ''
}

/** How long until `dueAt` (ms), never below zero; null without a deadline. */
export function remainingMs(dueAt: string | undefined | null, now: number): number | null {
  if (!dueAt) return null
  const due = Date.parse(dueAt)
  if (Number.isNaN(due)) return null
  return Math.max(0, due - now)
}

/** Minutes and seconds of a duration, for "还剩 1 分 05 秒". */
export function minutesAndSeconds(ms: number): { m: string; s: string } {
  const total = Math.ceil(ms / 1000)
  return { m: String(Math.floor(total / 60)), s: String(total % 60).padStart(2, '0') }
}

/** Whole hours and the minutes left of a duration in minutes (an item's 120 → 2 h 0 min). */
export function hoursAndMinutes(minutes: number): { h: number; m: number } {
  return { h: Math.floor(minutes / 60), m: minutes % 60 }
}
