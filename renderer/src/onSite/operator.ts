// DOM. Who is recording, per operation, remembered across reloads. Until sign-in exists
// (issue 7) the console shows this name openly and every entry carries it.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

interface OperatorState {
  byOperation: Record<string, string>;
  setOperator: (operationId: string, name: string) => void;
}

export const useOperatorStore = create<OperatorState>()(
  persist(
    (set) => ({
      byOperation: {},
      setOperator: (operationId, name) => set((s) => ({ byOperation: { ...s.byOperation, [operationId]: name } })),
    }),
    { name: 'onSite.operator' },
  ),
);
