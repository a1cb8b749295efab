import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import en from './en'

/** The message schema: zh-CN's keys, every value a string. */
type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> }
export type Messages = Strings<typeof zhCN>

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'zh-CN'

export const isLocale = (v: unknown): v is Locale =>
  typeof v === 'string' && (LOCALES as readonly string[]).includes(v)

export function createAppI18n(locale: Locale = DEFAULT_LOCALE) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages: { 'zh-CN': zhCN, en },
    missingWarn: false,
    fallbackWarn: false,
  })
}

export const i18n = createAppI18n()
