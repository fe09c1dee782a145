import type { KnownFailure } from '../known-failure';

/** Failures of attestation signing, as Partner Center's UniversalLog.txt reports them. */

const blog = "Eli Billauer's blog: Windows device drivers" as const;

export const attestationSignatureValidationFailed: KnownFailure = {
  id: 'attestationSignatureValidationFailed',
  title: "Partner Center could not validate the submission's signature",
  logKinds: 'any',
  signatures: [{ contains: 'SignatureValidationFailed' }],
  meaning:
    'The .cab was signed with a certificate that is not registered with the Partner Center account, so the ' +
    'submission is rejected while it is prepared. A common cause: registering with one signing setup (a cloud ' +
    'signing service, say) and signing the .cab with another (a USB token): they hold different certificates.',
  remedy:
    'In Partner Center (gear icon, Account settings, Manage certificates) see which certificates are registered. ' +
    'Register the one that signs the .cab, by signing the registration file with the same tool and key, remove ' +
    'the wrong one, then sign the .cab again (signtool sign /fd sha256) and resubmit.',
  source: { document: blog, section: "Attestation signing: When the signature isn't validated" },
};

export const attestationArchitectureNotInInf: KnownFailure = {
  id: 'attestationArchitectureNotInInf',
  title: 'The submission asks for an architecture the INF does not support',
  logKinds: 'any',
  signatures: [
    { contains: 'decorated model sections', pattern: /does not have NT[a-z0-9]+ decorated model sections/i },
  ],
  meaning:
    'Among the Windows versions ticked for the submission is one for an architecture (ARM64, say) for which the ' +
    'INF has no decorated models section.',
  remedy:
    'Tick only Windows versions for architectures the INF declares; one tested version per architecture is ' +
    'enough. Leave the test-signing boxes empty for attestation signing.',
  source: { document: blog, section: 'Attestation signing: Submitting the .cab file' },
};
