// Helpers for the host contract tests: the hub's methods as mocks with well-formed answers.
import { vi } from 'vitest';
import type { HostHandlers, HubMethod } from '../../shared/host/contract';

export const hubHandlerMocks = () => {
  const status = { state: 'running' as const, port: 47616, lanOpen: false, addresses: [], unnamedAddresses: [], caPages: [], operations: [] };
  return {
    hubStatus: vi.fn(async () => status),
    hubOpenLan: vi.fn(async () => ({ ...status, lanOpen: true })),
    hubCloseLan: vi.fn(async () => status),
    hubOpenOperation: vi.fn(async () => ({ op: 'op-1', db: 'op_op-1' })),
    hubInvite: vi.fn(async () => ({ link: 'https://127.0.0.1:47616/pair#v=1', url: 'https://127.0.0.1:47616', fingerprint: 'a'.repeat(64), expiresAt: '2026-03-05T02:10:00.000Z' })),
    hubPendingPairings: vi.fn(async () => ({ pairings: [] })),
    hubAdmit: vi.fn(async () => ({})),
    hubRefusePairing: vi.fn(async () => ({})),
    hubSubmit: vi.fn(async () => ({ results: [] })),
    hubProposeCheckpoint: vi.fn(async () => {
      throw new Error('not in this test');
    }),
    hubClockOffsets: vi.fn(async () => ({ offsets: [] })),
    hubRefusals: vi.fn(async () => ({ total: 0, refusals: [] })),
    stationJoin: vi.fn(async () => {
      throw new Error('not in this test');
    }),
    stationClaim: vi.fn(async () => ({ status: 'pending' as const })),
    stationLinks: vi.fn(async () => ({ links: [] })),
  } satisfies Pick<HostHandlers, HubMethod>;
};
