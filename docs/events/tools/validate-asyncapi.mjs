#!/usr/bin/env node
// Validates the event contract in docs/events, offline:
//  1. ../asyncapi.yaml parses as AsyncAPI 3 with @asyncapi/parser, local $refs resolved from disk;
//     every diagnostic is printed; any error-severity diagnostic fails the run.
//  2. No $ref anywhere points outside this folder (no network fetches, no cross-file schema refs).
//  3. Every ../schemas/*.json compiles with Ajv (JSON Schema 2020-12, strict) and also as draft-07 (how AsyncAPI
//     tools read a payload), has the $id it is published under, and is the payload of at least one message;
//     every message payload is such a file.
//     Message example headers are valid against the message's headers schema.
//  4. Every ../examples/<type>.json is valid against its schema, in both readings (ajv-formats for date-time), keeps the
//     order (and contributed-note, party check-up, volunteer-system) invariants a schema cannot say, and equals the
//     payload of that message's first example, whose ce_subject is the event's key (orderId, checkId, organisationId,
//     workerId, residentId, communityId; noteId for a contributed note; volunteerId for every org.fourinone.volunteer.*
//     event) and whose ce_sequence is data.sequence (1 for a contributed note, which has no sequence; for the volunteer
//     system the sequence of the document that wrote the event: data.sequence of a volunteer snapshot, data.seq of a
//     time-bank entry, 1 for approved hours, not in the data of volunteer.matched and level.reached).
// Exit code 0 only if everything holds. Usage: node validate-asyncapi.mjs [path/to/asyncapi.yaml]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { Parser, DiagnosticSeverity } from '@asyncapi/parser';
import Ajv2020 from 'ajv/dist/2020.js';
import AjvDraft07 from 'ajv';
import addFormats from 'ajv-formats';

const here = path.dirname(fileURLToPath(import.meta.url));
const docPath = path.resolve(process.argv[2] ?? path.join(here, '..', 'asyncapi.yaml'));
const eventsDir = path.dirname(docPath);
const schemasDir = path.join(eventsDir, 'schemas');
const examplesDir = path.join(eventsDir, 'examples');
const SCHEMA_BASE = 'https://fourinone.org/events/schemas/';

let errors = 0;
let checks = 0;
const fail = (msg) => { errors++; console.error(`ERROR   ${msg}`); };
const ok = (msg) => { checks++; console.log(`ok      ${msg}`); };
const rel = (p) => path.relative(process.cwd(), p) || p;
const readJson = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));

// ---- 2. every $ref is local (checked first, so that the parser never tries the network) ----
function refsIn(node, out = []) {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}
function rawRefs(text) {
  return [...text.matchAll(/\$ref['"]?\s*:\s*['"]?([^'"\s,}]+)/g)].map((m) => m[1]);
}
const docText = fs.readFileSync(docPath, 'utf8');
for (const ref of rawRefs(docText)) {
  if (!(ref.startsWith('#/') || ref.startsWith('./schemas/'))) fail(`${rel(docPath)}: $ref ${ref} is neither internal (#/...) nor a local schema file (./schemas/...)`);
}
const schemaFiles = fs.readdirSync(schemasDir).filter((f) => f.endsWith('.json')).sort();
const schemas = new Map();
for (const f of schemaFiles) {
  const p = path.join(schemasDir, f);
  let s;
  try { s = readJson(p); } catch (e) { fail(`${rel(p)}: not JSON: ${e.message}`); continue; }
  schemas.set(f.replace(/\.json$/, ''), s);
  for (const ref of refsIn(s)) if (!ref.startsWith('#')) fail(`${rel(p)}: $ref ${ref} leaves the file; schemas must be self-contained`);
}

// ---- 1. AsyncAPI document ----
const parser = new Parser();
const { document, diagnostics } = await parser.parse(docText, { source: docPath });
const sevName = { [DiagnosticSeverity.Error]: 'error', [DiagnosticSeverity.Warning]: 'warning', [DiagnosticSeverity.Information]: 'info', [DiagnosticSeverity.Hint]: 'hint' };
for (const d of diagnostics) {
  const where = d.path?.length ? d.path.join('.') : '(document)';
  const line = d.range ? `:${d.range.start.line + 1}` : '';
  const msg = `${sevName[d.severity] ?? d.severity} ${d.code} ${where}${line} ${d.message}`;
  if (d.severity === DiagnosticSeverity.Error) fail(`asyncapi: ${msg}`);
  else console.log(`note    asyncapi: ${msg}`);
}
const parsedErrors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).length;
if (!document || parsedErrors > 0) {
  fail(`${rel(docPath)}: not a valid AsyncAPI document (${parsedErrors} error diagnostics)`);
} else {
  ok(`${rel(docPath)}: AsyncAPI ${document.version()} "${document.info().title()}" parsed, ` +
    `${document.channels().length} channels, ${document.operations().length} operations, ${document.messages().length} messages, ` +
    `${diagnostics.length} non-error diagnostics`);
}

