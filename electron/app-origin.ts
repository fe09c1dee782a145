/** Where the Electron window loads the UI from; IPC accepts messages only from frames at this origin. */
export const APP_ORIGIN = 'app://hlk-assist';
