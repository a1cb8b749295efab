import { describe, expect, it } from 'vitest'
import type { ActivityView, StatementLine } from '@/api/types'
import {
  addMonths,
  checkInOpen,
  codeProblem,
  dayOf,
  formatDay,
  formatPoints,
  groupCode,
  groupStatement,
  hundredths,
  isMonth,
  localToIso,
  isoToLocal,
  minutesBetween,
  monthOf,
  myShifts,
  needsMinutes,
  nextVolunteerStatuses,
  normaliseCode,
  parseCause,
  points,
  pointsProblem,
  recordOfShift,
  skillName,
  slotProblem,
  standingIn,
  statementConsistent,
  statementMonthAllowed,
  timeOfDay,
} from '@/domain/volunteer'

describe('the check-in code', () => {
  it('keeps the six digits of what was typed', () => {
    expect(normaliseCode('482915')).toBe('482915')
    expect(normaliseCode(' 482 915 ')).toBe('482915')
    expect(normaliseCode('482-915')).toBe('482915')
    expect(normaliseCode('４８２９１５')).toBe('482915')
    expect(normaliseCode('4829156')).toBe('482915')
    expect(normaliseCode('abc')).toBe('')
  })

  it('says why a code cannot be sent yet', () => {
    expect(codeProblem('')).toBe('required')
    expect(codeProblem('  ')).toBe('required')
    expect(codeProblem('12345')).toBe('length')
    expect(codeProblem('12a345')).toBe('length')
    expect(codeProblem('123 456')).toBeNull()
  })

  it('shows a code in two groups of three', () => {
    expect(groupCode('482915')).toBe('482 915')
    expect(groupCode('12')).toBe('12')
  })
})

