import { X509Certificate } from 'node:crypto';

/**
 * The practice lab's "driver test certificate": a self-signed certificate with a subject like the ones
 * the WDK makes for test signing. Only the public certificate; there is no key, nothing signs with it.
 */
const PEM = `-----BEGIN CERTIFICATE-----
MIIDNTCCAh2gAwIBAgIUQ3WVzjT058gUR2HVVo6TOJLYAH4wDQYJKoZIhvcNAQEL
BQAwKjEoMCYGA1UEAwwfV0RLVGVzdENlcnQgaGxrLWFzc2lzdC1wcmFjdGljZTAe
Fw0yNjExMjAyMjAwMjFaFw00NjExMTUyMjAwMjFaMCoxKDAmBgNVBAMMH1dES1Rl
c3RDZXJ0IGhsay1hc3Npc3QtcHJhY3RpY2UwggEiMA0GCSqGSIb3DQEBAQUAA4IB
DwAwggEKAoIBAQCOFb2cavcFrfTu2xDevbPzgyhentwYxpA91EnR5HWCu9fFPsUq
Bsr9+zgIeQ8DT5PtQiqBH4MoT1vCgvRCYoZUGGAJVZfH72vlyF4xW9ImNYdzFe9l
+dZAJFIJkpzLzB7ToAp1WM38G64AND1RSkYqaDlBFteFhC/JcA87MM3VKUAQyw7s
tZclaKExC45903mhc1rFfuDwOb7kfKOrgfiBVtFY0WhSqp8iyYaSSUcpSaQ5eD2m
Q2BVjCdCxpzSvnXfHRBZF+jHjwUSDqTV3UdKPyJWsuJvr0aCpRVhtSZNu82yD0z8
AUHUN/j7mIaEz6z3hmnCoiY1TtKPi6RvTCy5AgMBAAGjUzBRMB0GA1UdDgQWBBTP
iTKeCinZOLSIv8U4h56mLSLehzAfBgNVHSMEGDAWgBTPiTKeCinZOLSIv8U4h56m
LSLehzAPBgNVHRMBAf8EBTADAQH/MA0GCSqGSIb3DQEBCwUAA4IBAQAk2XnNSQxS
2W2TlwMu9wHpUKDoUhGFS6Ad71u7Lvq909Ls/v1iUkdx4PmS+xdED2NYxkkApxSH
QkFMHaxoLiZKujzByc2n3ZZhhGa2bKdLlKUe1DhZwO0XXK2wl16D0JqelH9t6tG8
6QGz/JeXf0NueYDc6OmAaK5Aq9BqNuqFVSXdgWU5ie/oJtvIsCrYPJA25P1KeNtV
kBpCTxRtGPDD+OWlYok2lgxVhJPzxMTWVGJanhg6t4Vz7U6dPDBK2VznWj+tksJS
xfFwtgACX7RdiwuTJmT0bAS3HlGoYg+4SAR1sE2v4oW6U7PbbDT8arj0/m3spNvj
SXGS3mwj72KD
-----END CERTIFICATE-----
`;

export interface PracticeCertificate {
  der: Buffer;
  subject: string;
  thumbprint: string;
  notAfter: string;
}

/** What Windows shows of a certificate: subject RDNs last-first joined by ", ", SHA-1 thumbprint in upper case hex. */
export function describeCertificate(der: Buffer): PracticeCertificate {
  const cert = new X509Certificate(der);
  return {
    der,
    subject: cert.subject.split('\n').reverse().join(', '),
    thumbprint: cert.fingerprint.replace(/:/g, '').toUpperCase(),
    notAfter: new Date(cert.validTo).toISOString(),
  };
}

export function practiceCertificate(): PracticeCertificate {
  return describeCertificate(new X509Certificate(PEM).raw);
}
