/** Node's socket error codes as an operator reads them: what happened, and the first thing to look at. */
const socketErrors: Record<string, (where: string) => string> = {
  ECONNREFUSED: (where) => `${where} refused the connection: nothing listens there (is the machine's OpenSSH Server running?)`,
  ETIMEDOUT: (where) => `${where} did not answer in time (switched off, or a firewall drops the connection?)`,
  EHOSTUNREACH: (where) => `no route to ${where} (wrong network or address?)`,
  ENETUNREACH: (where) => `the network of ${where} cannot be reached from this computer`,
  ECONNRESET: (where) => `${where} closed the connection abruptly`,
  ENOTFOUND: (where) => `the name ${where} is not known to DNS (a typo in the lab file's host?)`,
  EAI_AGAIN: (where) => `the name ${where} could not be looked up now (DNS not answering)`,
};

/**
 * A connection state's detail with any raw socket error ("connect ECONNREFUSED 10.0.0.21:22",
 * "getaddrinfo ENOTFOUND hlk-client") said in words; the code stays in brackets for a search.
 */
export function connectionDetailWords(detail: string): string {
  // The code may come twice: "ECONNREFUSED: connect ECONNREFUSED 10.0.0.21:22".
  return detail.replace(/\b(?:E[A-Z_]+: )?(?:connect|getaddrinfo|read|write) (E[A-Z_]+)(?: (\S+?))?(?=[;,)]|$)/g, (whole, code: string, where: string | undefined) => {
    const words = socketErrors[code];
    return words ? `${words(where ?? 'the machine')} (${code})` : whole;
  });
}
