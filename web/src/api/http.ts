import { ApiError, isProblem, type Problem } from './problem'

/**
 * What every API call sends: the bearer token (never in a URL) and the interface language, so that
 * problem messages come back in it. Set once by main.ts from the session and the locale stores.
 */
export interface RequestContext {
  accessToken: () => string | null
  language: () => string
  /** Called on a 401: the token was refused (expired, revoked). */
  unauthorized?: () => void
}

let context: RequestContext = { accessToken: () => null, language: () => 'zh-CN' }

export function setRequestContext(c: RequestContext) {
  context = c
}

/** The interface language and what answers are read as, without any credential. */
export function languageHeader(headers: Headers) {
  headers.set('Accept-Language', context.language())
  if (!headers.has('Accept')) headers.set('Accept', 'application/json, application/problem+json')
}

export function decorate(headers: Headers) {
  const token = context.accessToken()
  if (token) headers.set('Authorization', `Bearer ${token}`)
  headers.set('Accept-Language', context.language())
  if (!headers.has('Accept')) headers.set('Accept', 'application/json, application/problem+json')
}

/** Turns a refused answer into an ApiError carrying its problem+json. */
export async function toApiError(response: Response, body?: unknown): Promise<ApiError> {
  let problem: Problem | null = null
  if (body !== undefined) {
    problem = isProblem(body) ? body : null
  } else {
    try {
      const parsed: unknown = await response.clone().json()
      problem = isProblem(parsed) ? parsed : null
    } catch {
      problem = null
    }
  }
  if (response.status === 401) context.unauthorized?.()
  return new ApiError(response.status, problem)
}

/** A network failure (no answer at all) as an ApiError with status 0. */
export const networkError = (cause: unknown) => {
  const e = new ApiError(0, null)
  ;(e as { cause?: unknown }).cause = cause
  return e
}
