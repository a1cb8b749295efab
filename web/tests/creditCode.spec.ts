import { describe, expect, it } from 'vitest'
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar, creditCodeProblem, isValidCreditCode } from '@/domain/creditCode'

describe('GB 32100 unified social credit codes', () => {
  it('accepts published codes and the demo organisations’ codes', () => {
    // a code printed on a public business licence
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true)
    // 东城区嘉乐社会工作服务中心 (民政 5, 社会服务机构 2)
    expect(isValidCreditCode('52110101MJ01764859')).toBe(true)
  })

  it('accepts lower case and surrounding spaces', () => {
    expect(isValidCreditCode(' 91350100m000100y43 ')).toBe(true)
  })

  it('computes the check character from the weights 3^i mod 31 over the 31-character alphabet', () => {
    expect(CREDIT_CODE_ALPHABET).toBe('0123456789ABCDEFGHJKLMNPQRTUWXY')
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3')
    expect(creditCodeCheckChar('52110101MJ0176485')).toBe('9')
    // Σ v·w ≡ 0 (mod 31) gives check character 0, not alphabet[31]
    const first17 = '00000000000000000'
    expect(creditCodeCheckChar(first17)).toBe('0')
  })

  it('rejects every other check character', () => {
    const valid = '52110101MJ01764859'
    for (const c of CREDIT_CODE_ALPHABET) {
      if (c !== valid[17]) expect(creditCodeProblem(valid.slice(0, 17) + c), c).toBe('checksum')
    }
  })

  it('catches every single-character change', () => {
    const valid = '53110101MJ00A7K2P' + creditCodeCheckChar('53110101MJ00A7K2P')
    expect(isValidCreditCode(valid)).toBe(true)
    for (let i = 0; i < 17; i++) {
      for (const c of CREDIT_CODE_ALPHABET) {
        if (c === valid[i]) continue
        expect(isValidCreditCode(valid.slice(0, i) + c + valid.slice(i + 1)), `position ${i} to ${c}`).toBe(false)
      }
    }
  })

  it('rejects characters outside the alphabet and wrong lengths', () => {
    expect(creditCodeProblem('')).toBe('required')
    expect(creditCodeProblem('   ')).toBe('required')
    expect(creditCodeProblem('52110101MJ0176485')).toBe('format')
    expect(creditCodeProblem('52110101MJ017648590')).toBe('format')
    // I, O, S, V and Z are not used
    for (const c of 'IOSVZ') expect(creditCodeProblem(`52110101M${c}01764859`)).toBe('format')
    expect(() => creditCodeCheckChar('52110101MJ00123O5')).toThrow()
  })
})
