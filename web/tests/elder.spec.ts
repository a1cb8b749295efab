import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { ELDER_DEVICE_KEY, elderUserKey, useElderStore } from '@/stores/elder'

describe('the elder-mode store', () => {
  const reset = () => {
    localStorage.clear()
    document.documentElement.className = ''
  }
  beforeEach(() => {
    reset()
    setActivePinia(createPinia())
  })
  // the files of a worker share one document (vite.config.ts: isolate false)
  afterEach(reset)

  it('is off by default and puts the class on <html> when switched on', async () => {
    const elder = useElderStore()
    expect(elder.enabled).toBe(false)
    elder.set(true)
    await nextTick()
    expect(document.documentElement.classList.contains('elder')).toBe(true)
    elder.set(false)
    await nextTick()
    expect(document.documentElement.classList.contains('elder')).toBe(false)
  })

  it('remembers the choice per user, apart from the device default', () => {
    const elder = useElderStore()
    elder.setUser('resident-01')
    elder.set(true)
    expect(localStorage.getItem(elderUserKey('resident-01'))).toBe('on')
    expect(localStorage.getItem(ELDER_DEVICE_KEY)).toBeNull()

    elder.setUser('cw-dzm-01')
    expect(elder.enabled).toBe(false)
    elder.setUser('resident-01')
    expect(elder.enabled).toBe(true)
  })

  it('uses the device default before sign-in and for a user who never chose', () => {
    const before = useElderStore()
    before.set(true)
    expect(localStorage.getItem(ELDER_DEVICE_KEY)).toBe('on')

    setActivePinia(createPinia())
    const after = useElderStore()
    expect(after.enabled).toBe(true)
    after.setUser('resident-02')
    expect(after.enabled).toBe(true)
    after.set(false)
    after.setUser(null)
    expect(after.enabled).toBe(true)
  })
})
