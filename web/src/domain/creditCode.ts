/**
 * 统一社会信用代码 (GB 32100-2015), checked in the form before the server does the same: 18
 * characters over the 31 of {@link CREDIT_CODE_ALPHABET} (no I, O, S, V, Z) — the registering
 * authority, the kind of body, the administrative division (6), the organisation code (9) and a check
 * character: with v(c) the place of c in the alphabet, c18 = alphabet[(31 − Σ v·w mod 31) mod 31].
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/

/** The check character of the first 17 characters; throws on a character outside the alphabet. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length < 17) throw new Error(`need 17 characters, got ${first17.length}`)
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i]!)
    if (value < 0) throw new Error(`'${first17[i]}' is not a character of a credit code`)
    sum += value * WEIGHTS[i]!
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!
}

export type CreditCodeProblem = 'required' | 'format' | 'checksum'

/** Why a credit code is not valid (trimmed, any case), or null when it is. */
export function creditCodeProblem(value: string): CreditCodeProblem | null {
  const code = value.trim().toUpperCase()
  if (code === '') return 'required'
  if (!SHAPE.test(code)) return 'format'
  return creditCodeCheckChar(code) === code[17] ? null : 'checksum'
}

export const isValidCreditCode = (value: string): boolean => creditCodeProblem(value) === null
