/**
 * 志愿者服务's vocabulary as the screens need it: statuses, flags, the ledger's kinds and causes,
 * months of a statement, the check-in code, and the few rules the forms mirror (the server checks
 * them again).
 */
import type { ActivityView, RecordView, ShiftView, StatementLine } from '@/api/types'

export const VOLUNTEER_STATUSES = ['PENDING_REVIEW', 'ACTIVE', 'SUSPENDED', 'LEFT'] as const
export type VolunteerStatus = (typeof VOLUNTEER_STATUSES)[number]

/** The statuses a volunteer may be moved to (待审核 → 在册 ↔ 暂停, 退出 from any; 退出 is final). */
export function nextVolunteerStatuses(status: string | undefined): VolunteerStatus[] {
  switch (status) {
    case 'PENDING_REVIEW':
      return ['ACTIVE', 'LEFT']
    case 'ACTIVE':
      return ['SUSPENDED', 'LEFT']
    case 'SUSPENDED':
      return ['ACTIVE', 'LEFT']
    default:
      return []
  }
}

export const RECORD_STATUSES = ['ENTERED', 'PENDING', 'APPROVED', 'DENIED'] as const
export const RECORD_FLAGS = ['FAR_FROM_PLACE', 'NO_LOCATION', 'OVERLAPS', 'OVER_DAILY_CAP', 'HOURS_TO_SET', 'RECORDED_BY_ORGANISER'] as const
/** Flags an approver must look at before approving (the others are information). */
export const WARNING_FLAGS: readonly string[] = ['FAR_FROM_PLACE', 'OVERLAPS', 'OVER_DAILY_CAP', 'HOURS_TO_SET']
export const NEED_STATES = ['OPEN', 'INVITED', 'MATCHED', 'UNMATCHED', 'CLOSED'] as const
export const LEDGER_KINDS = ['HOURS_CREDIT', 'EXCHANGE', 'REFUND', 'TRANSFER', 'DONATION', 'REVERSAL'] as const
export const WEEK_DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const
export type WeekDay = (typeof WEEK_DAYS)[number]
/** 亲属关系 the district's rule lets saved points go to (fourinone.volunteer.timebank.transfer-relations). */
export const TRANSFER_RELATIONS = ['SPOUSE', 'PARENT', 'CHILD', 'GRANDPARENT', 'GRANDCHILD', 'SIBLING'] as const
/** Languages a volunteer can offer, as codes the registry keeps. */
export const LANGUAGES = ['zh', 'en', 'yue', 'sgn'] as const
/** Most a single approval may set, in minutes: the district's daily cap (10 h). */
export const DAILY_CAP_MINUTES = 600

/** A record needs the approver to set its minutes (a check-out right after check-in, an order without times). */
export const needsMinutes = (r: Pick<RecordView, 'flags' | 'minutes'>): boolean =>
  (r.flags ?? []).includes('HOURS_TO_SET') || !r.minutes

// ---- the check-in code ----

/** What was typed into the code field, as the six digits the server wants ("12 34-56" → "123456"). */
export function normaliseCode(input: string): string {
  return input
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\D/g, '')
    .slice(0, 6)
}

export type CodeProblem = 'required' | 'length'

/** Why a check-in code cannot be sent yet, or null when it is six digits. */
export function codeProblem(input: string): CodeProblem | null {
  const code = normaliseCode(input)
  if (code === '') return 'required'
  return code.length === 6 ? null : 'length'
}

/** The code shown big to the volunteers, in two groups: "482 915". */
export const groupCode = (code: string): string => (code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code)

// ---- months ----

/** The district's time zone: the server counts days and months (statements, certificates, the daily cap) in it. */
export const DISTRICT_TIME_ZONE = 'Asia/Shanghai'

/** The time of day of an instant in the district's time zone (a statement's entry under its day). */
export function timeOfDay(iso: string | undefined, locale: string, timeZone = DISTRICT_TIME_ZONE): string {
  if (!iso) return ''
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? '' : new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(d)
}

/** A day (YYYY-MM-DD) as the user's language writes it: 2026年12月2日, 2 Dec 2026. */
export function formatDay(day: string, locale: string): string {
  const d = new Date(`${day}T12:00:00Z`)
  return Number.isNaN(d.getTime()) ? day : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d)
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

export const isMonth = (v: string): boolean => MONTH.test(v)

