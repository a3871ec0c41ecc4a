// Node (vitest, Electron faked). Hostile and malformed calls at the host API boundary
// (issue 7, point 5): for every method of shared/host/contract.ts, generated requests and
// responses — wrong types, huge strings, NaN and Infinity, unsafe integers, "__proto__"
// keys, nested junk — either pass the schema or fail it as a ZodError, never a throw; and
// the IPC gate of the main process refuses every bad request in Chinese before any handler runs.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { ZodError } from 'zod';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import {
  HostContractError,
  MAX_HASH_STEP,
  MAX_READ_CHUNK,
  hostChannel,
  hostMethodNames,
  hostMethods,
  type HostHandlers,
  type HostMethod,
} from '../../shared/host/contract';
import { registerHostHandlers } from '../../electron/main/ipc';
import { genesisInput } from '../../shared/stations/roster';
import { operator, SimStation } from './stations-helpers';

/** Generated cases per property (each property covers every method); reported in issue 7's closing note. */
export const HOST_FUZZ_RUNS = { valid: 2000, broken: 3000, anything: 4000, responses: 4000 } as const;

// —— generators ——

/** What a structured-clone IPC message can carry, and more: nothing here may make zod throw. */
const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withTypedArray: true,
  withSparseArray: true,
  withObjectString: true,
});
const notUndefined = anything.filter((v) => v !== undefined);
const nonString = notUndefined.filter((v) => typeof v !== 'string');
const nonNumber = notUndefined.filter((v) => typeof v !== 'number');
const hugeString = fc.integer({ min: 201, max: 100_000 }).map((n) => 'x'.repeat(n));
const badNumbers = fc.constantFrom(Number.NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 60), Number.MAX_VALUE, -0.5, 0.1);
/** Not a whole number from min to max (both safe integers). */
const notIntIn = (min: number, max: number) =>
  fc.oneof(
    badNumbers.filter((n) => !(Number.isSafeInteger(n) && n >= min && n <= max)),
    fc.maxSafeInteger().filter((n) => n < min || n > max),
    fc.double({ min, max, noInteger: true }),
    nonNumber,
    fc.integer().map(String),
  );

const token = fc.uuid();
const badToken = fc.oneof(fc.string().filter((s) => !/^[0-9a-f-]{36}$/.test(s)), fc.uuid().map((u) => u.toUpperCase()).filter((u) => /[A-F]/.test(u)), nonString);
const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f]/;
const fileName = fc.string({ minLength: 1, maxLength: 100, unit: 'binary' }).filter((s) => s.length <= 200 && !FORBIDDEN.test(s) && s !== '.' && s !== '..');
const badFileName = fc.oneof(
  fc.constantFrom('', '.', '..', '../../evil.sh', 'C:evil', 'a/b', 'a\\b', 'nul\u0000.pdf'),
  fc.tuple(fileName, fc.constantFrom(...'\\/:*?"<>|\u0000\u001f\n'), fileName).map(([a, c, b]) => a + c + b),
  hugeString,
  nonString,
);
const extension = fc.stringMatching(/^[a-zA-Z0-9]{1,10}$/);
const fileFilter = fc.record({ name: fc.string({ minLength: 1, maxLength: 60 }), extensions: fc.array(extension, { minLength: 1, maxLength: 20 }) });
const badFileFilter = fc.oneof(
  fileFilter.map((f) => ({ ...f, name: '' })),
  fileFilter.map((f) => ({ ...f, name: 'n'.repeat(61) })),
  fileFilter.map((f) => ({ ...f, extensions: [] })),
  fileFilter.chain((f) => fc.constantFrom('.pdf', '', 'a'.repeat(11), 'p df', '*').map((e) => ({ ...f, extensions: [...f.extensions, e] }))),
  fileFilter.map((f) => ({ ...f, extensions: Array.from({ length: 21 }, () => 'pdf') })),
  fileFilter.map((f) => ({ ...f, path: '/etc' })),
  nonString,
);
const filters = fc.array(fileFilter, { maxLength: 10 });
const badFilters = fc.oneof(
  notUndefined.filter((v) => !Array.isArray(v)),
  fc.array(fileFilter, { minLength: 11, maxLength: 30 }),
  fc.tuple(filters, badFileFilter).map(([fs, bad]) => [...fs.slice(0, 9), bad]),
);
const bytes = fc.uint8Array({ maxLength: 64 });
const badBytes = fc.oneof(
  fc.array(fc.nat(255), { maxLength: 8 }),
  fc.string(),
  fc.constantFrom(new ArrayBuffer(4), new Uint16Array(2), new Int8Array(2), new Uint8ClampedArray(2), new DataView(new ArrayBuffer(2)), { 0: 1, length: 1 }),
  nonString.filter((v) => !(v instanceof Uint8Array)),
);

