import { computed, reactive, ref, watch } from 'vue'
import { orderTypes, placeOrder } from '@/api/orders'
import type { Channel, OrderTypeView, OrderView, PlaceOrderRequest } from '@/api/types'
import type { SystemKey } from '@/domain/systems'
import { IdempotencyKeys } from './idempotency'

export const DRAFT_FIELDS = ['title', 'description', 'address', 'type', 'channel', 'consent', 'residentId'] as const

/**
 * Placing an order, the same for a resident and for staff on a resident's behalf: the system, its
 * catalogue, the chosen type and what it requires, and the submit with an Idempotency-Key that
 * stays the same across retries of the same content.
 */
export function useOrderDraft(channel: () => Channel) {
  const system = ref<SystemKey | null>(null)
  const types = ref<OrderTypeView[]>([])
  const typesLoading = ref(false)
  const typesError = ref<unknown>(null)
  const typeCode = ref<string | null>(null)
  const form = reactive({ title: '', description: '', address: '' })
  /** A volunteer companion the order asks for (三社联动's menu items may want one), or none. */
  const volunteer = ref<PlaceOrderRequest['volunteer'] | null>(null)
  const submitting = ref(false)
  const placed = ref<OrderView | null>(null)
  const keys = new IdempotencyKeys()

  const type = computed(() => types.value.find((x) => x.code === typeCode.value) ?? null)
  const requires = computed(() => new Set(type.value?.requires ?? []))
  const offered = (x: OrderTypeView) => (x.channels ?? []).includes(channel())

  async function loadTypes() {
    if (!system.value) return
    typesLoading.value = true
    typesError.value = null
    try {
      types.value = await orderTypes(system.value)
    } catch (e) {
      typesError.value = e
      types.value = []
    } finally {
      typesLoading.value = false
    }
  }
  watch(system, () => {
    typeCode.value = null
    types.value = []
    void loadTypes()
  })

  function body(residentId: string, consent?: PlaceOrderRequest['consent']): PlaceOrderRequest {
    const trimmed = (s: string) => s.trim() || undefined
    return {
      residentId,
      type: typeCode.value ?? '',
      channel: channel(),
      title: form.title.trim(),
      description: trimmed(form.description),
      address: trimmed(form.address),
      ...(consent ? { consent } : {}),
      ...(volunteer.value?.skill ? { volunteer: { skill: volunteer.value.skill, note: trimmed(volunteer.value.note ?? '') } } : {}),
    }
  }

  /** Places the order; throws the ApiError for the form to show, keeping what was typed. */
  async function submit(residentId: string, consent?: PlaceOrderRequest['consent']): Promise<OrderView> {
    if (!system.value) throw new Error('no system chosen')
    const b = body(residentId, consent)
    submitting.value = true
    try {
      const order = await placeOrder(system.value, b, keys.keyFor(b))
      keys.reset()
      placed.value = order
      return order
    } finally {
      submitting.value = false
    }
  }

  function reset() {
    placed.value = null
    typeCode.value = null
    volunteer.value = null
    form.title = ''
    form.description = ''
    form.address = ''
  }

  return {
    system,
    types,
    typesLoading,
    typesError,
    typeCode,
    type,
    requires,
    offered,
    form,
    volunteer,
    submitting,
    placed,
    loadTypes,
    submit,
    reset,
  }
}