/** The month (YYYY-MM) a moment falls in, in the district's time zone (Asia/Shanghai). */
export function monthOf(date: Date, timeZone = DISTRICT_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(date)
  const year = parts.find((p) => p.type === 'year')?.value ?? '1970'
  const month = parts.find((p) => p.type === 'month')?.value ?? '01'
  return `${year}-${month}`
}

/** The month `delta` months after (or before) `month`: addMonths('2026-01', -1) is '2025-12'. */
export function addMonths(month: string, delta: number): string {
  const m = MONTH.exec(month)
  if (!m) throw new Error(`not a month: ${month}`)
  const index = Number(m[1]) * 12 + (Number(m[2]) - 1) + delta
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** Whether a statement of that month can be asked for: a month, and not after the current one. */
export const statementMonthAllowed = (month: string, current: string): boolean => isMonth(month) && month <= current

// ---- the statement ----

/** What an entry's cause points at, as the ledger writes it (`service-record:SR-…`, `redemption:RD-…`, `transfer:SPOUSE:R-…`). */
export interface Cause {
  /** service-record, redemption, transfer, reversal, other */
  type: 'service-record' | 'redemption' | 'transfer' | 'reversal' | 'other'
  /** the record, redemption or transaction it names */
  ref: string
  /** for a transfer: the relation (SPOUSE …) */
  relation?: string
}

export function parseCause(cause: string | undefined): Cause {
  if (!cause) return { type: 'other', ref: '' }
  const i = cause.indexOf(':')
  const head = i < 0 ? cause : cause.slice(0, i)
  const rest = i < 0 ? '' : cause.slice(i + 1)
  switch (head) {
    case 'service-record':
      return { type: 'service-record', ref: rest }
    case 'redemption':
    case 'refund':
      return { type: 'redemption', ref: rest }
    case 'transfer': {
      const j = rest.indexOf(':')
      return j < 0 ? { type: 'transfer', ref: rest } : { type: 'transfer', relation: rest.slice(0, j), ref: rest.slice(j + 1) }
    }
    case 'reversal':
      return { type: 'reversal', ref: rest }
    default:
      return { type: 'other', ref: cause }
  }
}

export interface StatementDay {
  /** YYYY-MM-DD in the district's time zone */
  day: string
  entries: StatementLine[]
  /** the day's credits and debits, in hundredths (exact) */
  credits: number
  debits: number
}

/** Points as exact hundredths (the wire's 12.5 → 1250), so that sums do not drift. */
export const hundredths = (points: number | undefined): number => Math.round((points ?? 0) * 100)

/** Hundredths back to what the statement prints: 1250 → "12.50", -300 → "-3.00". */
export function formatPoints(hundredthsValue: number): string {
  const sign = hundredthsValue < 0 ? '-' : ''
  const abs = Math.abs(Math.round(hundredthsValue))
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** Points from the wire as the screens print them: 12.5 → "12.50". */
export const points = (value: number | undefined | null): string => formatPoints(hundredths(value ?? 0))

/** The day (YYYY-MM-DD) an instant falls on, in the district's time zone. */
export function dayOf(iso: string | undefined, timeZone = DISTRICT_TIME_ZONE): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d)
}

/** A month's entries by day, the days and the entries of a day in the ledger's order (oldest first). */
export function groupStatement(entries: readonly StatementLine[], timeZone = DISTRICT_TIME_ZONE): StatementDay[] {
  const days: StatementDay[] = []
  const sorted = [...entries].sort((a, b) => (a.at ?? '').localeCompare(b.at ?? '') || (a.entryId ?? '').localeCompare(b.entryId ?? ''))
  for (const e of sorted) {
    const day = dayOf(e.at, timeZone)
    let group = days[days.length - 1]
    if (!group || group.day !== day) {
      group = { day, entries: [], credits: 0, debits: 0 }
      days.push(group)
    }
    group.entries.push(e)
    const amount = hundredths(e.points)
    if (amount > 0) group.credits += amount
    else group.debits -= amount
  }
  return days
}

/** Whether a statement adds up: opening + credits − debits = closing, and each entry's balance follows the one before. */
export function statementConsistent(s: { opening?: number; closing?: number; entries?: StatementLine[] }): boolean {
  let balance = hundredths(s.opening)
  for (const e of [...(s.entries ?? [])].sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''))) {
    balance += hundredths(e.points)
    if (balance !== hundredths(e.balanceAfter)) return false
  }
  return balance === hundredths(s.closing)
}

