import { describe, expect, it } from 'vitest'
import type { OrderView } from '@/api/types'
import type { Principal } from '@/auth/claims'
import { allowedCommands, nextStep } from '@/domain/orders'

const anOrder = (o: Partial<OrderView> = {}): OrderView => ({
  orderId: 'O-1',
  originSystem: 'VOLUNTEER',
  residentId: 'R-0000000001',
  communityId: 'C-DZM-01',
  status: 'SUBMITTED',
  timeline: [],
  ...o,
})
const resident: Principal = { sub: 'resident-01', name: '王建国', roles: ['RESIDENT'], residentId: 'R-0000000001' }
const worker: Principal = { sub: 'cw-dzm-01', name: '张敏', roles: ['COMMUNITY_WORKER'], communityId: 'C-DZM-01' }
const operator: Principal = { sub: 'cc-dzm-01', name: '李', roles: ['CALL_CENTER_OPERATOR'], communityId: 'C-DZM-01' }
const volunteer: Principal = { sub: 'vol-li', name: '李', roles: ['VOLUNTEER'] }

describe('what happens next', () => {
  it('a submitted order waits for the community; the resident may cancel', () => {
    const step = nextStep(anOrder())
    expect(step.handler.key).toBe('next.handler.submitted')
    expect(step.todo.key).toBe('next.todo.waitOrCancel')
    expect(step.residentMustAct).toBe(false)
  })

  it('an assigned order names who handles it', () => {
    const step = nextStep(anOrder({ status: 'ASSIGNED', assignment: { assigneeType: 'VOLUNTEER', assignee: 'vol-li' } }))
    expect(step.handler).toEqual({ key: 'next.handler.assigned', params: { assignee: 'vol-li', assigneeType: 'VOLUNTEER' } })
    expect(step.todo.key).toBe('next.todo.wait')
  })

  it('a completed order asks for a rating until it has one', () => {
    expect(nextStep(anOrder({ status: 'COMPLETED' }))).toMatchObject({ todo: { key: 'next.todo.rate' }, residentMustAct: true })
    expect(
      nextStep(anOrder({ status: 'COMPLETED', rating: { level: 'SATISFIED', comment: '好' } })),
    ).toMatchObject({ todo: { key: 'next.todo.rated' }, residentMustAct: false })
  })

  it('a rejected order gives the reason from the timeline', () => {
    const order = anOrder({
      status: 'REJECTED',
      timeline: [
        { sequence: 1, action: 'PLACED', status: 'SUBMITTED' },
        { sequence: 2, action: 'REJECTED', status: 'REJECTED', note: '材料不全' },
      ],
    })
    expect(nextStep(order).handler).toEqual({ key: 'next.handler.rejected', params: { reason: '材料不全' } })
  })

  it('a cancelled order needs nothing', () => {
    expect(nextStep(anOrder({ status: 'CANCELLED' })).todo.key).toBe('next.todo.nothing')
  })
})

describe('the commands a caller is offered', () => {
  it('a community worker accepts, rejects or cancels a submitted order', () => {
    expect(allowedCommands(anOrder(), worker)).toEqual(['accept', 'reject', 'cancel'])
  })

  it('a community worker assigns an accepted order, starts an assigned one and completes one in progress', () => {
    expect(allowedCommands(anOrder({ status: 'ACCEPTED' }), worker)).toEqual(['assign', 'reject', 'cancel'])
    expect(allowedCommands(anOrder({ status: 'ASSIGNED' }), worker)).toEqual(['assign', 'start', 'cancel'])
    expect(allowedCommands(anOrder({ status: 'IN_PROGRESS' }), worker)).toEqual(['complete'])
    expect(allowedCommands(anOrder({ status: 'COMPLETED' }), worker)).toEqual([])
  })

  it('a resident cancels their own order until it is dispatched, and rates it once completed', () => {
    expect(allowedCommands(anOrder(), resident)).toEqual(['cancel'])
    expect(allowedCommands(anOrder({ status: 'ASSIGNED' }), resident)).toEqual([])
    expect(allowedCommands(anOrder({ status: 'COMPLETED' }), resident)).toEqual(['rate'])
    expect(allowedCommands(anOrder({ status: 'COMPLETED', rating: { level: 'SATISFIED' } }), resident)).toEqual([])
    expect(allowedCommands(anOrder({ residentId: 'R-0000000002' }), resident)).toEqual([])
  })

  it('a call-centre operator only cancels; a volunteer starts and completes', () => {
    expect(allowedCommands(anOrder(), operator)).toEqual(['cancel'])
    expect(allowedCommands(anOrder({ status: 'ASSIGNED' }), volunteer)).toEqual(['start'])
    expect(allowedCommands(anOrder({ status: 'IN_PROGRESS' }), volunteer)).toEqual(['complete'])
  })
})
