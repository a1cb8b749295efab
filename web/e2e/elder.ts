import type { Page } from '@playwright/test'

export interface ElderProblem {
  kind: 'font-size' | 'line-height' | 'target'
  what: string
  value: string
}

/**
 * Measures computed styles in the page, in elder mode: every visible text at least 18 px with a
 * line height of at least 1.3, every visible control at least 60 × 60 px.
 *
 * Exceptions, by design:
 * - text inside <svg> (icons and the ECharts SVG renderer draws at its own sizes; each chart's
 *   figures are also in its data table, measured like any text), and text hidden from everyone
 *   (.sr-only, aria-hidden);
 * - the skip link, off-screen until focused;
 * - native inputs a library draws over (Element Plus checkboxes, radios and switches: the
 *   native input is 0 × 0 or transparent, so the clickable label around it is measured);
 * - the inner <input>/<textarea> of an Element Plus or Vant field: the field's frame is the target
 *   (.el-input__wrapper, .el-textarea, .el-select__wrapper, .van-field), measured instead;
 * - the <main> element (tabindex -1, a skip-link target, not a control).
 */
export function measureElderMode(page: Page): Promise<ElderProblem[]> {
  return page.evaluate(() => {
    const problems: { kind: 'font-size' | 'line-height' | 'target'; what: string; value: string }[] = []
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : ''
      const testid = el.getAttribute('data-testid')
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 2).join('.')}` : ''
      const text = (el.textContent ?? '').trim().slice(0, 24)
      return `${el.tagName.toLowerCase()}${id}${cls}${testid ? `[data-testid=${testid}]` : ''} "${text}"`
    }
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) return false
      for (let e: Element | null = el; e; e = e.parentElement) {
        const s = getComputedStyle(e)
        if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') return false
      }
      return true
    }
    const excluded = (el: Element) => !!el.closest('svg, .sr-only, [aria-hidden="true"], .skip-link')

    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (excluded(el) || !shown(el)) continue
      const ownText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '')
      if (!ownText) continue
      const s = getComputedStyle(el)
      const size = parseFloat(s.fontSize)
      const line = s.lineHeight === 'normal' ? size * 1.2 : parseFloat(s.lineHeight)
      if (size < 18) problems.push({ kind: 'font-size', what: describe(el), value: `${size}px` })
      if (line / size < 1.3 - 1e-6) problems.push({ kind: 'line-height', what: describe(el), value: (line / size).toFixed(2) })
    }

    const FRAMED = '.el-input__wrapper, .el-textarea, .el-select__wrapper, .van-field, .el-input-number'
    const controls = new Set<Element>()
    const selector = [
      'button',
      'a[href]',
      'input:not([type="hidden"])',
      'select',
      'textarea',
      'summary',
      '[role="button"]',
      '[role="tab"]',
      '[role="link"]',
      '[role="checkbox"]',
      '[role="radio"]',
      '[role="switch"]',
      '[role="option"]',
      '.van-tabbar-item',
      '.van-cell--clickable',
      '.el-checkbox',
      '.el-radio-button',
      '.el-switch',
      '.el-pager li',
      '[tabindex]:not([tabindex="-1"])',
    ].join(',')
    for (const el of Array.from(document.querySelectorAll(selector))) {
      if (el.closest('.skip-link') || el.tagName === 'MAIN') continue
      if ((el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') && el.closest(FRAMED)) {
        controls.add(el.closest(FRAMED)!)
        continue
      }
      if (el.tagName === 'INPUT' && el.closest('.el-checkbox, .el-radio, .el-radio-button, .el-switch')) continue
      controls.add(el)
    }
    for (const el of controls) {
      if (!shown(el)) continue
      const r = el.getBoundingClientRect()
      if (r.width < 60 - 0.5 || r.height < 60 - 0.5)
        problems.push({ kind: 'target', what: describe(el), value: `${Math.round(r.width)}×${Math.round(r.height)}` })
    }
    return problems
  })
}