// ---- points typed in a form ----

export type PointsProblem = 'required' | 'format' | 'positive' | 'balance'

/** Why a number of points typed in a form cannot be sent: at most two decimals, above zero, within the balance. */
export function pointsProblem(input: string, balance?: number): PointsProblem | null {
  const v = input.trim()
  if (v === '') return 'required'
  if (!/^\d+(\.\d{1,2})?$/.test(v)) return 'format'
  const h = hundredths(Number(v))
  if (h <= 0) return 'positive'
  if (balance !== undefined && h > hundredths(balance)) return 'balance'
  return null
}

// ---- times ----

/** A `<input type="datetime-local">` value (the browser's local time) as an instant for the API. */
export function localToIso(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return null
  const d = new Date(local)
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}

/** An instant as a `<input type="datetime-local">` value in the browser's local time (minutes). */
export function isoToLocal(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/

export type SlotProblem = 'day' | 'time' | 'order'

/** Why a weekly availability slot (MONDAY 08:00–12:00) is not valid, or null. */
export function slotProblem(slot: { day: string; from: string; to: string }): SlotProblem | null {
  if (!(WEEK_DAYS as readonly string[]).includes(slot.day)) return 'day'
  if (!TIME.test(slot.from) || !TIME.test(slot.to)) return 'time'
  return slot.from < slot.to ? null : 'order'
}

/** Whole minutes between two instants (never below zero). */
export function minutesBetween(start: string | undefined, end: string | undefined): number {
  if (!start || !end) return 0
  const ms = Date.parse(end) - Date.parse(start)
  return Number.isNaN(ms) ? 0 : Math.max(0, Math.floor(ms / 60_000))
}

/** A duration in minutes as hours and minutes (125 → 2 h 5 min). */
export const hoursMinutes = (minutes: number): { h: number; m: number } => ({ h: Math.floor(minutes / 60), m: minutes % 60 })

// ---- shifts ----

export type ShiftStanding = 'confirmed' | 'waiting' | 'none'

/** Whether the volunteer has a place in the shift, waits for one, or neither; and where on the waiting list. */
export function standingIn(shift: ShiftView, volunteerId: string): { standing: ShiftStanding; position: number } {
  if ((shift.signups ?? []).some((s) => s.volunteerId === volunteerId)) return { standing: 'confirmed', position: 0 }
  const i = (shift.waitingList ?? []).findIndex((s) => s.volunteerId === volunteerId)
  return i >= 0 ? { standing: 'waiting', position: i + 1 } : { standing: 'none', position: 0 }
}

/** The shifts of activities that concern the volunteer, each with its activity, soonest first. */
export function myShifts(list: readonly ActivityView[], volunteerId: string): { activity: ActivityView; shift: ShiftView; standing: ShiftStanding; position: number }[] {
  const out: { activity: ActivityView; shift: ShiftView; standing: ShiftStanding; position: number }[] = []
  for (const activity of list)
    for (const shift of activity.shifts ?? []) {
      const s = standingIn(shift, volunteerId)
      if (s.standing !== 'none') out.push({ activity, shift, ...s })
    }
  return out.sort((a, b) => (a.shift.start ?? '').localeCompare(b.shift.start ?? ''))
}

/** Whether a shift is on now or opens for check-in (30 min before its start) — the code may be entered. */
export function checkInOpen(shift: Pick<ShiftView, 'start' | 'end'>, now: number, earlyMinutes = 30): boolean {
  const start = Date.parse(shift.start ?? '')
  const end = Date.parse(shift.end ?? '')
  if (Number.isNaN(start) || Number.isNaN(end)) return false
  return now >= start - earlyMinutes * 60_000 && now < end
}

/** The service record a shift made for the volunteer, if any (one per shift). */
export const recordOfShift = (list: readonly RecordView[], activityId: string | undefined, shiftId: string | undefined): RecordView | undefined =>
  list.find((r) => r.activityId === activityId && r.shiftId === shiftId)

/** A skill's name in the interface language (the catalogue carries both), or its code. */
export function skillName(skills: readonly { code?: string; name?: string; nameEn?: string }[], code: string | undefined, locale: string): string {
  const s = skills.find((x) => x.code === code)
  if (!s) return code ?? ''
  return (locale === 'en' ? s.nameEn : s.name) || s.name || s.nameEn || code || ''
}
