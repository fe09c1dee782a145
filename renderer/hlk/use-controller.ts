import type { MachineView } from '../../shared/lab';
import { useApp } from '../store/use-app';

/** The lab's controller, where HLK's object model is reached. */
export function useController(): MachineView | undefined {
  return useApp((s) => s.lab?.machines.find((m) => m.role === 'controller'));
}