const recordId = fc.stringMatching(/^[0-9A-Za-z_-]{1,64}$/);
const badRecordId = fc.oneof(fc.constantFrom('', '../x', 'a/b', 'a'.repeat(65), '行动', 'a b'), nonString);
const typedPin = fc.string({ maxLength: 64 });
const pinKey = fc.stringMatching(/^[0-9A-Za-z._:-]{1,200}$/);
const badPinKey = fc.oneof(fc.constantFrom('', '../x', 'a/b', 'k'.repeat(201), '链头'), nonString);
const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const badPin = fc.oneof(fc.string({ minLength: 65, maxLength: 200 }), nonString);
// Signed entries (the hub methods carry them): real ones, and each spoiled in one way.
const writer = new SimStation('指挥');
const realEntries = [await writer.write(genesisInput(writer.key, '指挥', operator)), await writer.note('外围警戒到位'), await writer.note('开始全程录像')];
const entry = fc.constantFrom(...realEntries);
const badEntry = fc.oneof(
  entry.map((e) => ({ ...e, seq: 0 })),
  entry.map((e) => ({ ...e, hash: 'zz' })),
  entry.map((e) => ({ ...e, extra: true })),
  entry.map(({ sig: _sig, ...rest }) => rest),
  entry.map((e) => ({ ...e, category: 'rewrite' })),
  notUndefined.filter((v) => typeof v !== 'object' || v === null),
);
const base64url = (n: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{${n}}$`));
const badBase64url = (n: number) => fc.oneof(fc.string().filter((s) => !new RegExp(`^[A-Za-z0-9_-]{${n}}$`).test(s)), base64url(n - 1), base64url(n).map((s) => `${s.slice(1)}+`), nonString);
const operation = fc.string({ minLength: 1, maxLength: 200 });
const badOperation = fc.oneof(fc.constant(''), fc.integer({ min: 201, max: 2000 }).map((n) => 'o'.repeat(n)), nonString);
const opField = { op: { valid: operation, invalid: badOperation } };
const pairingField = { pairingId: { valid: base64url(22), invalid: badBase64url(22) } };

/** Per method and field: what a valid value looks like, and values that must be refused. */
type FieldSpec = { valid: fc.Arbitrary<unknown>; invalid: fc.Arbitrary<unknown>; optional?: true };
const requestFields: Record<HostMethod, Record<string, FieldSpec>> = {
  appInfo: {},
  saveFile: {
    suggestedName: { valid: fileName, invalid: badFileName },
    bytes: { valid: bytes, invalid: badBytes },
    filters: { valid: filters, invalid: badFilters, optional: true },
  },
  beginSave: {
    suggestedName: { valid: fileName, invalid: badFileName },
    filters: { valid: filters, invalid: badFilters, optional: true },
  },
  writeSave: {
    token: { valid: token, invalid: badToken },
    bytes: { valid: bytes, invalid: badBytes },
  },
  finishSave: { token: { valid: token, invalid: badToken } },
  abortSave: { token: { valid: token, invalid: badToken } },
  openFiles: {
    multiple: { valid: fc.boolean(), invalid: notUndefined.filter((v) => typeof v !== 'boolean'), optional: true },
    filters: { valid: filters, invalid: badFilters, optional: true },
  },
  readFile: {
    token: { valid: token, invalid: badToken },
    offset: { valid: fc.maxSafeNat(), invalid: notIntIn(0, Number.MAX_SAFE_INTEGER) },
    length: { valid: fc.integer({ min: 1, max: MAX_READ_CHUNK }), invalid: notIntIn(1, MAX_READ_CHUNK) },
  },
  hashFile: {
    token: { valid: token, invalid: badToken },
    maxBytes: { valid: fc.integer({ min: 1, max: MAX_HASH_STEP }), invalid: notIntIn(1, MAX_HASH_STEP) },
  },
  closeFile: { token: { valid: token, invalid: badToken } },
  writeAutoBackup: {
    operationId: { valid: fc.stringMatching(/^[0-9A-Za-z-]{1,64}$/), invalid: fc.oneof(fc.constantFrom('', '../x', 'a/b', 'a'.repeat(65), '行动'), nonString) },
    bytes: { valid: bytes, invalid: badBytes },
    keep: { valid: fc.integer({ min: 1, max: 100 }), invalid: notIntIn(1, 100) },
  },
  findDocumentFonts: {
    ask: { valid: fc.boolean(), invalid: notUndefined.filter((v) => typeof v !== 'boolean'), optional: true },
    folder: {
      valid: fc.option(fc.string({ minLength: 1, maxLength: 1000 }), { nil: null }),
      invalid: fc.oneof(fc.constant(''), fc.integer({ min: 1001, max: 5000 }).map((n) => 'x'.repeat(n)), notUndefined.filter((v) => typeof v !== 'string' && v !== null)),
      optional: true,
    },
  },
  pinStatus: { operationId: { valid: recordId, invalid: badRecordId } },
  enrolPin: {
    operationId: { valid: recordId, invalid: badRecordId },
    personId: { valid: recordId, invalid: badRecordId },
    pin: { valid: typedPin, invalid: badPin },
    authoriser: {
      valid: fc.option(fc.record({ personId: recordId, pin: typedPin }), { nil: null }),
      invalid: fc.oneof(
        fc.record({ personId: badRecordId, pin: typedPin }),
        fc.record({ personId: recordId, pin: badPin }),
        fc.record({ personId: recordId, pin: typedPin, hash: fc.string() }),
        notUndefined.filter((v) => v !== null && (typeof v !== 'object' || Array.isArray(v) || v instanceof Uint8Array)),
      ),
    },
  },
  verifyPin: {
    operationId: { valid: recordId, invalid: badRecordId },
    personId: { valid: recordId, invalid: badRecordId },
    pin: { valid: typedPin, invalid: badPin },
  },
  readLogPin: { key: { valid: pinKey, invalid: badPinKey } },
  advanceLogPin: {
    key: { valid: pinKey, invalid: badPinKey },
    head: {
      valid: fc.record({ seq: fc.integer({ min: 1, max: 2 ** 40 }), hash: hex64 }),
      invalid: fc.oneof(
        fc.record({ seq: notIntIn(1, Number.MAX_SAFE_INTEGER), hash: hex64 }),
        fc.record({ seq: fc.integer({ min: 1 }), hash: fc.string({ maxLength: 70 }).filter((h) => !/^[0-9a-f]{64}$/.test(h)) }),
        fc.record({ seq: fc.integer({ min: 1 }), hash: hex64, extra: fc.string() }),
        notUndefined.filter((v) => v === null || typeof v !== 'object'),
      ),
    },
  },
  hubStatus: {},
  hubOpenLan: {},
  hubCloseLan: {},
  hubOpenOperation: { genesis: { valid: entry, invalid: badEntry } },
  hubInvite: {
    ...opField,
    address: { valid: fc.ipV4(), invalid: fc.oneof(fc.constantFrom('', 'localhost', '256.1.1.1', '::1', '192.168.1'), nonString), optional: true },
  },
  hubPendingPairings: {},
  hubAdmit: { ...pairingField, entry: { valid: entry, invalid: badEntry } },
  hubRefusePairing: pairingField,
  hubSubmit: {
    ...opField,
    entries: {
      valid: fc.array(entry, { minLength: 1, maxLength: 5 }),
      invalid: fc.oneof(fc.constant([]), fc.array(entry, { minLength: 101, maxLength: 110 }), fc.tuple(fc.array(entry, { maxLength: 3 }), badEntry).map(([ok, bad]) => [...ok, bad]), notUndefined.filter((v) => !Array.isArray(v))),
    },
  },
  hubProposeCheckpoint: opField,
  hubClockOffsets: {},
  hubRefusals: { ...opField, limit: { valid: fc.integer({ min: 1, max: 1000 }), invalid: notIntIn(1, 1000), optional: true } },
  stationJoin: {
    link: { valid: fc.string({ minLength: 1, maxLength: 300 }), invalid: fc.oneof(fc.constant(''), fc.integer({ min: 2001, max: 5000 }).map((n) => 'l'.repeat(n)), nonString) },
    name: { valid: fc.string({ minLength: 1, maxLength: 50 }).filter((s) => s.trim().length > 0), invalid: fc.oneof(fc.constantFrom('', '   ', '名'.repeat(51)), nonString) },
    publicKey: { valid: base64url(43), invalid: badBase64url(43) },
  },
  stationClaim: { ...pairingField, sig: { valid: base64url(86), invalid: badBase64url(86) } },
  stationLinks: {},
};

const validRequest = (method: HostMethod) =>
  fc.record(Object.fromEntries(Object.entries(requestFields[method]).map(([k, f]) => [k, f.valid])), {
    requiredKeys: Object.entries(requestFields[method]).flatMap(([k, f]) => (f.optional ? [] : [k])),
  });

/** An own property, even for "__proto__" (as JSON.parse or a structured clone would make it). */
function withOwn(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const out = { ...target };
  Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
  return out;
}

/** A valid request with exactly one thing wrong: a bad field, a missing required field, or a key the contract does not know. */
const brokenRequest = (method: HostMethod) => {
  const fields = requestFields[method];
  const names = Object.keys(fields);
  const required = names.filter((k) => !fields[k]!.optional);
  const extraKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'path', 'toString'), fc.string()).filter((k) => !names.includes(k));
  const ways: fc.Arbitrary<Record<string, unknown>>[] = [
    fc.tuple(validRequest(method), extraKey, anything).map(([r, k, v]) => withOwn(r, k, v)),
    ...names.map((k) => fc.tuple(validRequest(method), fields[k]!.invalid).map(([r, v]) => withOwn(r, k, v))),
    ...required.map((k) => validRequest(method).map(({ [k]: _dropped, ...rest }) => rest)),
  ];
  return fc.oneof(...ways);
};

// —— the IPC gate with Electron faked (as in electron-ipc.test.ts) ——

const appContents = { id: 1 } as unknown as WebContents;
const fromApp = { sender: appContents, senderFrame: { url: 'app://console/index.html', parent: null } } as unknown as IpcMainInvokeEvent;

function gate(responses: Partial<Record<HostMethod, () => unknown>> = {}) {
  const channels = new Map<string, (event: IpcMainInvokeEvent, request: unknown) => Promise<unknown>>();
  const handlers = Object.fromEntries(
    hostMethodNames.map((m) => [m, vi.fn(async () => (responses[m] ? responses[m]() : undefined))]),
  ) as unknown as Record<HostMethod, ReturnType<typeof vi.fn>>;
  registerHostHandlers({ handle: (channel, listener) => void channels.set(channel, listener) }, handlers as unknown as HostHandlers, (s) => s === appContents);
  const invoke = (method: HostMethod, request: unknown) => channels.get(hostChannel(method))!(fromApp, request);
  return { handlers, invoke };
}

/** The call fails with the contract's Chinese message, and no handler was reached. */
async function expectRefused(g: ReturnType<typeof gate>, method: HostMethod, request: unknown, side: 'request' | 'response') {
  const outcome = await g.invoke(method, request).then(
    () => null,
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(HostContractError);
  const error = outcome as HostContractError;
  expect(error.side).toBe(side);
  expect(error.message).toMatch(new RegExp(`^主机接口 ${method} 的${side === 'request' ? '请求' : '响应'}无效：.+`));
  if (side === 'request') for (const h of Object.values(g.handlers)) expect(h).not.toHaveBeenCalled();
}

const safeParse = (schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, value: unknown) => {
  const result = schema.safeParse(value);
  if (!result.success) expect(result.error).toBeInstanceOf(ZodError);
  return result.success;
};

// Well-formed responses to pair with the gate, so a passing request reaches the response check.
const okResponses: Record<HostMethod, () => unknown> = {
  appInfo: () => ({ name: '强制执行指挥台', version: '0.1.0', mode: 'electron', platform: 'linux', dataLocation: '/d' }),
  saveFile: () => ({ status: 'cancelled' }),
  beginSave: () => ({ status: 'cancelled' }),
  writeSave: () => ({ size: 1 }),
  finishSave: () => ({ location: '/d/x.zip', size: 1 }),
  abortSave: () => ({}),
  openFiles: () => ({ files: [] }),
  readFile: () => new Uint8Array([1]),
  hashFile: () => ({ hashedBytes: 0, size: 1 }),
  closeFile: () => ({}),
  writeAutoBackup: () => ({ location: '/d/backups/op/1.json', kept: 1 }),
  findDocumentFonts: () => ({ status: 'found', folder: null, files: [] }),
  pinStatus: () => ({ enrolled: ['p1'] }),
  enrolPin: () => ({ status: 'refused', message: 'PIN 不正确' }),
  verifyPin: () => ({ ok: true }),
  readLogPin: () => ({ head: null }),
  advanceLogPin: () => ({ head: { seq: 3, hash: 'b'.repeat(64) } }),
  hubStatus: () => ({ state: 'failed', problem: '端口已被占用', lanOpen: false, addresses: [], unnamedAddresses: [], caPages: [], operations: [] }),
  hubOpenLan: () => ({ state: 'running', port: 47616, lanOpen: true, addresses: ['192.168.1.5'], unnamedAddresses: [], caPages: ['http://192.168.1.5:47616/'], operations: [] }),
  hubCloseLan: () => ({ state: 'running', port: 47616, lanOpen: false, addresses: [], unnamedAddresses: [], caPages: [], operations: [] }),
  hubOpenOperation: () => ({ op: 'op-1', db: 'op_op-1' }),
  hubInvite: () => ({ link: 'https://192.168.1.5:47616/pair#v=1', url: 'https://192.168.1.5:47616', fingerprint: 'a'.repeat(64), expiresAt: '2026-03-05T02:10:00.000Z' }),
  hubPendingPairings: () => ({ pairings: [] }),
  hubAdmit: () => ({}),
  hubRefusePairing: () => ({}),
  hubSubmit: () => ({ results: [{ id: 'e.x', ok: true }] }),
  hubProposeCheckpoint: () => ({ entry: realEntries[1] }),
  hubClockOffsets: () => ({ offsets: [] }),
  hubRefusals: () => ({ total: 0, refusals: [] }),
  stationJoin: () => ({ pairingId: 'p'.repeat(22), sas: '123 456', claim: 'c', op: 'op-1', anchor: writer.key, hub: 'https://192.168.1.5:47616' }),
  stationClaim: () => ({ status: 'pending' }),
  stationLinks: () => ({ links: [] }),
};

const TOKEN = '0b8f5a52-3c1e-4d7a-9a41-6f2d8e1c7b90';
const okRequests: Record<HostMethod, unknown> = {
  appInfo: {},
  saveFile: { suggestedName: '告知书.pdf', bytes: new Uint8Array(1) },
  beginSave: { suggestedName: '档案.zip' },
  writeSave: { token: TOKEN, bytes: new Uint8Array(1) },
  finishSave: { token: TOKEN },
  abortSave: { token: TOKEN },
  openFiles: {},
  readFile: { token: TOKEN, offset: 0, length: 1 },
  hashFile: { token: TOKEN, maxBytes: 1 },
  closeFile: { token: TOKEN },
  writeAutoBackup: { operationId: 'op-1', bytes: new Uint8Array(1), keep: 5 },
  findDocumentFonts: {},
  pinStatus: { operationId: 'op-1' },
  enrolPin: { operationId: 'op-1', personId: 'p1', pin: '135790', authoriser: null },
  verifyPin: { operationId: 'op-1', personId: 'p1', pin: '135790' },
  readLogPin: { key: 'enforcement-console.logHead.enforcement-console.op-1' },
  advanceLogPin: { key: 'enforcement-console.logHead.enforcement-console.op-1', head: { seq: 3, hash: 'b'.repeat(64) } },
  hubStatus: {},
  hubOpenLan: {},
  hubCloseLan: {},
  hubOpenOperation: { genesis: realEntries[0] },
  hubInvite: { op: 'op-1' },
  hubPendingPairings: {},
  hubAdmit: { pairingId: 'p'.repeat(22), entry: realEntries[1] },
  hubRefusePairing: { pairingId: 'p'.repeat(22) },
  hubSubmit: { op: 'op-1', entries: [realEntries[2]] },
  hubProposeCheckpoint: { op: 'op-1' },
  hubClockOffsets: {},
  hubRefusals: { op: 'op-1' },
  stationJoin: { link: 'https://192.168.1.5:47616/pair#v=1', name: '证据组平板', publicKey: writer.key },
  stationClaim: { pairingId: 'p'.repeat(22), sig: 's'.repeat(86) },
  stationLinks: {},
};

describe('host contract requests, generated', () => {
  const method = fc.constantFrom(...hostMethodNames);

  it(`a valid request of every method passes the schema and reaches its handler once (${HOST_FUZZ_RUNS.valid} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(method.chain((m) => fc.tuple(fc.constant(m), validRequest(m))), async ([m, request]) => {
        expect(safeParse(hostMethods[m].request, request)).toBe(true);
        const g = gate(okResponses);
        await g.invoke(m, request);
        expect(g.handlers[m]).toHaveBeenCalledTimes(1);
      }),
      { numRuns: HOST_FUZZ_RUNS.valid },
    );
  }, 60_000);

  it(`one wrong field, a missing field or an unknown key (also "__proto__") is refused in Chinese before any handler (${HOST_FUZZ_RUNS.broken} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(method.chain((m) => fc.tuple(fc.constant(m), brokenRequest(m))), async ([m, request]) => {
        expect(safeParse(hostMethods[m].request, request)).toBe(false);
        await expectRefused(gate(okResponses), m, request, 'request');
      }),
      { numRuns: HOST_FUZZ_RUNS.broken },
    );
  }, 60_000);

  it(`anything at all as a request: the schema answers without throwing, the gate calls the handler exactly when it passes (${HOST_FUZZ_RUNS.anything} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(method, anything, async (m, request) => {
        const passes = safeParse(hostMethods[m].request, request);
        const g = gate(okResponses);
        if (passes) {
          await g.invoke(m, request);
          expect(g.handlers[m]).toHaveBeenCalledTimes(1);
        } else {
          await expectRefused(g, m, request, 'request');
        }
      }),
      { numRuns: HOST_FUZZ_RUNS.anything },
    );
  }, 60_000);
});

