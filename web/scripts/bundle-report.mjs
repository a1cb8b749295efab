// Prints what the first page loads (the entry chunk, its static imports and their CSS), raw and
// gzip, from Vite's manifest; everything else is loaded lazily by the router.
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const out = new URL('../target/classes/static/', import.meta.url)
const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', out), 'utf8'))
const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry && k.endsWith('index.html'))
if (!entryKey) throw new Error('no entry in the manifest')

const files = new Set()
const visit = (key) => {
  const chunk = manifest[key]
  if (!chunk || files.has(chunk.file)) return
  files.add(chunk.file)
  for (const css of chunk.css ?? []) files.add(css)
  for (const imported of chunk.imports ?? []) visit(imported)
}
visit(entryKey)

const rows = [...files].map((file) => {
  const bytes = readFileSync(new URL(file, out))
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
})
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' kB'
const sum = (kind, f) => rows.filter((r) => r.file.endsWith(kind)).reduce((a, r) => a + r[f], 0)
console.log('\nFirst page (entry and its static imports):')
console.log('file'.padEnd(48) + 'raw'.padStart(11) + 'gzip'.padStart(11))
for (const r of rows) console.log(r.file.padEnd(48) + kb(r.raw) + kb(r.gzip))
console.log('JS total'.padEnd(48) + kb(sum('.js', 'raw')) + kb(sum('.js', 'gzip')))
console.log('CSS total'.padEnd(48) + kb(sum('.css', 'raw')) + kb(sum('.css', 'gzip')))
const limit = 150 * 1024
if (sum('.js', 'gzip') > limit) {
  console.error(`entry JS gzip ${kb(sum('.js', 'gzip'))} exceeds the 150 kB budget`)
  process.exit(1)
}
