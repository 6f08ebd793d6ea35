import type { StateStore, StateStoreStatus } from '@modelmesh/core';

/** Resolves with the store's next status report of the given kind. */
export function nextStatus(store: StateStore, state: StateStoreStatus['state']): Promise<StateStoreStatus> {
  return new Promise((resolve) => {
    const off = store.onStatus?.((status) => {
      if (status.state !== state) return;
      off?.();
      resolve(status);
    });
  });
}