describe('host contract responses, generated', () => {
  const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
  /** hashFile progress as the host may report it, coherent or not. */
  const hashProgress = fc.record(
    { hashedBytes: fc.oneof(fc.maxSafeNat(), badNumbers), size: fc.oneof(fc.maxSafeNat(), badNumbers), sha256: fc.option(hex64, { nil: undefined }) },
    { requiredKeys: ['hashedBytes', 'size'] },
  );
  const junkResponse = fc.oneof(
    anything,
    fc.tuple(fc.constantFrom(...hostMethodNames), anything).map(([m, v]) => (typeof okResponses[m]() === 'object' ? withOwn(okResponses[m]() as Record<string, unknown>, '__proto__', v) : v)),
    hashProgress,
    fc.record({ files: fc.array(fc.record({ token: fc.oneof(token, badToken), name: fc.oneof(fc.string(), hugeString), size: fc.oneof(fc.nat(), badNumbers), lastModified: fc.oneof(fc.nat(), badNumbers) }), { maxLength: 3 }) }),
  );

  it(`whatever a handler returns, the caller gets the validated response or a HostContractError, never anything else (${HOST_FUZZ_RUNS.responses} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...hostMethodNames), junkResponse, async (m, response) => {
        const passes = safeParse(hostMethods[m].response, response);
        const g = gate({ [m]: () => response });
        const request = okRequests[m];
        if (passes) await expect(g.invoke(m, request)).resolves.toBeDefined();
        else await expectRefused(g, m, request, 'response');
        if (m === 'hashFile' && passes) {
          const r = response as { hashedBytes: number; size: number; sha256?: string };
          expect(r.hashedBytes).toBeLessThanOrEqual(r.size);
          expect(r.sha256 !== undefined).toBe(r.hashedBytes === r.size);
        }
      }),
      { numRuns: HOST_FUZZ_RUNS.responses },
    );
  }, 60_000);
});
