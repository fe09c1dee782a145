/**
 * Error codes that turn up in driver installation and HLK logs, with what they mean for the operator.
 * SetupAPI codes are 0xE0000000 plus a small number (winerror.h); the others are HRESULTs and Windows
 * error numbers that setupapi.dev.log, WttEa.log and signing tools print in hex.
 */
export interface ErrorCodeMeaning {
  /** 0x followed by eight lower-case hex digits. */
  code: string;
  name: string;
  meaning: string;
  /** False for codes that appear in healthy logs (success, "do the default"). */
  isError: boolean;
}

const table: readonly ErrorCodeMeaning[] = [
  { code: '0x00000000', name: 'ERROR_SUCCESS', meaning: 'success', isError: false },
  { code: '0x00000002', name: 'ERROR_FILE_NOT_FOUND', meaning: 'a file the step needed is not there', isError: true },
  { code: '0x00000005', name: 'ERROR_ACCESS_DENIED', meaning: 'access denied (not elevated, or a file is locked)', isError: true },
  { code: '0x00000490', name: 'ERROR_NOT_FOUND', meaning: 'element not found (in signature checks: no catalog lists the file)', isError: true },
  { code: '0x00000bc2', name: 'ERROR_SUCCESS_REBOOT_REQUIRED', meaning: 'done, but Windows needs a reboot to finish', isError: false },
  { code: '0x00000bc3', name: 'ERROR_SUCCESS_RESTART_REQUIRED', meaning: 'done, but the device must be restarted to finish', isError: false },
  { code: '0x800704c3', name: 'ERROR_SESSION_CREDENTIAL_CONFLICT', meaning: 'the user already holds a connection to that server under other credentials (a stale drive mapping)', isError: true },
  { code: '0x800b0003', name: 'TRUST_E_SUBJECT_FORM_UNKNOWN', meaning: 'the file is not in a form the signature check understands', isError: true },
  { code: '0x800b0100', name: 'TRUST_E_NOSIGNATURE', meaning: 'the file carries no signature and no catalog covers it', isError: true },
  { code: '0x800b0101', name: 'CERT_E_EXPIRED', meaning: 'a certificate in the signing chain has expired', isError: true },
  { code: '0x800b0109', name: 'CERT_E_UNTRUSTEDROOT', meaning: 'the signature chains to a root certificate this machine does not trust', isError: true },
  { code: '0x800b010a', name: 'CERT_E_CHAINING', meaning: 'the signing certificate could not be chained to a root (an intermediate is missing)', isError: true },
  { code: '0x800b010d', name: 'CERT_E_UNTRUSTEDTESTROOT', meaning: 'the signature chains to a test root that is not trusted', isError: true },
  { code: '0x800b0110', name: 'CERT_E_WRONG_USAGE', meaning: 'the certificate is not valid for code signing', isError: true },
  { code: '0x80096010', name: 'TRUST_E_BAD_DIGEST', meaning: 'the file changed after it was signed (hash mismatch)', isError: true },
  { code: '0xe0000003', name: 'ERROR_GENERAL_SYNTAX', meaning: 'the INF has a syntax error', isError: true },
  { code: '0xe0000100', name: 'ERROR_WRONG_INF_STYLE', meaning: 'the INF is not in the style Windows expects', isError: true },
  { code: '0xe0000101', name: 'ERROR_SECTION_NOT_FOUND', meaning: 'a section the INF refers to is missing from it', isError: true },
  { code: '0xe0000102', name: 'ERROR_LINE_NOT_FOUND', meaning: 'a line the INF refers to is missing from it', isError: true },
  { code: '0xe0000200', name: 'ERROR_NO_ASSOCIATED_CLASS', meaning: 'the INF names no device setup class', isError: true },
  { code: '0xe0000201', name: 'ERROR_CLASS_MISMATCH', meaning: "the INF's class does not match the device's class", isError: true },
  { code: '0xe0000203', name: 'ERROR_NO_DRIVER_SELECTED', meaning: 'no driver was selected for the device, so nothing could be installed', isError: true },
  { code: '0xe0000205', name: 'ERROR_INVALID_DEVINST_NAME', meaning: 'the device instance name is not valid', isError: true },
  { code: '0xe0000207', name: 'ERROR_DEVINST_ALREADY_EXISTS', meaning: 'a device with that instance name already exists', isError: true },
  { code: '0xe000020a', name: 'ERROR_NO_INF', meaning: 'the INF could not be found or opened', isError: true },
  { code: '0xe000020b', name: 'ERROR_NO_SUCH_DEVINST', meaning: 'the device instance does not exist (any more)', isError: true },
  { code: '0xe000020e', name: 'ERROR_DI_DO_DEFAULT', meaning: 'not an error: a class installer asked Windows to do its default action', isError: false },
  { code: '0xe000020f', name: 'ERROR_DI_NOFILECOPY', meaning: 'not an error: files were not copied because they are in place already', isError: false },
  { code: '0xe0000211', name: 'ERROR_NO_DEVICE_SELECTED', meaning: 'no device was selected for the operation', isError: true },
  { code: '0xe0000217', name: 'ERROR_BAD_SERVICE_INSTALLSECT', meaning: "the INF's service install section is wrong", isError: true },
  { code: '0xe0000219', name: 'ERROR_NO_ASSOCIATED_SERVICE', meaning: 'the INF installs no service (function driver) for the device', isError: true },
  { code: '0xe0000228', name: 'ERROR_NO_COMPAT_DRIVERS', meaning: "no driver matches the device's hardware IDs and this platform", isError: true },
  { code: '0xe000022d', name: 'ERROR_NON_WINDOWS_NT_DRIVER', meaning: 'the INF is not for this Windows family', isError: true },
  { code: '0xe000022f', name: 'ERROR_NO_CATALOG_FOR_OEM_INF', meaning: 'the third-party INF names no catalog file, so nothing signs the package', isError: true },
  { code: '0xe0000232', name: 'ERROR_CANT_REMOVE_DEVINST', meaning: 'the device could not be removed', isError: true },
  { code: '0xe0000234', name: 'ERROR_DRIVER_NONNATIVE', meaning: 'the selected driver is not built for this platform (processor architecture or Windows version)', isError: true },
  { code: '0xe0000235', name: 'ERROR_IN_WOW64', meaning: 'a 32-bit program tried to install a driver on 64-bit Windows, which it cannot do', isError: true },
  { code: '0xe0000237', name: 'ERROR_INCORRECTLY_COPIED_INF', meaning: 'the INF was copied into the INF folder by hand instead of being installed', isError: true },
  { code: '0xe000023c', name: 'ERROR_NOT_AN_INSTALLED_OEM_INF', meaning: 'the named oemNN.inf is not an installed third-party INF', isError: true },
  { code: '0xe000023d', name: 'ERROR_INF_IN_USE_BY_DEVICES', meaning: 'the driver package is still used by devices and cannot be removed', isError: true },
  { code: '0xe000023f', name: 'ERROR_NO_AUTHENTICODE_CATALOG', meaning: 'no catalog signed with Authenticode covers the package', isError: true },
  { code: '0xe0000240', name: 'ERROR_AUTHENTICODE_DISALLOWED', meaning: "the package's publisher is in the untrusted certificates store", isError: true },
  { code: '0xe0000241', name: 'ERROR_AUTHENTICODE_TRUSTED_PUBLISHER', meaning: 'not an error: the publisher is a trusted publisher', isError: false },
  { code: '0xe0000242', name: 'ERROR_AUTHENTICODE_TRUST_NOT_ESTABLISHED', meaning: 'the publisher is not yet trusted (the install asks, or is refused without a prompt)', isError: true },
  { code: '0xe0000243', name: 'ERROR_AUTHENTICODE_PUBLISHER_NOT_TRUSTED', meaning: 'the user declined to trust the publisher', isError: true },
  { code: '0xe0000244', name: 'ERROR_SIGNATURE_OSATTRIBUTE_MISMATCH', meaning: 'the catalog is signed for other Windows versions than this one', isError: true },
  { code: '0xe0000247', name: 'ERROR_DRIVER_STORE_ADD_FAILED', meaning: 'the package could not be added to the driver store', isError: true },
  { code: '0xe0000248', name: 'ERROR_DEVICE_INSTALL_BLOCKED', meaning: 'a device installation policy blocks this device', isError: true },
  { code: '0xe0000249', name: 'ERROR_DRIVER_INSTALL_BLOCKED', meaning: 'a driver installation policy blocks this driver', isError: true },
  { code: '0xe000024b', name: 'ERROR_FILE_HASH_NOT_IN_CATALOG', meaning: "a file's hash is not in the package's catalog (file changed after signing)", isError: true },
  { code: '0xe000024c', name: 'ERROR_DRIVER_STORE_DELETE_FAILED', meaning: 'the package could not be deleted from the driver store', isError: true },
];

const byCode = new Map(table.map((entry) => [entry.code, entry]));

/** The meaning of a code written as 0x plus eight hex digits in any case; null when we do not know it. */
export function errorCodeMeaning(code: string): ErrorCodeMeaning | null {
  return byCode.get(code.toLowerCase()) ?? null;
}

export const knownErrorCodes: readonly ErrorCodeMeaning[] = table;

/** The error codes written in a text (0x and eight hex digits) that the table explains as errors, each once. */
export function explainErrorCodes(text: string): ErrorCodeMeaning[] {
  const found: ErrorCodeMeaning[] = [];
  for (const [code] of text.matchAll(/0x[0-9a-f]{8}\b/gi)) {
    const meaning = errorCodeMeaning(code);
    if (meaning?.isError && !found.includes(meaning)) found.push(meaning);
  }
  return found;
}
