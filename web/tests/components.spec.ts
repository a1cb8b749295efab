import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createAppI18n } from '@/locales'
import StatusTag from '@/components/StatusTag.vue'
import OrderTimeline from '@/components/OrderTimeline.vue'
import NextStep from '@/components/NextStep.vue'
import StarRating from '@/components/StarRating.vue'

const i18n = (locale: 'zh-CN' | 'en' = 'zh-CN') => createAppI18n(locale)

describe('StatusTag', () => {
  it('shows the status as text with an icon, not by colour alone', () => {
    const w = mount(StatusTag, { props: { status: 'IN_PROGRESS' }, global: { plugins: [i18n()] } })
    expect(w.text()).toBe('办理中')
    expect(w.find('svg[aria-hidden="true"]').exists()).toBe(true)
    expect(w.attributes('data-status')).toBe('IN_PROGRESS')
  })

  it('speaks the interface language', () => {
    const w = mount(StatusTag, { props: { status: 'COMPLETED' }, global: { plugins: [i18n('en')] } })
    expect(w.text()).toBe('Completed')
  })
})

describe('OrderTimeline', () => {
  it('lists every entry in order with when, what, who and the note', () => {
    const w = mount(OrderTimeline, {
      props: {
        entries: [
          { sequence: 2, action: 'ACCEPTED', status: 'ACCEPTED', at: '2026-12-01T08:05:00Z', by: 'cw-dzm-01', note: '已受理' },
          { sequence: 1, action: 'PLACED', status: 'SUBMITTED', at: '2026-12-01T08:00:00Z', by: 'resident-01' },
        ],
      },
      global: { plugins: [i18n()] },
    })
    const entries = w.findAll('[data-testid="timeline-entry"]')
    expect(entries.map((e) => e.attributes('data-action'))).toEqual(['PLACED', 'ACCEPTED'])
    expect(entries[1]!.text()).toContain('受理')
    expect(entries[1]!.text()).toContain('cw-dzm-01')
    expect(entries[1]!.text()).toContain('已受理')
    expect(entries[1]!.find('time').attributes('datetime')).toBe('2026-12-01T08:05:00Z')
  })

  it('says so when there is nothing yet', () => {
    const w = mount(OrderTimeline, { props: { entries: [] }, global: { plugins: [i18n()] } })
    expect(w.text()).toContain('暂无内容')
  })
})

describe('NextStep', () => {
  it('tells the resident who handles the order and what to do', () => {
    const w = mount(NextStep, {
      props: { order: { status: 'ASSIGNED', assignment: { assigneeType: 'VOLUNTEER', assignee: 'vol-li' } } },
      global: { plugins: [i18n()] },
    })
    expect(w.get('[data-testid="next-handler"]').text()).toBe('已派给志愿者“vol-li”，等待开始办理')
    expect(w.get('[data-testid="next-todo"]').text()).toBe('您无需操作，请等待办理。')
  })

  it('asks for a rating of a completed order', () => {
    const w = mount(NextStep, { props: { order: { status: 'COMPLETED' } }, global: { plugins: [i18n()] } })
    expect(w.get('[data-testid="next-todo"]').text()).toBe('请您评价这次服务。')
  })
})

describe('StarRating', () => {
  it('says the stars in words; the glyphs are decoration', () => {
    const w = mount(StarRating, { props: { stars: 3 }, global: { plugins: [i18n()] } })
    expect(w.attributes('data-stars')).toBe('3')
    expect(w.find('[aria-hidden="true"]').text()).toBe('★★★☆☆')
    expect(w.find('.label').text()).toBe('3星')
  })

  it('says an organisation is not rated yet, in the interface language', () => {
    expect(mount(StarRating, { props: { stars: null }, global: { plugins: [i18n()] } }).text()).toBe('未评星')
    expect(mount(StarRating, { props: {}, global: { plugins: [i18n('en')] } }).text()).toBe('Not rated yet')
  })
})
