import type { KnownFailure, LogSignature } from '../known-failure';

/**
 * HVCI (memory integrity) incompatibilities, one entry per kind the readiness tool reports. DG_Readiness_Tool
 * writes "Reason: <statistic>: <count>" under each incompatible module; !verifier prints the same statistics with
 * capitals and zero counts included, so every pattern insists on a count above zero.
 */

const hvciDoc = 'Microsoft docs: evaluate HVCI driver compatibility' as const;
const rerun = 'Rebuild, then run DG_Readiness_Tool -Capable HVCI again (and the HLK HVCI readiness test).';

function nonZeroCount(statistic: string): LogSignature {
  // "execute-write" is spelt with a hyphen by both tools; a space is accepted in case a version drops it.
  const name = statistic.replace(/-/g, '[- ]');
  return { contains: statistic, pattern: new RegExp(`${name}\\s*:\\s*0*[1-9]`, 'i') };
}

function hvciEntry(
  id: string,
  statistic: string,
  title: string,
  meaning: string,
  remedy: string,
): KnownFailure {
  return {
    id,
    title: `HVCI: ${title}`,
    logKinds: ['dgReadiness'],
    signatures: [nonZeroCount(statistic)],
    meaning: `With memory integrity (HVCI) on, Windows will not load this module: ${meaning}`,
    remedy: `${remedy} ${rerun}`,
    source: { document: hvciDoc, section: `Using the DGReadiness tool; ${statistic}` },
  };
}

export const hvciExecutablePool = hvciEntry(
  'hvciExecutablePool',
  'execute pool type count',
  'the driver allocates executable pool memory',
  'it asks for pool memory that is executable.',
  'Allocate non-executable pool everywhere (NonPagedPoolNx, or the NX pool flags of the allocation call).',
);

export const hvciExecutablePageProtection = hvciEntry(
  'hvciExecutablePageProtection',
  'execute page protection count',
  'the driver asks for executable page protection',
  'it requests an executable page protection for memory it maps or protects.',
  'Pass a no-execute page protection instead.',
);

export const hvciExecutableMdlMapping = hvciEntry(
  'hvciExecutableMdlMapping',
  'execute page mapping count',
  'the driver maps memory descriptor lists as executable',
  'it maps an MDL without asking for a no-execute mapping.',
  'Include MdlMappingNoExecute in the priority or flags of every MDL mapping call (MmGetSystemAddressForMdlSafe).',
);

export const hvciWritableExecutableSection = hvciEntry(
  'hvciWritableExecutableSection',
  'execute-write section count',
  'the driver image has a section that is both writable and executable',
  'one of its sections can be written and executed at once.',
  'Keep code and writable data in separate sections; do not merge data sections into code.',
);

export const hvciSectionAlignment = hvciEntry(
  'hvciSectionAlignment',
  'section alignment failures',
  'a section of the driver image is not page aligned',
  'a section does not start on a page (0x1000) boundary.',
  'Link with a section alignment of 0x1000, e.g. DRIVER_ALIGNMENT=0x1000.',
);

export const hvciUnsupportedRelocs = hvciEntry(
  'hvciUnsupportedRelocs',
  'unsupported relocs count',
  'the driver image has relocations that straddle a page boundary',
  'a relocated address crosses a page boundary, which Windows 10 before version 1703 cannot fix up under ASLR. ' +
    'Packed global structures holding pointers, in large arrays, are the usual source.',
  'Avoid misaligned pointers in large global initialised data, and link with /Gy so the linker can align it.',
);

export const hvciIatInExecutableSection = hvciEntry(
  'hvciIatInExecutableSection',
  'IAT in executable section count',
  'the import address table lies in an executable section',
  'its import address table sits in a read-execute section, so Windows cannot write the imported addresses.',
  'Stop merging read-only data into the code section (a /MERGE of .rdata into .text does this).',
);
