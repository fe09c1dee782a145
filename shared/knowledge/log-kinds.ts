/**
 * The kinds of log hlk-assist reads. Knowing the kind lets a reader follow the log's structure
 * (setupapi sections, DGReadiness modules) and keeps each known failure to the logs it can appear in.
 */
export type LogKind =
  | 'setupapi' // SetupAPI's device installation log, setupapi.dev.log
  | 'hlkTask' // an HLK task or test log
  | 'hlkExecutionAgent' // the HLK execution agent's log, WttEa.log
  | 'openvpn' // an OpenVPN log
  | 'dgReadiness' // the Device Guard readiness tool's log (C:\DGLogs)
  | 'text'; // nothing recognised it: event log exports, debugger output, signing reports; read against every failure
