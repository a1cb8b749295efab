/** RFC 9457 problem+json, as every service and the gateway answer errors. */
export interface Problem {
  type?: string
  title?: string
  status?: number
  detail?: string
  instance?: string
  code?: string
  /** Bean validation: one entry per refused request member. */
  errors?: { field?: string; message?: string }[]
  /** The request member a domain check refused (idNumber, phone, communityId …). */
  field?: string
}

/** An answer that was not 2xx, with its problem when the body was one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`)
    this.name = 'ApiError'
  }

  get code(): string | undefined {
    return this.problem?.code
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError

export function isProblem(body: unknown): body is Problem {
  return (
    typeof body === 'object' &&
    body !== null &&
    ('detail' in body || 'title' in body || 'code' in body || 'status' in body)
  )
}

/** The message to show: the problem's `detail` in the user's language, else its `title`. */
export function problemMessage(problem: Problem | null | undefined, fallback: string): string {
  return problem?.detail?.trim() || problem?.title?.trim() || fallback
}

export interface FormErrors {
  /** Message per form field, for the fields the form has. */
  fields: Record<string, string>
  /** What belongs above the form: the problem's message when no field of the form took it. */
  general: string | null
}

/**
 * Spreads a problem over a form: `errors[].field` and `field` go next to the field they name
 * (when the form has it: `knownFields`), everything else above the form.
 */
export function toFormErrors(
  problem: Problem | null | undefined,
  knownFields: readonly string[],
  fallback: string,
): FormErrors {
  const fields: Record<string, string> = {}
  const leftOver: string[] = []
  const known = (f: string | undefined): string | undefined => {
    if (!f) return undefined
    if (knownFields.includes(f)) return f
    // a nested member ("consent.how") or an indexed one belongs to its top-level field
    const top = f.split(/[.[]/)[0]
    return top && knownFields.includes(top) ? top : undefined
  }
  for (const e of problem?.errors ?? []) {
    const field = known(e.field)
    const message = e.message?.trim() || problemMessage(problem, fallback)
    if (field) fields[field] ??= message
    else leftOver.push(e.field ? `${e.field}: ${message}` : message)
  }
  const single = known(problem?.field)
  if (single) fields[single] ??= problemMessage(problem, fallback)
  const taken = Object.keys(fields).length > 0
  let general: string | null = null
  if (leftOver.length > 0) general = leftOver.join('；')
  else if (!taken) general = problemMessage(problem, fallback)
  return { fields, general }
}
