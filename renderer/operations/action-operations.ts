import type { ServiceAction } from '../../shared/machine-actions';

/**
 * The operations each one-click action changes a machine with, in the order it runs them: the
 * confirmation shows their exact scripts (from operations.list). The reads around them (a status before,
 * the checks after) change nothing and are in the journal.
 */
export const actionOperations = {
  services: { start: ['services.ensureRunning'], restart: ['services.ensureRunning'], stop: ['services.stop'] } satisfies Record<ServiceAction, readonly string[]>,
  reboot: ['system.reboot'],
  adapterNames: ['network.renameAdapters'],
  tapdiagEnable: ['tapdiag.enable'],
  tapdiagLink: ['tapdiag.setLink'],
  tapdiagQ: ['tapdiag.setQ'],
  tapdiagReapply: ['tapdiag.setQ', 'tapdiag.setLink'],
  linkcheck: { tapdiag: ['tapdiag.setLink'], service: ['services.stop', 'services.ensureRunning'] },
  hlkCreatePool: ['hlk.createPool'],
  hlkArrangePool: ['hlk.arrangePool', 'hlk.setMachineReady'],
  hlkSetReady: ['hlk.setMachineReady'],
  hlkCreateProject: ['hlk.createProject'],
  hlkAddLanFeature: ['hlk.addFeature'],
  hlkLoadPlaylist: ['hlk.loadPlaylist'],
  hlkRerunTest: ['hlk.rerunTest'],
  attestationCab: ['signing.attestationCab'],
} as const;
