// Refreshes openapi/<system>.json from the running services, through the gateway
// (GATEWAY_URL, default http://localhost:8080): run after changing an API, then commit the files.
// system-tests checks that the committed documents equal what the services serve.
import { writeFile } from 'node:fs/promises'

const gateway = process.env.GATEWAY_URL ?? 'http://localhost:8080'
const systems = ['party', 'public', 'sanshe', 'volunteer']
const root = new URL('..', import.meta.url)
for (const system of systems) {
  const url = `${gateway}/api/${system}/v3/api-docs`
  const response = await fetch(url)
  if (!response.ok) {
    console.error(`${url}: HTTP ${response.status}; is the stack running (./deploy/local/run.sh)?`)
    process.exit(1)
  }
  const document = await response.json()
  // the generated server URL names a port: not part of the contract
  delete document.servers
  await writeFile(new URL(`openapi/${system}.json`, root), JSON.stringify(document, null, 2) + '\n')
  console.log(`${url} -> openapi/${system}.json`)
}
