/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { VantResolver } from '@vant/auto-import-resolver'

// the libraries' parts the screens use, pre-bundled up front so that the dev server does not
// reload the page when a screen first asks for one (unplugin-vue-components adds them on the fly)
const elementParts = ['config-provider', 'form', 'form-item', 'select', 'option', 'input', 'input-number', 'button',
  'table', 'table-column', 'pagination', 'switch', 'radio-group', 'radio-button', 'radio', 'checkbox', 'checkbox-group',
  'option-group']
const vantParts = ['tabbar', 'tabbar-item', 'button', 'cell', 'cell-group', 'field', 'radio', 'radio-group']

const gateway = process.env.GATEWAY_URL ?? 'http://localhost:8080'
const issuer = process.env.OIDC_ISSUER_URL ?? 'http://localhost:9000'

/**
 * Vant's icon font names a CDN copy (at.alicdn.com) as the fallback after its inline woff2: the app
 * loads nothing from third parties (its CSP forbids it, and a district's intranet may not reach
 * it), so the fallback is cut from Vant's CSS.
 */
const noCdnFonts = {
  name: 'no-cdn-fonts',
  enforce: 'pre' as const,
  transform(code: string, id: string) {
    if (!id.includes('vant') || !(id.split('?')[0] ?? '').endsWith('.css')) return null
    return code.replace(/,\s*url\(\s*["']?(?:https?:)?\/\/at\.alicdn\.com[^)]*\)\s*format\(["']woff["']\)/g, '')
  },
}

export default defineConfig({
  plugins: [
    noCdnFonts,
    vue(),
    // Element Plus and Vant components are imported where a template uses them, with their CSS,
    // so the first page's bundle carries neither library
    Components({
      dts: false,
      resolvers: [ElementPlusResolver({ importStyle: 'css' }), VantResolver({ importStyle: true })],
    }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  optimizeDeps: {
    include: [
      'vant/es',
      'element-plus/es',
      'vue-echarts',
      'echarts/core',
      'echarts/charts',
      'echarts/components',
      'echarts/renderers',
      'element-plus/es/components/base/style/css',
      ...elementParts.map((c) => `element-plus/es/components/${c}/style/css`),
      ...vantParts.map((c) => `vant/es/${c}/style/index`),
    ],
  },
  server: {
    port: 5173,
    strictPort: true,
    // test output and the build are no sources
    watch: { ignored: ['**/target/**', '**/test-results/**'] },
    proxy: {
      '/api': { target: gateway, changeOrigin: false },
      '/app-config.json': { target: gateway, changeOrigin: false },
      // the provider's back-channel endpoints, which send no CORS headers (see src/auth/oidc.ts)
      '/oidc': {
        target: issuer,
        changeOrigin: true,
        rewrite: (path) => path.replace(/^\/oidc/, ''),
      },
    },
  },
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
    manifest: true,
    rollupOptions: {
      // the app, and the page the provider sends the silent-renew iframe back to
      input: {
        app: fileURLToPath(new URL('./index.html', import.meta.url)),
        'silent-renew': fileURLToPath(new URL('./silent-renew.html', import.meta.url)),
      },
    },
    chunkSizeWarningLimit: 800,
  },
  test: {
    environment: 'happy-dom',
    include: ['tests/**/*.spec.ts'],
    restoreMocks: true,
    // one environment and module graph per worker, not per file: the files share no state (each
    // test makes its own pinia, mocks are restored), and re-importing Vue, Element Plus and Vant
    // for each of them was most of the run (29 → 16 s, docs/benchmarks.md)
    pool: 'threads',
    isolate: false,
    // screens under test import Element Plus's CSS with its components (unplugin-vue-components)
    server: { deps: { inline: ['element-plus'] } },
  },
})
