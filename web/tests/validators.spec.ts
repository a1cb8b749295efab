import { describe, expect, it } from 'vitest'
import { idNumberCheckChar, idNumberProblem, isValidIdNumber, isValidMobile } from '@/domain/validators'

describe('GB 11643 citizen ID numbers', () => {
  it('accepts a number whose check character matches', () => {
    // the standard's own example
    expect(isValidIdNumber('11010519491231002X')).toBe(true)
    expect(isValidIdNumber('110101199003074477')).toBe(true)
  })

  it('accepts a lower-case x as check character', () => {
    expect(isValidIdNumber('11010519491231002x')).toBe(true)
  })

  it('computes the check character from the weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X')
    expect(idNumberCheckChar('11010119900307447')).toBe('7')
  })

  it('rejects a number with a bad checksum', () => {
    expect(idNumberProblem('110105194912310021')).toBe('checksum')
    expect(idNumberProblem('110101199003074478')).toBe('checksum')
  })

  it('rejects wrong lengths and characters', () => {
    expect(idNumberProblem('')).toBe('required')
    expect(idNumberProblem('1101011990030744')).toBe('format')
    expect(idNumberProblem('11010119900307447A')).toBe('format')
    expect(idNumberProblem('X10101199003074477')).toBe('format')
  })

  it('rejects an impossible date of birth', () => {
    expect(idNumberProblem('110101199002304475')).toBe('birthDate')
    expect(idNumberProblem('110101189901014475')).toBe('birthDate')
  })
})

describe('mainland mobile numbers', () => {
  it('accepts 11 digits starting with 1 and 3-9', () => {
    expect(isValidMobile('13800138000')).toBe(true)
    expect(isValidMobile('19912345678')).toBe(true)
  })

  it('rejects other numbers', () => {
    expect(isValidMobile('12800138000')).toBe(false)
    expect(isValidMobile('1380013800')).toBe(false)
    expect(isValidMobile('138001380001')).toBe(false)
    expect(isValidMobile('010-12345678')).toBe(false)
  })
})
