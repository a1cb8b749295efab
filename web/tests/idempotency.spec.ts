import { describe, expect, it } from 'vitest'
import { IdempotencyKeys } from '@/composables/idempotency'

describe('Idempotency-Key per submit attempt', () => {
  let n = 0
  const keys = () => new IdempotencyKeys(() => `key-${++n}`)

  it('keeps the key across retries of the same content', () => {
    const k = keys()
    const body = { type: 'HAIRCUT', title: '理发' }
    expect(k.keyFor(body)).toBe(k.keyFor({ ...body }))
  })

  it('takes a new key when the content changes or after a success', () => {
    const k = keys()
    const first = k.keyFor({ title: 'a' })
    const changed = k.keyFor({ title: 'b' })
    expect(changed).not.toBe(first)
    k.reset()
    expect(k.keyFor({ title: 'b' })).not.toBe(changed)
  })
})
