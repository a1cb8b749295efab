import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { User } from 'oidc-client-ts'
import { createAppI18n } from '@/locales'
import { useSession } from '@/auth/session'
import type { RoundView } from '@/api/types'

const api = vi.hoisted(() => ({
  rounds: vi.fn(),
  round: vi.fn(),
  decideElimination: vi.fn(),
  organisations: vi.fn(),
  openRound: vi.fn(),
  advanceRound: vi.fn(),
  recommend: vi.fn(),
  streetReview: vi.fn(),
  districtReview: vi.fn(),
}))
vi.mock('@/api/sanshe', () => api)

import EvaluationView from '@/views/sanshe/EvaluationView.vue'

/** A published round in which ORG-LOW scored below the elimination mark for the second year. */
const published: RoundView = {
  roundId: 'EVAL-2026',
  year: 2026,
  stage: 'PUBLISHED',
  stages: [{ stage: 'RECOMMENDATION', by: 'admin', at: '2026-03-01T00:00:00Z' }],
  entries: [
    {
      organisationId: 'ORG-LOW',
      organisationName: '东城区低分服务社',
      status: 'PUBLISHED',
      stars: 1,
      eliminationProposed: true,
      recommendations: [{ communityId: 'C-DZM-01', influence: 40, activitiesHeld: 2, by: 'cw-dzm-01' }],
      score: {
        total: 41.5,
        stars: 1,
        parts: [
          { name: 'partyBuilding', value: 0, weight: 0.2, weighted: 0, inputs: { hasPartyBranch: null, partyActivities: 0 } },
          { name: 'satisfaction', value: 92.5, weight: 0.25, weighted: 23.13, inputs: { rated: 2, ratings: { VERY_SATISFIED: 1, SATISFIED: 1 } } },
        ],
      },
    },
  ],
}

async function mountAs(roles: string[]) {
  setActivePinia(createPinia())
  useSession().adopt({ profile: { sub: 'admin', roles }, expired: false, access_token: 't' } as unknown as User)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/sanshe/evaluation', name: 'sanshe-evaluation', component: EvaluationView },
      { path: '/sanshe/organisations/:organisationId', name: 'sanshe-organisation', component: { render: () => null } },
    ],
  })
  await router.push('/sanshe/evaluation')
  const w = mount(EvaluationView, { global: { plugins: [router, createAppI18n()] } })
  await flushPromises()
  return w
}

describe('the star rating screen', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    api.rounds.mockResolvedValue([{ roundId: 'EVAL-2026', year: 2026, stage: 'PUBLISHED' }])
    api.round.mockResolvedValue(published)
    api.organisations.mockResolvedValue({ items: [] })
  })

  it('shows each part of a score with its weight and what it was made of', async () => {
    const w = await mountAs(['DISTRICT_ADMIN'])
    const satisfaction = w.get('[data-testid="part-satisfaction"]').text()
    expect(satisfaction).toContain('居民满意度')
    expect(satisfaction).toContain('92.50')
    expect(satisfaction).toContain('25%')
    expect(satisfaction).toContain('23.13')
    expect(satisfaction).toContain('非常满意 1、满意 1')
    expect(w.get('[data-testid="part-partyBuilding"]').text()).toContain('未报送')
    expect(w.get('[data-testid="entry-score"]').text()).toContain('41.50')
  })

  it('lets the district decide on a proposed elimination only with a reason', async () => {
    api.decideElimination.mockResolvedValue({})
    const w = await mountAs(['DISTRICT_ADMIN'])
    const entry = w.get('[data-testid="entry-ORG-LOW"]')
    expect(entry.get('[data-testid="entry-elimination"]').text()).toContain('建议淘汰')
    await entry.get('[data-testid="entry-action"]').trigger('click')
    await entry.get('[data-testid="decision-no"] input').setValue(true)
    await entry.get('[data-testid="entry-form"]').trigger('submit')
    await flushPromises()
    expect(entry.get('[data-testid="entry-note-error"]').text()).toBe('请填写原因')
    expect(api.decideElimination).not.toHaveBeenCalled()

    await entry.get('[data-testid="entry-note"]').setValue('整改后继续观察一年')
    await entry.get('[data-testid="entry-form"]').trigger('submit')
    await flushPromises()
    expect(api.decideElimination).toHaveBeenCalledWith('EVAL-2026', 'ORG-LOW', false, '整改后继续观察一年')
    expect(w.get('[data-testid="evaluation-notice"]').text()).toContain('已决定保留')
  })

  it('offers no decision to a street officer', async () => {
    const w = await mountAs(['STREET_OFFICER'])
    expect(w.find('[data-testid="entry-action"]').exists()).toBe(false)
    expect(w.find('[data-testid="open-round-form"]').exists()).toBe(false)
  })
})
