import { describe, expect, it } from 'vitest'
import { problemMessage, toFormErrors, type Problem } from '@/api/problem'

const FIELDS = ['name', 'idNumber', 'phone', 'communityId', 'address']

describe('problem+json to form errors', () => {
  it('puts a domain check next to the field it names', () => {
    const p: Problem = { status: 400, code: 'resident.id-number-invalid', detail: '身份证号校验位不正确', field: 'idNumber' }
    expect(toFormErrors(p, FIELDS, 'x')).toEqual({ fields: { idNumber: '身份证号校验位不正确' }, general: null })
  })

  it('spreads bean-validation errors over their fields', () => {
    const p: Problem = {
      status: 400,
      detail: 'Invalid request',
      errors: [
        { field: 'name', message: 'must not be blank' },
        { field: 'phone', message: 'size must be between 0 and 20' },
      ],
    }
    expect(toFormErrors(p, FIELDS, 'x')).toEqual({
      fields: { name: 'must not be blank', phone: 'size must be between 0 and 20' },
      general: null,
    })
  })

  it('maps a nested member to its top-level field', () => {
    const p: Problem = { detail: 'bad', errors: [{ field: 'consent.how', message: 'unknown' }] }
    expect(toFormErrors(p, ['consent'], 'x').fields).toEqual({ consent: 'unknown' })
  })

  it('keeps a nested member the form has a field for (the legal representative’s ID number)', () => {
    const p: Problem = { status: 400, detail: '身份证号码无效', field: 'legalRepresentative.idNumber' }
    expect(toFormErrors(p, ['legalRepresentative.idNumber', 'legalRepresentative.phone'], 'x')).toEqual({
      fields: { 'legalRepresentative.idNumber': '身份证号码无效' },
      general: null,
    })
  })

  it('shows above the form what no field of the form takes', () => {
    const p: Problem = { status: 409, detail: '该居民已登记', code: 'resident.duplicate' }
    expect(toFormErrors(p, FIELDS, 'x')).toEqual({ fields: {}, general: '该居民已登记' })
    const unknownField: Problem = { detail: 'bad', errors: [{ field: 'operatorId', message: 'too long' }] }
    expect(toFormErrors(unknownField, FIELDS, 'x').general).toBe('operatorId: too long')
  })

  it('falls back to the title, then to the caller’s text', () => {
    expect(problemMessage({ title: 'Forbidden' }, 'fallback')).toBe('Forbidden')
    expect(problemMessage({}, 'fallback')).toBe('fallback')
    expect(toFormErrors(null, FIELDS, 'network down')).toEqual({ fields: {}, general: 'network down' })
  })
})