describe('months of a statement', () => {
  it('tells a month from anything else', () => {
    expect(isMonth('2026-12')).toBe(true)
    expect(isMonth('2026-13')).toBe(false)
    expect(isMonth('2026-1')).toBe(false)
    expect(isMonth('12/2026')).toBe(false)
  })

  it('steps over the turn of the year both ways', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12')
    expect(addMonths('2025-12', 1)).toBe('2026-01')
    expect(addMonths('2026-06', -18)).toBe('2024-12')
    expect(addMonths('2026-06', 0)).toBe('2026-06')
    expect(() => addMonths('June', 1)).toThrow()
  })

  it('takes the month in Beijing time, not the browser’s', () => {
    // 31 Dec 2026 17:00 UTC is 1 Jan 2027 01:00 in Beijing
    expect(monthOf(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01')
    expect(monthOf(new Date('2026-12-31T15:59:00Z'))).toBe('2026-12')
    expect(monthOf(new Date('2026-12-31T17:00:00Z'), 'UTC')).toBe('2026-12')
  })

  it('asks for no statement of a month still to come', () => {
    expect(statementMonthAllowed('2026-11', '2026-12')).toBe(true)
    expect(statementMonthAllowed('2026-12', '2026-12')).toBe(true)
    expect(statementMonthAllowed('2027-01', '2026-12')).toBe(false)
    expect(statementMonthAllowed('', '2026-12')).toBe(false)
  })
})

describe('the statement', () => {
  const line = (entryId: string, at: string, p: number, after: number, cause: string, kind = 'HOURS_CREDIT'): StatementLine => ({
    entryId,
    at,
    kind,
    points: p,
    balanceAfter: after,
    cause,
  })
  const entries = [
    line('a#3', '2026-12-02T02:00:00Z', -2, 1.5, 'redemption:RD-1', 'EXCHANGE'),
    line('a#1', '2026-12-01T01:00:00Z', 1.5, 1.5, 'service-record:SR-1'),
    // 1 Dec 17:30 UTC is already 2 Dec in Beijing
    line('a#2', '2026-12-01T17:30:00Z', 2, 3.5, 'service-record:SR-2'),
  ]

  it('groups the entries by day in Beijing time, oldest first, with each day’s sums', () => {
    const days = groupStatement(entries)
    expect(days.map((d) => d.day)).toEqual(['2026-12-01', '2026-12-02'])
    expect(days[0]!.entries.map((e) => e.entryId)).toEqual(['a#1'])
    expect(days[1]!.entries.map((e) => e.entryId)).toEqual(['a#2', 'a#3'])
    expect(days[1]!.credits).toBe(200)
    expect(days[1]!.debits).toBe(200)
    expect(groupStatement([])).toEqual([])
  })

  it('sums points exactly, in hundredths', () => {
    expect(hundredths(0.1) + hundredths(0.2)).toBe(30)
    expect(formatPoints(30)).toBe('0.30')
    expect(formatPoints(-300)).toBe('-3.00')
    expect(formatPoints(123456)).toBe('1234.56')
    expect(points(12.5)).toBe('12.50')
    expect(points(undefined)).toBe('0.00')
  })

  it('checks that a statement adds up', () => {
    expect(statementConsistent({ opening: 0, closing: 1.5, entries })).toBe(true)
    expect(statementConsistent({ opening: 0, closing: 2, entries })).toBe(false)
    expect(statementConsistent({ opening: 1, closing: 1.5, entries })).toBe(false)
    expect(statementConsistent({ opening: 4, closing: 4, entries: [] })).toBe(true)
  })

  it('reads what an entry’s cause names', () => {
    expect(parseCause('service-record:SR-A-S1-vol-li')).toEqual({ type: 'service-record', ref: 'SR-A-S1-vol-li' })
    expect(parseCause('redemption:RD-vol-li-k')).toEqual({ type: 'redemption', ref: 'RD-vol-li-k' })
    expect(parseCause('transfer:SPOUSE:R-0001')).toEqual({ type: 'transfer', relation: 'SPOUSE', ref: 'R-0001' })
    expect(parseCause('reversal:hours:SR-1')).toEqual({ type: 'reversal', ref: 'hours:SR-1' })
    expect(parseCause('something')).toEqual({ type: 'other', ref: 'something' })
    expect(parseCause(undefined)).toEqual({ type: 'other', ref: '' })
  })

  it('writes an entry’s day and time as the district counts them, whatever the browser’s zone', () => {
    // 1 Dec 17:30 UTC is 2 Dec 01:30 in Beijing: under the day of 2 Dec, at 01:30
    expect(formatDay(dayOf('2026-12-01T17:30:00Z'), 'zh-CN')).toBe('2026年12月2日')
    expect(formatDay('2026-12-02', 'en')).toBe('Dec 2, 2026')
    expect(timeOfDay('2026-12-01T17:30:00Z', 'zh-CN')).toBe('01:30')
    expect(timeOfDay(undefined, 'zh-CN')).toBe('')
  })

  it('finds the day of an instant, or nothing', () => {
    expect(dayOf('2026-12-01T16:00:00Z')).toBe('2026-12-02')
    expect(dayOf('not a date')).toBe('')
    expect(dayOf(undefined)).toBe('')
  })
})

describe('forms', () => {
  it('takes points with at most two decimals, above zero, within the balance', () => {
    expect(pointsProblem('')).toBe('required')
    expect(pointsProblem('1.234')).toBe('format')
    expect(pointsProblem('-1')).toBe('format')
    expect(pointsProblem('abc')).toBe('format')
    expect(pointsProblem('0')).toBe('positive')
    expect(pointsProblem('0.00')).toBe('positive')
    expect(pointsProblem('3.5', 3.49)).toBe('balance')
    expect(pointsProblem('3.49', 3.49)).toBeNull()
    expect(pointsProblem('2')).toBeNull()
  })

  it('checks a weekly availability slot', () => {
    expect(slotProblem({ day: 'MONDAY', from: '08:00', to: '12:00' })).toBeNull()
    expect(slotProblem({ day: 'MONDAY', from: '18:00', to: '24:00' })).toBeNull()
    expect(slotProblem({ day: 'MONDAY', from: '12:00', to: '08:00' })).toBe('order')
    expect(slotProblem({ day: 'MONDAY', from: '08:00', to: '08:00' })).toBe('order')
    expect(slotProblem({ day: 'MONDAY', from: '8:00', to: '12:00' })).toBe('time')
    expect(slotProblem({ day: 'FUNDAY', from: '08:00', to: '12:00' })).toBe('day')
  })

  it('turns a local date-time field into an instant and back', () => {
    const iso = localToIso('2026-12-01T09:30')
    expect(iso).not.toBeNull()
    expect(isoToLocal(iso!)).toBe('2026-12-01T09:30')
    expect(localToIso('2026-12-01')).toBeNull()
    expect(localToIso('')).toBeNull()
  })

  it('counts whole minutes, never below zero', () => {
    expect(minutesBetween('2026-12-01T08:00:00Z', '2026-12-01T10:05:59Z')).toBe(125)
    expect(minutesBetween('2026-12-01T10:00:00Z', '2026-12-01T08:00:00Z')).toBe(0)
    expect(minutesBetween(undefined, '2026-12-01T08:00:00Z')).toBe(0)
  })
})

describe('volunteers, shifts and records', () => {
  it('moves a volunteer only along the registry’s paths; leaving is final', () => {
    expect(nextVolunteerStatuses('PENDING_REVIEW')).toEqual(['ACTIVE', 'LEFT'])
    expect(nextVolunteerStatuses('ACTIVE')).toEqual(['SUSPENDED', 'LEFT'])
    expect(nextVolunteerStatuses('SUSPENDED')).toEqual(['ACTIVE', 'LEFT'])
    expect(nextVolunteerStatuses('LEFT')).toEqual([])
    expect(nextVolunteerStatuses(undefined)).toEqual([])
  })

  const activity: ActivityView = {
    activityId: 'A-1',
    title: '助老',
    shifts: [
      { shiftId: 'S2', start: '2026-12-02T01:00:00Z', end: '2026-12-02T03:00:00Z', signups: [{ volunteerId: 'vol-li' }], waitingList: [] },
      { shiftId: 'S1', start: '2026-12-01T01:00:00Z', end: '2026-12-01T03:00:00Z', signups: [{ volunteerId: 'vol-wang' }], waitingList: [{ volunteerId: 'vol-zhao' }, { volunteerId: 'vol-li' }] },
      { shiftId: 'S3', start: '2026-12-03T01:00:00Z', end: '2026-12-03T03:00:00Z', signups: [], waitingList: [] },
    ],
  }

  it('knows where the volunteer stands in a shift', () => {
    expect(standingIn(activity.shifts![0]!, 'vol-li')).toEqual({ standing: 'confirmed', position: 0 })
    expect(standingIn(activity.shifts![1]!, 'vol-li')).toEqual({ standing: 'waiting', position: 2 })
    expect(standingIn(activity.shifts![2]!, 'vol-li')).toEqual({ standing: 'none', position: 0 })
  })

  it('lists the volunteer’s shifts soonest first, waiting ones too', () => {
    expect(myShifts([activity], 'vol-li').map((x) => [x.shift.shiftId, x.standing])).toEqual([
      ['S1', 'waiting'],
      ['S2', 'confirmed'],
    ])
    expect(myShifts([activity], 'vol-chen')).toEqual([])
  })

  it('opens check-in 30 minutes before the shift until its end', () => {
    const shift = { start: '2026-12-01T02:00:00Z', end: '2026-12-01T04:00:00Z' }
    expect(checkInOpen(shift, Date.parse('2026-12-01T01:29:00Z'))).toBe(false)
    expect(checkInOpen(shift, Date.parse('2026-12-01T01:30:00Z'))).toBe(true)
    expect(checkInOpen(shift, Date.parse('2026-12-01T03:59:00Z'))).toBe(true)
    expect(checkInOpen(shift, Date.parse('2026-12-01T04:00:00Z'))).toBe(false)
    expect(checkInOpen({ start: 'x', end: 'y' }, Date.now())).toBe(false)
  })

  it('finds the record of a shift, and knows one whose hours the approver sets', () => {
    const records = [{ recordId: 'SR-A-1-S2-vol-li', activityId: 'A-1', shiftId: 'S2' }]
    expect(recordOfShift(records, 'A-1', 'S2')?.recordId).toBe('SR-A-1-S2-vol-li')
    expect(recordOfShift(records, 'A-1', 'S1')).toBeUndefined()
    expect(needsMinutes({ flags: ['HOURS_TO_SET'], minutes: 0 })).toBe(true)
    expect(needsMinutes({ flags: [], minutes: 0 })).toBe(true)
    expect(needsMinutes({ flags: ['FAR_FROM_PLACE'], minutes: 90 })).toBe(false)
  })

  it('names a skill in the interface language, or by its code', () => {
    const skills = [{ code: 'MEDICAL_ESCORT', name: '陪同就医', nameEn: 'Escort to hospital' }]
    expect(skillName(skills, 'MEDICAL_ESCORT', 'zh-CN')).toBe('陪同就医')
    expect(skillName(skills, 'MEDICAL_ESCORT', 'en')).toBe('Escort to hospital')
    expect(skillName(skills, 'HAIRCUT', 'en')).toBe('HAIRCUT')
  })
})
