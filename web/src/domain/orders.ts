import type { Principal, Role } from '@/auth/claims'
import type { OrderStatus, OrderView } from '@/api/types'

/** A message key of the locales and its parameters. */
export interface Msg {
  key: string
  params?: Record<string, string>
}

export interface NextStep {
  /** Who handles the order now. */
  handler: Msg
  /** What, if anything, the resident must do. */
  todo: Msg
  /** Whether the resident has something to do (rate, or place again). */
  residentMustAct: boolean
}

export const OPEN_STATUSES: readonly OrderStatus[] = ['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS']

/** The note of the newest timeline entry with this action (e.g. the reason of a rejection). */
export function lastNote(order: OrderView, action: string): string | undefined {
  const entries = (order.timeline ?? []).filter((e) => e.action === action && e.note)
  return entries.at(-1)?.note
}

/**
 * Who handles an order now and what the resident must do, derived from its status, assignment and
 * rating; in plain words for the resident's page and for the call centre's read-back.
 */
export function nextStep(order: OrderView): NextStep {
  const assignee = order.assignment?.assignee ?? ''
  const assigneeType = order.assignment?.assigneeType ?? ''
  switch (order.status) {
    case 'SUBMITTED':
      return {
        handler: { key: 'next.handler.submitted' },
        todo: { key: 'next.todo.waitOrCancel' },
        residentMustAct: false,
      }
    case 'ACCEPTED':
      return {
        handler: { key: 'next.handler.accepted' },
        todo: { key: 'next.todo.waitOrCancel' },
        residentMustAct: false,
      }
    case 'ASSIGNED':
      return {
        handler: { key: 'next.handler.assigned', params: { assignee, assigneeType } },
        todo: { key: 'next.todo.wait' },
        residentMustAct: false,
      }
    case 'IN_PROGRESS':
      return {
        handler: { key: 'next.handler.inProgress', params: { assignee, assigneeType } },
        todo: { key: 'next.todo.wait' },
        residentMustAct: false,
      }
    case 'COMPLETED':
      return order.rating
        ? {
            handler: { key: 'next.handler.completed' },
            todo: { key: 'next.todo.rated' },
            residentMustAct: false,
          }
        : {
            handler: { key: 'next.handler.completed' },
            todo: { key: 'next.todo.rate' },
            residentMustAct: true,
          }
    case 'CANCELLED':
      return {
        handler: { key: 'next.handler.cancelled' },
        todo: { key: 'next.todo.nothing' },
        residentMustAct: false,
      }
    case 'REJECTED':
      return {
        handler: { key: 'next.handler.rejected', params: { reason: lastNote(order, 'REJECTED') ?? '' } },
        todo: { key: 'next.todo.placeAgain' },
        residentMustAct: true,
      }
    default:
      return { handler: { key: 'next.handler.unknown' }, todo: { key: 'next.todo.nothing' }, residentMustAct: false }
  }
}

export type Command = 'accept' | 'assign' | 'start' | 'complete' | 'reject' | 'cancel' | 'rate'

/** The contract's matrix (order-contract AccessPolicy): statuses and roles of each command. */
const COMMANDS: Record<Command, { from: OrderStatus[]; roles: Role[] }> = {
  accept: {
    from: ['SUBMITTED'],
    roles: ['COMMUNITY_WORKER', 'SOCIAL_WORKER', 'PARTY_STAFF', 'STREET_OFFICER', 'DISTRICT_ADMIN'],
  },
  assign: {
    from: ['ACCEPTED', 'ASSIGNED'],
    roles: ['COMMUNITY_WORKER', 'SOCIAL_WORKER', 'PARTY_STAFF', 'STREET_OFFICER', 'DISTRICT_ADMIN'],
  },
  reject: {
    from: ['SUBMITTED', 'ACCEPTED'],
    roles: ['COMMUNITY_WORKER', 'SOCIAL_WORKER', 'PARTY_STAFF', 'STREET_OFFICER', 'DISTRICT_ADMIN'],
  },
  start: {
    from: ['ASSIGNED'],
    roles: ['COMMUNITY_WORKER', 'SOCIAL_WORKER', 'PARTY_STAFF', 'ORGANISATION_STAFF', 'VOLUNTEER', 'DISTRICT_ADMIN'],
  },
  complete: {
    from: ['IN_PROGRESS'],
    roles: ['COMMUNITY_WORKER', 'SOCIAL_WORKER', 'PARTY_STAFF', 'ORGANISATION_STAFF', 'VOLUNTEER', 'DISTRICT_ADMIN'],
  },
  cancel: {
    from: ['SUBMITTED', 'ACCEPTED', 'ASSIGNED'],
    roles: ['RESIDENT', 'COMMUNITY_WORKER', 'CALL_CENTER_OPERATOR', 'SOCIAL_WORKER', 'DISTRICT_ADMIN'],
  },
  rate: { from: ['COMPLETED'], roles: ['RESIDENT'] },
}

/** The staff commands in the order the desk offers them. */
export const STAFF_COMMANDS: Command[] = ['accept', 'assign', 'start', 'complete', 'reject', 'cancel']

/**
 * The commands the caller's roles may take on the order in its status; the server also checks the
 * territory and the order type's own rules and answers 403 where they do not allow it.
 */
export function allowedCommands(order: OrderView, principal: Principal | null): Command[] {
  if (!principal || !order.status) return []
  const status = order.status
  return (Object.keys(COMMANDS) as Command[]).filter((command) => {
    const rule = COMMANDS[command]
    if (!rule.from.includes(status)) return false
    if (!principal.roles.some((r) => rule.roles.includes(r))) return false
    if (command === 'rate') return !order.rating && order.residentId === principal.residentId
    if (principal.roles.length === 1 && principal.roles[0] === 'RESIDENT') {
      // a resident cancels their own order until it has been dispatched
      return command === 'cancel' && order.residentId === principal.residentId && status !== 'ASSIGNED'
    }
    return true
  })
}

export const isOpen = (status: OrderStatus | undefined): boolean =>
  !!status && OPEN_STATUSES.includes(status)
