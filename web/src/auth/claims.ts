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

/** 三社联动: who sees the dispatch board (an organisation its own offers, territory staff their territory). */
export const DISPATCH_ROLES: Role[] = ['ORGANISATION_STAFF', 'COMMUNITY_WORKER', 'STREET_OFFICER', 'DISTRICT_ADMIN']
/** 三社联动: who works on the tasks assigned to them. */
export const TASK_ROLES: Role[] = ['SOCIAL_WORKER']
/** 三社联动: who reads the social-organisation registry (each within their scope). */
export const REGISTRY_ROLES: Role[] = [
  'DISTRICT_ADMIN',
  'STREET_OFFICER',
  'COMMUNITY_WORKER',
  'PARTY_STAFF',
  'ORGANISATION_STAFF',
]
/** 三社联动: who registers organisations (the district; a street its community organisations). */
export const ORG_REGISTRAR_ROLES: Role[] = ['DISTRICT_ADMIN', 'STREET_OFFICER']
/** 三社联动: who takes part in the yearly star rating (星级评定). */
export const EVALUATION_ROLES: Role[] = ['DISTRICT_ADMIN', 'STREET_OFFICER', 'COMMUNITY_WORKER', 'ORGANISATION_STAFF']
/** Every role with a screen in the 三社联动 staff area. */
export const SANSHE_ROLES: Role[] = [...new Set([...DISPATCH_ROLES, ...TASK_ROLES, ...REGISTRY_ROLES, ...EVALUATION_ROLES])]

/** The first 三社联动 screen of a role: an organisation's board, a social worker's tasks. */
export function sansheHomeOf(p: Principal | null | undefined): string {
  if (hasRole(p, ...DISPATCH_ROLES)) return '/sanshe/dispatch'
  if (hasRole(p, ...TASK_ROLES)) return '/sanshe/tasks'
  return '/sanshe/organisations'
}

/** 志愿者服务: who has the volunteer's own screens (shifts, points, exchange, invitations, certificates). */
export const VOLUNTEER_SELF_ROLES: Role[] = ['VOLUNTEER']
/** 志愿者服务: who may register as a volunteer themself and read their own file (a resident becomes one). */
export const VOLUNTEER_REGISTER_ROLES: Role[] = ['VOLUNTEER', 'RESIDENT']
/** 志愿者服务: who organises volunteers (the approval queue, the shift board, reviews, needs). */
export const VOLUNTEER_ORGANISER_ROLES: Role[] = ['COMMUNITY_WORKER', 'STREET_OFFICER', 'DISTRICT_ADMIN']
/** Every role with a screen in the 志愿者服务 area. */
export const VOLUNTEER_ROLES: Role[] = [...new Set([...VOLUNTEER_REGISTER_ROLES, ...VOLUNTEER_ORGANISER_ROLES])]

/** The first 志愿者服务 screen of a role: an organiser's approval queue, a volunteer's own file. */
export function volunteerHomeOf(p: Principal | null | undefined): string {
  if (hasRole(p, ...VOLUNTEER_ORGANISER_ROLES)) return '/volunteer/approvals'
  return '/volunteer/me'
}

/** Where a user lands after signing in. */
export function homeOf(p: Principal | null | undefined): string {
  if (!p) return '/'
  if (hasRole(p, 'DISTRICT_ADMIN')) return '/dashboard'
  if (hasRole(p, 'CALL_CENTER_OPERATOR')) return '/console'
  if (hasRole(p, 'ORGANISATION_STAFF')) return '/sanshe/dispatch'
  if (hasRole(p, 'SOCIAL_WORKER')) return '/sanshe/tasks'
  if (hasRole(p, ...DESK_ROLES.filter((r) => r !== 'VOLUNTEER'))) return '/desk'
  if (hasRole(p, 'VOLUNTEER')) return '/volunteer'
  if (hasRole(p, 'RESIDENT')) return '/resident'
  return '/settings'
}
