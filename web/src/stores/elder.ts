import { defineStore } from 'pinia'
import { ref, watch } from 'vue'

export const ELDER_DEVICE_KEY = 'fourinone.elder.device'
export const elderUserKey = (sub: string) => `fourinone.elder.user.${sub}`

function read(key: string): boolean | null {
  try {
    const v = localStorage.getItem(key)
    return v === null ? null : v === 'on'
  } catch {
    return null
  }
}

function write(key: string, on: boolean) {
  try {
    localStorage.setItem(key, on ? 'on' : 'off')
  } catch {
    // storage full or disabled: the mode still applies for this page
  }
}

/**
 * 长辈模式: remembered per user (localStorage keyed by the user's `sub`) and, before anyone signs
 * in, per device; a user who never chose starts with the device's choice. Applied as the class
 * `elder` on <html>, which elder.css turns into larger text and targets on every screen.
 */
export const useElderStore = defineStore('elder', () => {
  const enabled = ref(read(ELDER_DEVICE_KEY) ?? false)
  const user = ref<string | null>(null)

  function setUser(sub: string | null) {
    user.value = sub
    enabled.value = (sub ? read(elderUserKey(sub)) : null) ?? read(ELDER_DEVICE_KEY) ?? false
  }

  function set(on: boolean) {
    enabled.value = on
    write(user.value ? elderUserKey(user.value) : ELDER_DEVICE_KEY, on)
  }

  const toggle = () => set(!enabled.value)

  watch(
    enabled,
    (on) => {
      if (typeof document !== 'undefined') document.documentElement.classList.toggle('elder', on)
    },
    { immediate: true },
  )

  return { enabled, user, setUser, set, toggle }
})
