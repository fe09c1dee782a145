/** The three IPC channels between the preload and the main process. */
export const IPC_CALL = 'hlk:call';
export const IPC_EVENT = 'hlk:event';
export const IPC_READY = 'hlk:ready';
