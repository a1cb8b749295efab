/** Who the signed-in user is, from the ID token's claims (docs/identity.md). */
export const ROLES = [
  'RESIDENT',
  'COMMUNITY_WORKER',
  'CALL_CENTER_OPERATOR',
  'SOCIAL_WORKER',
  'ORGANISATION_STAFF',
  'VOLUNTEER',
  'PARTY_STAFF',
  'STREET_OFFICER',
  'DISTRICT_ADMIN',
  'PLATFORM_OPERATOR',
] as const
export type Role = (typeof ROLES)[number]

export interface Principal {
  sub: string
  name: string
  roles: Role[]
  residentId?: string
  communityId?: string
  streetId?: string
  organisationId?: string
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

export function principalOf(profile: Record<string, unknown>): Principal {
  const raw = profile.roles
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[\s,]+/) : []
  const roles = list.filter((r): r is Role => (ROLES as readonly string[]).includes(String(r)))
  return {
    sub: String(profile.sub ?? ''),
    name: str(profile.name) ?? str(profile.preferred_username) ?? String(profile.sub ?? ''),
    roles,
    residentId: str(profile.resident_id),
    communityId: str(profile.community_id),
    streetId: str(profile.street_id),
    organisationId: str(profile.organisation_id),
  }
}

export const hasRole = (p: Principal | null | undefined, ...roles: Role[]): boolean =>
  !!p && p.roles.some((r) => roles.includes(r))

/** Roles that work at the staff desk (the queue). */
export const DESK_ROLES: Role[] = [
  'COMMUNITY_WORKER',
  'SOCIAL_WORKER',
  'PARTY_STAFF',
  'STREET_OFFICER',
  'DISTRICT_ADMIN',
  'ORGANISATION_STAFF',
  'VOLUNTEER',
]
/** Roles that place orders on a resident's behalf (call centre, door-to-door). */
export const ASSISTING_ROLES: Role[] = ['COMMUNITY_WORKER', 'CALL_CENTER_OPERATOR', 'SOCIAL_WORKER']
/** Roles that register residents at the window. */
export const REGISTERING_ROLES: Role[] = ['COMMUNITY_WORKER', 'CALL_CENTER_OPERATOR', 'DISTRICT_ADMIN']
/** Roles that see the statistics. */
export const DASHBOARD_ROLES: Role[] = [
  'DISTRICT_ADMIN',
  'STREET_OFFICER',
  'COMMUNITY_WORKER',
  'SOCIAL_WORKER',
  'PARTY_STAFF',
  'CALL_CENTER_OPERATOR',
]

/** Where a user lands after signing in. */
export function homeOf(p: Principal | null | undefined): string {
  if (!p) return '/'
  if (hasRole(p, 'DISTRICT_ADMIN')) return '/dashboard'
  if (hasRole(p, 'CALL_CENTER_OPERATOR')) return '/console'
  if (hasRole(p, ...DESK_ROLES)) return '/desk'
  if (hasRole(p, 'RESIDENT')) return '/resident'
  return '/settings'
}
