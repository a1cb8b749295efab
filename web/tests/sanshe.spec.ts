import { describe, expect, it } from 'vitest'
import { formatPrice, minutesAndSeconds, nextStage, nextStatuses, remainingMs, scoreOf } from '@/domain/sanshe'

describe('三社联动 rules the screens mirror', () => {
  it('changes an organisation’s status only along the registry’s paths; elimination is final', () => {
    expect(nextStatuses('INCUBATING')).toEqual(['ACTIVE', 'ELIMINATED'])
    expect(nextStatuses('ACTIVE')).toEqual(['SUSPENDED', 'ELIMINATED'])
    expect(nextStatuses('SUSPENDED')).toEqual(['ACTIVE', 'ELIMINATED'])
    expect(nextStatuses('ELIMINATED')).toEqual([])
    expect(nextStatuses(undefined)).toEqual([])
  })

  it('moves a round through its five stages in order', () => {
    expect(nextStage('RECOMMENDATION')).toBe('STREET_REVIEW')
    expect(nextStage('STREET_REVIEW')).toBe('DISTRICT_REVIEW')
    expect(nextStage('DISTRICT_REVIEW')).toBe('PUBLIC_NOTICE')
    expect(nextStage('PUBLIC_NOTICE')).toBe('PUBLISHED')
    expect(nextStage('PUBLISHED')).toBeNull()
    expect(nextStage('SOMETHING')).toBeNull()
  })

  it('writes a price as residents read it', () => {
    expect(formatPrice({ price: 0, free: true }, '免费')).toBe('免费')
    expect(formatPrice({ price: 35.5, free: false }, '免费')).toBe('¥35.5')
    expect(formatPrice({ price: 30, free: false }, 'Free')).toBe('¥30')
    expect(formatPrice({ price: 12.345, free: false }, 'Free')).toBe('¥12.35')
  })

  it('counts down to an accept deadline, never below zero', () => {
    const now = Date.parse('2026-12-01T08:00:00Z')
    expect(remainingMs('2026-12-01T08:01:05Z', now)).toBe(65_000)
    expect(remainingMs('2026-12-01T07:59:00Z', now)).toBe(0)
    expect(remainingMs(null, now)).toBeNull()
    expect(minutesAndSeconds(65_000)).toEqual({ m: '1', s: '05' })
    expect(minutesAndSeconds(400)).toEqual({ m: '0', s: '01' })
  })

  it('reads an entry’s score with its parts and inputs', () => {
    const score = scoreOf({
      score: {
        total: 71.5,
        stars: 3,
        parts: [{ name: 'satisfaction', value: 92.5, weight: 0.25, weighted: 23.13, inputs: { rated: 2, ratings: { VERY_SATISFIED: 1, SATISFIED: 1 } } }],
      },
    })
    expect(score).toEqual({
      total: 71.5,
      stars: 3,
      parts: [{ name: 'satisfaction', value: 92.5, weight: 0.25, weighted: 23.13, inputs: { rated: 2, ratings: { VERY_SATISFIED: 1, SATISFIED: 1 } } }],
    })
    expect(scoreOf({})).toBeNull()
  })
})
