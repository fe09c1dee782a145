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

/** Codes that mean something went wrong. */
function error(code: string, name: string, meaning: string): ErrorCodeMeaning {
  return { code, name, meaning, isError: true };
}

/** Codes that turn up in healthy logs: success, "do the default", "done, reboot to finish". */
function normal(code: string, name: string, meaning: string): ErrorCodeMeaning {
  return { code, name, meaning, isError: false };
}

const table: readonly ErrorCodeMeaning[] = [
  normal('0x00000000', 'ERROR_SUCCESS', 'success'),
  error('0x00000002', 'ERROR_FILE_NOT_FOUND', 'a file the step needed is not there'),
  error('0x00000005', 'ERROR_ACCESS_DENIED', 'access denied (not elevated, or a file is locked)'),
  error('0x00000490', 'ERROR_NOT_FOUND', 'element not found (in signature checks: no catalog lists the file)'),
  normal('0x00000bc2', 'ERROR_SUCCESS_REBOOT_REQUIRED', 'done, but Windows needs a reboot to finish'),
  normal('0x00000bc3', 'ERROR_SUCCESS_RESTART_REQUIRED', 'done, but the device must be restarted to finish'),
  error(
    '0x800704c3',
    'ERROR_SESSION_CREDENTIAL_CONFLICT',
    'the user already holds a connection to that server under other credentials (a stale drive mapping)',
  ),
  error('0x800b0003', 'TRUST_E_SUBJECT_FORM_UNKNOWN', 'the file is not in a form the signature check understands'),
  error('0x800b0100', 'TRUST_E_NOSIGNATURE', 'the file carries no signature and no catalog covers it'),
  error('0x800b0101', 'CERT_E_EXPIRED', 'a certificate in the signing chain has expired'),
  error('0x800b0109', 'CERT_E_UNTRUSTEDROOT', 'the signature chains to a root certificate this machine does not trust'),
  error(
    '0x800b010a',
    'CERT_E_CHAINING',
    'the signing certificate could not be chained to a root (an intermediate is missing)',
  ),
  error('0x800b010d', 'CERT_E_UNTRUSTEDTESTROOT', 'the signature chains to a test root that is not trusted'),
  error('0x800b0110', 'CERT_E_WRONG_USAGE', 'the certificate is not valid for code signing'),
  error('0x80096010', 'TRUST_E_BAD_DIGEST', 'the file changed after it was signed (hash mismatch)'),
  error('0xe0000003', 'ERROR_GENERAL_SYNTAX', 'the INF has a syntax error'),
  error('0xe0000100', 'ERROR_WRONG_INF_STYLE', 'the INF is not in the style Windows expects'),
  error('0xe0000101', 'ERROR_SECTION_NOT_FOUND', 'a section the INF refers to is missing from it'),
  error('0xe0000102', 'ERROR_LINE_NOT_FOUND', 'a line the INF refers to is missing from it'),
  error('0xe0000200', 'ERROR_NO_ASSOCIATED_CLASS', 'the INF names no device setup class'),
  error('0xe0000201', 'ERROR_CLASS_MISMATCH', "the INF's class does not match the device's class"),
  error(
    '0xe0000203',
    'ERROR_NO_DRIVER_SELECTED',
    'no driver was selected for the device, so nothing could be installed',
  ),
  error('0xe0000205', 'ERROR_INVALID_DEVINST_NAME', 'the device instance name is not valid'),
  error('0xe0000207', 'ERROR_DEVINST_ALREADY_EXISTS', 'a device with that instance name already exists'),
  error('0xe000020a', 'ERROR_NO_INF', 'the INF could not be found or opened'),
  error('0xe000020b', 'ERROR_NO_SUCH_DEVINST', 'the device instance does not exist (any more)'),
  normal('0xe000020e', 'ERROR_DI_DO_DEFAULT', 'not an error: a class installer asked Windows to do its default action'),
  normal('0xe000020f', 'ERROR_DI_NOFILECOPY', 'not an error: files were not copied because they are in place already'),
  error('0xe0000211', 'ERROR_NO_DEVICE_SELECTED', 'no device was selected for the operation'),
  error('0xe0000217', 'ERROR_BAD_SERVICE_INSTALLSECT', "the INF's service install section is wrong"),
  error('0xe0000219', 'ERROR_NO_ASSOCIATED_SERVICE', 'the INF installs no service (function driver) for the device'),
  error('0xe0000228', 'ERROR_NO_COMPAT_DRIVERS', "no driver matches the device's hardware IDs and this platform"),
  error('0xe000022d', 'ERROR_NON_WINDOWS_NT_DRIVER', 'the INF is not for this Windows family'),
  error(
    '0xe000022f',
    'ERROR_NO_CATALOG_FOR_OEM_INF',
    'the third-party INF names no catalog file, so nothing signs the package',
  ),
  error('0xe0000232', 'ERROR_CANT_REMOVE_DEVINST', 'the device could not be removed'),
  error(
    '0xe0000234',
    'ERROR_DRIVER_NONNATIVE',
    'the selected driver is not built for this platform (processor architecture or Windows version)',
  ),
  error(
    '0xe0000235',
    'ERROR_IN_WOW64',
    'a 32-bit program tried to install a driver on 64-bit Windows, which it cannot do',
  ),
  error(
    '0xe0000237',
    'ERROR_INCORRECTLY_COPIED_INF',
    'the INF was copied into the INF folder by hand instead of being installed',
  ),
  error('0xe000023c', 'ERROR_NOT_AN_INSTALLED_OEM_INF', 'the named oemNN.inf is not an installed third-party INF'),
  error(
    '0xe000023d',
    'ERROR_INF_IN_USE_BY_DEVICES',
    'the driver package is still used by devices and cannot be removed',
  ),
  error('0xe000023f', 'ERROR_NO_AUTHENTICODE_CATALOG', 'no catalog signed with Authenticode covers the package'),
  error(
    '0xe0000240',
    'ERROR_AUTHENTICODE_DISALLOWED',
    "the package's publisher is in the untrusted certificates store",
  ),
  normal('0xe0000241', 'ERROR_AUTHENTICODE_TRUSTED_PUBLISHER', 'not an error: the publisher is a trusted publisher'),
  error(
    '0xe0000242',
    'ERROR_AUTHENTICODE_TRUST_NOT_ESTABLISHED',
    'the publisher is not yet trusted (the install asks, or is refused without a prompt)',
  ),
  error('0xe0000243', 'ERROR_AUTHENTICODE_PUBLISHER_NOT_TRUSTED', 'the user declined to trust the publisher'),
  error(
    '0xe0000244',
    'ERROR_SIGNATURE_OSATTRIBUTE_MISMATCH',
    'the catalog is signed for other Windows versions than this one',
  ),
  error('0xe0000247', 'ERROR_DRIVER_STORE_ADD_FAILED', 'the package could not be added to the driver store'),
  error('0xe0000248', 'ERROR_DEVICE_INSTALL_BLOCKED', 'a device installation policy blocks this device'),
  error('0xe0000249', 'ERROR_DRIVER_INSTALL_BLOCKED', 'a driver installation policy blocks this driver'),
  error(
    '0xe000024b',
    'ERROR_FILE_HASH_NOT_IN_CATALOG',
    "a file's hash is not in the package's catalog (file changed after signing)",
  ),
  error('0xe000024c', 'ERROR_DRIVER_STORE_DELETE_FAILED', 'the package could not be deleted from the driver store'),
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
