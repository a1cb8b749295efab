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

type Query = Record<string, string | number | boolean | undefined | null>

export function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

/**
 * A JSON GET for the endpoints of docs/web-api-contract.md that the committed OpenAPI documents do
 * not describe yet (queue, statistics, resident search); everything else goes through the typed
 * clients of api/clients.ts.
 */
export async function getJson<T>(path: string, query?: Query): Promise<T> {
  const headers = new Headers()
  decorate(headers)
  let response: Response
  try {
    response = await fetch(withQuery(path, query), { headers })
  } catch (e) {
    throw networkError(e)
  }
  if (!response.ok) throw await toApiError(response)
  return (await response.json()) as T
}
