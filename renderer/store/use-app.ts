import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from './app-state';

export const AppStoreContext = createContext<AppStore | null>(null);

/** Reads from the app store; a selector that builds a new object or array needs `useShallow`. */
export function useApp<T>(selector: (state: AppState) => T): T {
  const store = useContext(AppStoreContext);
  if (!store) throw new Error('useApp needs the AppStoreContext provider around the app');
  return useStore(store, selector);
}
