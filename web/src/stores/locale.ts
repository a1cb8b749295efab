import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { DEFAULT_LOCALE, i18n, isLocale, type Locale } from '@/locales'

export const LOCALE_KEY = 'fourinone.locale'

function initial(): Locale {
  try {
    const stored = localStorage.getItem(LOCALE_KEY)
    if (isLocale(stored)) return stored
  } catch {
    // no storage: the default
  }
  return DEFAULT_LOCALE
}

/** The interface language: vue-i18n's locale, <html lang> and the API's Accept-Language. */
export const useLocaleStore = defineStore('locale', () => {
  const locale = ref<Locale>(initial())

  function set(l: Locale) {
    locale.value = l
    try {
      localStorage.setItem(LOCALE_KEY, l)
    } catch {
      // not remembered, still applied
    }
  }

  watch(
    locale,
    (l) => {
      i18n.global.locale.value = l
      if (typeof document !== 'undefined') document.documentElement.lang = l
    },
    { immediate: true },
  )

  return { locale, set }
})

/** The Accept-Language of API calls: the current interface language. */
export const currentLanguage = (): Locale => i18n.global.locale.value as Locale
