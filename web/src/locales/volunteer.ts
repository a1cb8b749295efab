import { i18n } from './index'
import type volunteerZhCN from './volunteer/zh-CN'

/** The message schema of 志愿者服务's strings: zh-CN's keys, every value a string. */
type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> }
export type VolunteerMessages = Strings<typeof volunteerZhCN>

/**
 * 志愿者服务's strings (`volunteer.*`, both languages) are loaded with its screens, not on the first
 * page: the routes of the volunteer area and of the public verification page wait for them.
 */
let loading: Promise<void> | null = null
export function loadVolunteerMessages(): Promise<void> {
  loading ??= Promise.all([import('./volunteer/zh-CN'), import('./volunteer/en')])
    .then(([zh, en]) => {
      i18n.global.mergeLocaleMessage('zh-CN', { volunteer: zh.default })
      i18n.global.mergeLocaleMessage('en', { volunteer: en.default })
    })
    .catch((e: unknown) => {
      loading = null
      throw e
    })
  return loading
}

/** A lazily loaded screen of the volunteer system, shown once its strings are there. */
export const withVolunteerMessages =
  <T>(load: () => Promise<T>) =>
  (): Promise<T> =>
    Promise.all([loadVolunteerMessages(), load()]).then(([, component]) => component)
