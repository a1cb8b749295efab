/** Checks that the forms do before the server does the same (GB 11643-1999, mainland mobiles). */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const ID_CHECK_CHARS = '10X98765432'

/** The check character GB 11643 gives the first 17 digits of a citizen ID number. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!
  return ID_CHECK_CHARS[sum % 11]!
}

export type IdNumberProblem = 'required' | 'format' | 'birthDate' | 'checksum'

/** Why an 18-character citizen ID number is not valid, or null when it is. */
export function idNumberProblem(value: string): IdNumberProblem | null {
  const id = value.trim().toUpperCase()
  if (id === '') return 'required'
  if (!/^\d{17}[\dX]$/.test(id)) return 'format'
  const year = Number(id.slice(6, 10))
  const month = Number(id.slice(10, 12))
  const day = Number(id.slice(12, 14))
  const date = new Date(Date.UTC(year, month - 1, day))
  if (
    year < 1900 ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    date.getTime() > Date.now()
  ) {
    return 'birthDate'
  }
  return idNumberCheckChar(id) === id[17] ? null : 'checksum'
}

export const isValidIdNumber = (value: string): boolean => idNumberProblem(value) === null

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/

export const isValidMobile = (value: string): boolean => MOBILE_PATTERN.test(value.trim())