// Message examples: headers against the message's resolved headers schema (AsyncAPI Schema = draft-07 superset;
// the parser adds x-parser-* keys, hence strict: false here). Payloads are checked against the schema files below.
if (document && parsedErrors === 0) {
  const ajvHeaders = new AjvDraft07({ strict: false, allErrors: true });
  addFormats(ajvHeaders);
  for (const message of document.messages().all()) {
    const headersSchema = message.headers()?.json();
    for (const example of message.examples().all()) {
      if (!example.hasHeaders()) continue;
      if (!headersSchema) { fail(`message ${message.id()}: example has headers but the message declares none`); continue; }
      const validateHeaders = ajvHeaders.compile(headersSchema);
      if (validateHeaders(example.headers())) ok(`message ${message.id()}: example headers match its headers schema`);
      else for (const e of validateHeaders.errors) fail(`message ${message.id()} example headers: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
    }
  }
}

// Which schema file is each message's payload? Read the unresolved document for the $refs.
const { load } = await import('js-yaml');
const raw = load(docText);
const messagesBySchema = new Map();
for (const [key, msg] of Object.entries(raw?.components?.messages ?? {})) {
  const ref = msg?.payload?.$ref;
  const m = typeof ref === 'string' && ref.match(/^\.\/schemas\/(.+)\.json$/);
  if (!m) { fail(`message ${key}: payload is not a $ref to ./schemas/<type>.json`); continue; }
  if (!schemas.has(m[1])) { fail(`message ${key}: payload ${ref} does not exist`); continue; }
  if (!messagesBySchema.has(m[1])) messagesBySchema.set(m[1], []);
  messagesBySchema.get(m[1]).push({ key, msg });
  const ceType = msg?.headers?.allOf?.flatMap((s) => (s?.properties?.ce_type?.const ? [s.properties.ce_type.const] : []))[0];
  if (ceType !== m[1]) fail(`message ${key}: headers pin ce_type ${ceType} but the payload is ${m[1]}`);
}

// ---- 3. schemas compile, carry their published $id, are referenced ----
const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
addFormats(ajv);
const validators = new Map();
const ajv07 = new AjvDraft07({ strict: true, allErrors: true, allowUnionTypes: true });
addFormats(ajv07);
const validators07 = new Map();
for (const [type, s] of schemas) {
  const file = `schemas/${type}.json`;
  if (s.$schema !== 'https://json-schema.org/draft/2020-12/schema') fail(`${file}: $schema must be JSON Schema 2020-12`);
  if (s.$id !== `${SCHEMA_BASE}${type}.json`) fail(`${file}: $id ${s.$id} should be ${SCHEMA_BASE}${type}.json`);
  try {
    validators.set(type, ajv.compile(s));
    ok(`${file} compiles (2020-12)`);
  } catch (e) {
    fail(`${file} does not compile: ${e.message}`);
  }
  // AsyncAPI tools read a payload as an AsyncAPI Schema (a draft-07 superset): the file must mean the same there.
  try {
    const { $schema, ...asDraft07 } = s;
    validators07.set(type, ajv07.compile(asDraft07));
  } catch (e) {
    fail(`${file} does not compile as draft-07 (how AsyncAPI tools read payloads): ${e.message}`);
  }
  if (!messagesBySchema.has(type)) fail(`${file} is not the payload of any message in ${path.basename(docPath)}`);
}

// ---- 4. examples ----
const ORDER_TYPE = /^org\.fourinone\.order\.([a-z]+)\.v1$/;
function orderInvariants(type, data) {
  const problems = [];
  const tl = data.timeline ?? [];
  if (tl.length !== data.sequence) problems.push(`timeline has ${tl.length} entries but sequence is ${data.sequence}`);
  tl.forEach((e, i) => { if (e.sequence !== i + 1) problems.push(`timeline[${i}].sequence is ${e.sequence}, expected ${i + 1}`); });
  if (tl[0]?.action !== 'PLACED') problems.push('timeline does not start with PLACED');
  const last = tl[tl.length - 1];
  const expectedAction = type.match(ORDER_TYPE)[1].toUpperCase();
  if (last && last.action !== expectedAction) problems.push(`last timeline action is ${last.action}, expected ${expectedAction}`);
  if (last && last.status !== data.status) problems.push(`last timeline status ${last.status} differs from status ${data.status}`);
  if (last && last.at !== data.updatedAt) problems.push(`updatedAt ${data.updatedAt} differs from the last timeline entry ${last.at}`);
  if (tl[0] && tl[0].at !== data.createdAt) problems.push(`createdAt ${data.createdAt} differs from the first timeline entry ${tl[0].at}`);
  if (!data.orderId?.startsWith(`${data.originSystem}-`)) problems.push(`orderId ${data.orderId} does not start with originSystem ${data.originSystem}`);
  return problems;
}
// A contributed note (org.fourinone.order-note.contributed.v1) is keyed by its noteId, <contributor>:<effect>:<cause id>,
// is offered for an order another system originated, and is the only event of its note (ce_sequence 1).
const NOTE_TYPE = 'org.fourinone.order-note.contributed.v1';
function noteInvariants(data) {
  const problems = [];
  if (!data.noteId?.startsWith(`${data.contributor}:${data.effect}:`)) problems.push(`noteId ${data.noteId} does not start with contributor:effect ${data.contributor}:${data.effect}:`);
  if (!data.orderId?.startsWith(`${data.originSystem}-`)) problems.push(`orderId ${data.orderId} does not start with originSystem ${data.originSystem}`);
  if (data.contributor === data.originSystem) problems.push(`contributor ${data.contributor} is the order's origin; only other systems contribute notes`);
  return problems;
}
// A party check-up (org.fourinone.party.organisation-check.reported.v1) is keyed by its checkId, <organisationId>:<year>.
const CHECK_TYPE = 'org.fourinone.party.organisation-check.reported.v1';
function checkInvariants(data) {
  const problems = [];
  if (data.checkId !== `${data.organisationId}:${data.year}`) problems.push(`checkId ${data.checkId} is not organisationId:year ${data.organisationId}:${data.year}`);
  return problems;
}
// The volunteer system (org.fourinone.volunteer.*) keys every event by the volunteer, whichever of its documents wrote
// it (the volunteer, a need, a service record, a ledger entry); ce_sequence is that document's sequence: the
// volunteer's (data.sequence on volunteer.registered and volunteer.status-changed; level.reached takes a number of the
// same counter but does not carry it), the account's (data.seq on points.*), 1 on hours.approved (one event per
// record), the need's on volunteer.matched (not in the data). undefined: the data cannot tell, only the header
// schema's digits are checked.
const VOLUNTEER_TYPE = /^org\.fourinone\.volunteer\.([a-z]+)\.([a-z-]+)\.v1$/;
function volunteerSequence(type, data) {
  const [, aggregate, change] = type.match(VOLUNTEER_TYPE);
  if (aggregate === 'volunteer' && (change === 'registered' || change === 'status-changed')) return data.sequence;
  if (aggregate === 'points') return data.seq;
  if (aggregate === 'hours') return 1;
  return undefined;
}
function volunteerInvariants(type, data) {
  const problems = [];
  const [, aggregate, change] = type.match(VOLUNTEER_TYPE);
  if (aggregate === 'points') {
    if (data.account !== `volunteer:${data.volunteerId}`) problems.push(`account ${data.account} is not volunteer:${data.volunteerId}`);
    const entryId = `${data.account}#${String(data.seq).padStart(12, '0')}`;
    if (data.entryId !== entryId) problems.push(`entryId ${data.entryId} is not <account>#<seq in 12 digits> ${entryId}`);
    for (const field of ['points', 'balanceAfter']) {
      if (Math.abs(Math.round(data[field] * 100) - data[field] * 100) > 1e-6) problems.push(`${field} ${data[field]} has more than two decimals`);
    }
  }
  if (aggregate === 'hours') {
    if (data.hours !== data.minutes / 60) problems.push(`hours ${data.hours} is not minutes / 60 (${data.minutes / 60})`);
    if (Math.abs(Math.round(data.points * 100) - data.points * 100) > 1e-6) problems.push(`points ${data.points} has more than two decimals`);
    if (data.orderId && !data.orderId.startsWith(`${data.originSystem}-`)) problems.push(`orderId ${data.orderId} does not start with originSystem ${data.originSystem}`);
  }
  if (aggregate === 'volunteer' && change === 'matched') {
    if (data.orderId && data.needId !== `N-${data.orderId}`) problems.push(`needId ${data.needId} is not N-${data.orderId}`);
    if (data.orderId && !data.orderId.startsWith(`${data.originSystem}-`)) problems.push(`orderId ${data.orderId} does not start with originSystem ${data.originSystem}`);
  }
  if (aggregate === 'level' && data.approvedHours < data.thresholdHours) problems.push(`approvedHours ${data.approvedHours} is below thresholdHours ${data.thresholdHours}`);
  return problems;
}
// The aggregate id, i.e. the key: the volunteer for the volunteer system; checkId before organisationId, which a party
// check-up's data also carries; residentId before communityId, which a party membership's data also carries;
// communityId last, which a social worker's data also carries.
const subjectOf = (type, data) =>
  type === NOTE_TYPE ? data.noteId
    : VOLUNTEER_TYPE.test(type) ? data.volunteerId
    : data.orderId ?? data.checkId ?? data.organisationId ?? data.workerId ?? data.residentId ?? data.communityId;
const sequenceOf = (type, data) => (type === NOTE_TYPE ? 1 : VOLUNTEER_TYPE.test(type) ? volunteerSequence(type, data) : data.sequence);
const exampleFiles = fs.existsSync(examplesDir) ? fs.readdirSync(examplesDir).filter((f) => f.endsWith('.json')).sort() : [];
for (const type of schemas.keys()) if (!exampleFiles.includes(`${type}.json`)) fail(`examples/${type}.json is missing`);
for (const f of exampleFiles) {
  const type = f.replace(/\.json$/, '');
  const file = `examples/${f}`;
  const validate = validators.get(type);
  if (!validate) { fail(`${file}: no compiled schema schemas/${f}`); continue; }
  const data = readJson(path.join(examplesDir, f));
  if (!validate(data)) {
    for (const e of validate.errors) fail(`${file}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
    continue;
  }
  const validate07 = validators07.get(type);
  if (validate07 && !validate07(data)) {
    for (const e of validate07.errors) fail(`${file} (read as draft-07): ${e.instancePath || '/'} ${e.message}`);
    continue;
  }
  const problems = ORDER_TYPE.test(type) ? orderInvariants(type, data)
    : type === NOTE_TYPE ? noteInvariants(data)
    : type === CHECK_TYPE ? checkInvariants(data)
    : VOLUNTEER_TYPE.test(type) ? volunteerInvariants(type, data)
    : [];
  problems.forEach((p) => fail(`${file}: ${p}`));
  const withExample = (messagesBySchema.get(type) ?? []).filter(({ msg }) => msg.examples?.length);
  if (withExample.length === 0) fail(`${file}: no message with payload ${type} shows an example`);
  for (const { key, msg } of withExample) {
    if (!isDeepStrictEqual(msg.examples[0].payload, data)) fail(`${file} differs from the first example of message ${key} in ${path.basename(docPath)}`);
    const h = msg.examples[0].headers ?? {};
    if (h.ce_type !== type) fail(`message ${key} example: ce_type ${h.ce_type}, expected ${type}`);
    if (h.ce_dataschema !== `${SCHEMA_BASE}${type}.json`) fail(`message ${key} example: ce_dataschema ${h.ce_dataschema}`);
    const sequence = sequenceOf(type, data);
    if (sequence !== undefined && h.ce_sequence !== String(sequence)) fail(`message ${key} example: ce_sequence ${h.ce_sequence} != sequence ${sequence}`);
    const id = subjectOf(type, data);
    if (h.ce_subject !== id) fail(`message ${key} example: ce_subject ${h.ce_subject} != aggregate id ${id}`);
  }
  if (problems.length === 0) ok(`${file} is valid against schemas/${f}`);
}

const failed = errors > 0 ? 1 : 0;
console.log(`validate-asyncapi: ${checks} passed, ${errors} failed`);
process.exit(failed);
