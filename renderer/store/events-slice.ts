import type { LabEvent } from '../../shared/lab';
import type { SliceCreator } from './app-state';

/** What happened in the lab, newest first; filled only by the host feed. */
export interface EventsSlice {
  events: LabEvent[];
}

export const createEventsSlice: SliceCreator<EventsSlice> = () => ({ events: [] });
