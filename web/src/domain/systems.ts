import type { OriginSystem } from '@/api/types'

/** The four systems of the platform and their gateway prefixes (docs/web-api-contract.md). */
export const SYSTEMS = ['party', 'public', 'sanshe', 'volunteer'] as const
export type SystemKey = (typeof SYSTEMS)[number]

const BY_ORIGIN: Record<OriginSystem, SystemKey> = {
  PARTY: 'party',
  PUBLIC: 'public',
  SANSHE: 'sanshe',
  VOLUNTEER: 'volunteer',
}

export const ORIGINS = Object.keys(BY_ORIGIN) as OriginSystem[]

/** The system whose prefix takes an order's commands: its origin. */
export function systemOf(origin: OriginSystem | undefined): SystemKey {
  return (origin && BY_ORIGIN[origin]) || 'public'
}

export function originOf(system: SystemKey): OriginSystem {
  return (Object.keys(BY_ORIGIN) as OriginSystem[]).find((o) => BY_ORIGIN[o] === system)!
}

export const isSystemKey = (value: unknown): value is SystemKey =>
  typeof value === 'string' && (SYSTEMS as readonly string[]).includes(value)
