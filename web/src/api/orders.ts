import { data, ordersOf } from './clients'
import type {
  OrderCommandRequest,
  OrderStatistics,
  OrderTypeView,
  OrderView,
  PageOfOrderView,
  PlaceOrderRequest,
  QueueQuery,
} from './types'
import { systemOf, type SystemKey } from '@/domain/systems'
import type { Command } from '@/domain/orders'

/** Reads may go to any prefix: every system holds a projection of all four systems' orders. */
const READS: SystemKey = 'public'

export const orderTypes = (system: SystemKey): Promise<OrderTypeView[]> =>
  data(ordersOf(system).GET('/order-types'))

export const placeOrder = (
  system: SystemKey,
  body: PlaceOrderRequest,
  idempotencyKey: string,
): Promise<OrderView> =>
  data(ordersOf(system).POST('/orders', { body, headers: { 'Idempotency-Key': idempotencyKey } }))

export const getOrder = (orderId: string): Promise<OrderView> =>
  data(ordersOf(READS).GET('/orders/{orderId}', { params: { path: { orderId } } }))

export const residentOrders = (residentId: string, page = 0, size = 20): Promise<PageOfOrderView> =>
  data(
    ordersOf(READS).GET('/residents/{residentId}/orders', {
      params: { path: { residentId }, query: { page, size } },
    }),
  )

/** A lifecycle command, on the order's origin system. */
export const act = (order: OrderView, command: Command, body: OrderCommandRequest = {}): Promise<OrderView> =>
  data(
    ordersOf(systemOf(order.originSystem)).POST('/orders/{orderId}/{command}', {
      params: { path: { orderId: order.orderId!, command } },
      body,
    }),
  )

/** The caller's queue within their territory. */
export const queue = (query: QueueQuery): Promise<PageOfOrderView> =>
  data(ordersOf(READS).GET('/orders', { params: { query } }))

/** Counts within the caller's territory (one aggregation on the server, never the orders). */
export const statistics = (query: { communityId?: string; overdueAfterHours?: number }): Promise<OrderStatistics> =>
  data(ordersOf(READS).GET('/orders/statistics', { params: { query } }))
