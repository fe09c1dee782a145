/**
 * The kinds of log hlk-assist reads. Knowing the kind lets a reader follow the log's structure
 * (setupapi sections, DGReadiness modules) and keeps each known failure to the logs it can appear in.
 * A log of kind `text` (nothing recognised it) is read against every known failure.
 */
export type LogKind = 'setupapi' | 'hlkTask' | 'hlkExecutionAgent' | 'openvpn' | 'dgReadiness' | 'text';

export const logKindTitles: Record<LogKind, string> = {
  setupapi: 'SetupAPI device installation log (setupapi.dev.log)',
  hlkTask: 'HLK task or test log',
  hlkExecutionAgent: 'HLK execution agent log (WttEa.log)',
  openvpn: 'OpenVPN log',
  dgReadiness: 'Device Guard readiness tool log (DGLogs)',
  text: 'Text of no particular kind (event log export, debugger output, signing report)',
};
