import { utils } from 'ssh2';

/**
 * A fresh ed25519 key pair in OpenSSH format that ssh2 can read back. ssh2's generateKeyPairSync
 * now and then (about 4 in 1000) writes a private key its own parser refuses as "Malformed OpenSSH
 * private key"; a practice lab makes one per machine at every start, so that would fail a start
 * every few hundred machines.
 */
export function readableKeyPair(): { private: string; public: string } {
  for (;;) {
    const key = utils.generateKeyPairSync('ed25519');
    if (!(utils.parseKey(key.private) instanceof Error)) return key;
  }
}
