import { describe, expect, it } from 'vitest'
import { homeOf, principalOf, sansheHomeOf, volunteerHomeOf } from '@/auth/claims'

describe('the signed-in user from the ID token', () => {
  it('reads roles and scope from the profile claims', () => {
    const p = principalOf({
      sub: 'cw-dzm-01',
      name: '张敏',
      roles: ['COMMUNITY_WORKER', 'SOMETHING_ELSE'],
      community_id: 'C-DZM-01',
      street_id: 'S-DZM',
    })
    expect(p).toEqual({
      sub: 'cw-dzm-01',
      name: '张敏',
      roles: ['COMMUNITY_WORKER'],
      residentId: undefined,
      communityId: 'C-DZM-01',
      streetId: 'S-DZM',
      organisationId: undefined,
    })
  })

  it('routes each role to its screen after sign-in', () => {
    const home = (roles: string[]) => homeOf(principalOf({ sub: 'x', roles }))
    expect(home(['RESIDENT'])).toBe('/resident')
    expect(home(['COMMUNITY_WORKER'])).toBe('/desk')
    expect(home(['SOCIAL_WORKER'])).toBe('/sanshe/tasks')
    expect(home(['ORGANISATION_STAFF'])).toBe('/sanshe/dispatch')
    expect(home(['PARTY_STAFF'])).toBe('/desk')
    expect(home(['STREET_OFFICER'])).toBe('/desk')
    expect(home(['CALL_CENTER_OPERATOR'])).toBe('/console')
    expect(home(['DISTRICT_ADMIN'])).toBe('/dashboard')
    expect(home(['PLATFORM_OPERATOR'])).toBe('/settings')
    expect(home(['VOLUNTEER'])).toBe('/volunteer')
    expect(home(['VOLUNTEER', 'COMMUNITY_WORKER'])).toBe('/desk')
    expect(homeOf(null)).toBe('/')
  })

  it('opens the 三社联动 area on the screen of the role', () => {
    const home = (roles: string[]) => sansheHomeOf(principalOf({ sub: 'x', roles }))
    expect(home(['ORGANISATION_STAFF'])).toBe('/sanshe/dispatch')
    expect(home(['COMMUNITY_WORKER'])).toBe('/sanshe/dispatch')
    expect(home(['SOCIAL_WORKER'])).toBe('/sanshe/tasks')
    expect(home(['PARTY_STAFF'])).toBe('/sanshe/organisations')
  })

  it('opens the 志愿者服务 area on the screen of the role', () => {
    const home = (roles: string[]) => volunteerHomeOf(principalOf({ sub: 'x', roles }))
    expect(home(['VOLUNTEER'])).toBe('/volunteer/me')
    expect(home(['RESIDENT'])).toBe('/volunteer/me')
    expect(home(['COMMUNITY_WORKER'])).toBe('/volunteer/approvals')
    expect(home(['STREET_OFFICER'])).toBe('/volunteer/approvals')
    expect(home(['DISTRICT_ADMIN'])).toBe('/volunteer/approvals')
  })
})
