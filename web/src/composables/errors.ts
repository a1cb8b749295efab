import { useI18n } from 'vue-i18n'
import { isApiError, problemMessage, toFormErrors, type FormErrors } from '@/api/problem'

/** The message of any error in the user's language: the server's problem detail first. */
export function useErrorText() {
  const { t } = useI18n()
  function fallback(e: unknown): string {
    if (isApiError(e)) {
      if (e.status === 0) return t('app.networkError')
      if (e.status === 401) return t('auth.expired')
      if (e.status === 403) return t('app.forbidden')
      if (e.status === 404) return t('app.notFoundText')
    }
    return t('app.unknownError')
  }
  function errorText(e: unknown): string {
    return isApiError(e) ? problemMessage(e.problem, fallback(e)) : fallback(e)
  }
  function formErrors(e: unknown, fields: readonly string[]): FormErrors {
    return isApiError(e) ? toFormErrors(e.problem, fields, fallback(e)) : { fields: {}, general: fallback(e) }
  }
  return { errorText, formErrors }
}
