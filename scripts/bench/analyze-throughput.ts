/**
 * Log analysis figures: a generated ~1 GB setupapi.dev.log read against the whole knowledge base
 * (goal: at least 150 MB/s, resident memory growing by less than 100 MB), beside `grep -c -F -f` of the
 * same signature texts on the same file, interleaved in one run. MB is 10^6 bytes.
 * HLK_BENCH_LOG_MB sets another log size for a quick look.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, open, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeLogFile } from '../../electron/logs/analysis/analyze-log';
import { knownFailures } from '../../shared/knowledge/index';

const TARGET_BYTES = Number(process.env.HLK_BENCH_LOG_MB ?? 1024) * 1024 * 1024;
const ROUNDS = 5;
const GOAL_MB_PER_S = 150;
const GOAL_RSS_GROWTH_MB = 100;
/** One section in this many fails, with the lines of a known failure. */
const FAILING_EVERY = 50;
/** Command-line flag of the child process that runs one analysis. */
const ANALYZE_ONE = '--analyze-one';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function hex(n: number, width: number): string {
  return (n >>> 0).toString(16).padStart(width, '0').slice(-width);
}

/** A GUID that changes with n, as temp folders and driver store entries do. */
function guid(n: number): string {
  const a = Math.imul(n, 2654435761);
  const b = Math.imul(n ^ 0x5bd1e995, 40503);
  return `${hex(a, 8)}-${hex(b, 4)}-4${hex(a >>> 7, 3)}-a${hex(b >>> 3, 3)}-${hex(a ^ b, 8)}${hex(n, 4)}`;
}

function clock(ms: number): string {
  const h = Math.floor(ms / 3_600_000) % 24;
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`;
}

/** One setupapi section: a tap0901 install as tapinstall does it; every FAILING_EVERY-th one fails. */
function section(n: number): string {
  const t = 6 * 3_600_000 + n * 1_731;
  const day = `2024/${String(1 + (Math.floor(n / 40_000) % 12)).padStart(2, '0')}/${String(1 + (n % 28)).padStart(2, '0')}`;
  const temp = `C:\\Users\\hlkadmin\\AppData\\Local\\Temp\\{${guid(n)}}`;
  const store = `C:\\Windows\\System32\\DriverStore\\Temp\\{${guid(n + 7)}}`;
  const device = `ROOT\\NET\\${String(n % 10_000).padStart(4, '0')}`;
  const lines = [
    `>>>  [Device Install (UpdateDriverForPlugAndPlayDevices) - tap0901]`,
    `>>>  Section start ${day} ${clock(t)}`,
    `      cmd: "C:\\hlk\\drivers\\tap6-${n % 97}\\tapinstall.exe" install C:\\hlk\\drivers\\tap6-${n % 97}\\OemVista.inf tap0901`,
    `     ndv: INF path: C:\\Windows\\INF\\oem${n % 60}.inf`,
    `     ndv: Install flags: 0x00000001`,
    `     ndv: {Update Driver Software Wizard for ${device}}`,
    `     sto:      {Copy Driver Package: C:\\hlk\\drivers\\tap6-${n % 97}\\OemVista.inf} ${clock(t + 3)}`,
    `     sto:           Destination    = ${temp}`,
    `     flq:           Copying 'C:\\hlk\\drivers\\tap6-${n % 97}\\tap0901.sys' to '${temp}\\tap0901.sys'.`,
    `     flq:           Copying 'C:\\hlk\\drivers\\tap6-${n % 97}\\tap0901.cat' to '${temp}\\tap0901.cat'.`,
    `     sto:      {Copy Driver Package: exit(0x00000000)} ${clock(t + 19)}`,
    `     sig:           {_VERIFY_FILE_SIGNATURE} ${clock(t + 25)}`,
    `     sig:                Key      = oemvista.inf`,
    `     sig:                FilePath = ${store}\\oemvista.inf`,
    `     sig:                Catalog  = ${store}\\tap0901.cat`,
  ];
  const failing = n % FAILING_EVERY === FAILING_EVERY - 1;
  if (failing && Math.floor(n / FAILING_EVERY) % 2 === 0) {
    lines.push(
      `!    sig:                Verifying file against specific (valid) catalog failed.`,
      `!    sig:                Error 0x800b0109: A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.`,
      `     sig:           {_VERIFY_FILE_SIGNATURE exit(0x800b0109)} ${clock(t + 41)}`,
      `<<<  Section end ${day} ${clock(t + 44)}`,
      `<<<  [Exit status: FAILURE(0x800b0109)]`,
    );
  } else if (failing) {
    lines.push(
      `     sig:                Success: File is signed in catalog.`,
      `     dvi:      {DIF_SELECTBESTCOMPATDRV} ${clock(t + 52)}`,
      `!    dvi:           Selecting driver failed(0xe0000228)`,
      `!    dvi:           Error 0xe0000228: There are no compatible drivers for this device.`,
      `     dvi:      {DIF_SELECTBESTCOMPATDRV - exit(0xe0000228)} ${clock(t + 60)}`,
      `<<<  Section end ${day} ${clock(t + 61)}`,
      `<<<  [Exit status: FAILURE(0xe0000228)]`,
    );
  } else {
    lines.push(
      `     sig:                Success: File is signed in catalog.`,
      `     sig:           {_VERIFY_FILE_SIGNATURE exit(0x00000000)} ${clock(t + 41)}`,
      `     dvi:      {DIF_SELECTBESTCOMPATDRV} ${clock(t + 52)}`,
      `     dvi:           Default installer: Enter ${clock(t + 52)}`,
      `     dvi:           Default installer: Exit`,
      `     dvi:      {DIF_SELECTBESTCOMPATDRV - exit(0x00000000)} ${clock(t + 60)}`,
      `     dvi:           {DIF_ALLOW_INSTALL - exit(0xe000020e)} ${clock(t + 61)}`,
      `     dvi:                               DriverDescription=TAP-Windows Adapter V9 #${1 + (n % 9)}`,
      `     dvi:           {DIF_INSTALLDEVICE - exit(0x00000000)} ${clock(t + 980)}`,
      `     ndv:           Device install status=0x00000000`,
      `     ndv: {Update Driver Software Wizard exit(00000000)}`,
      `<<<  Section end ${day} ${clock(t + 1011)}`,
      `<<<  [Exit status: SUCCESS]`,
    );
  }
  lines.push('', '');
  return lines.join('\r\n');
}

async function generateLog(file: string): Promise<number> {
  const out = await open(file, 'w');
  try {
    await out.write('[Device Install Log]\r\n     OS Version = 10.0.17763\r\n     Architecture = amd64\r\n\r\n[BeginLog]\r\n\r\n');
    let written = 0;
    let n = 0;
    while (written < TARGET_BYTES) {
      const batch: string[] = [];
      let batchBytes = 0;
      while (batchBytes < 1 << 20) {
        const text = section(n++);
        batch.push(text);
        batchBytes += text.length;
      }
      const { bytesWritten } = await out.write(batch.join(''));
      written += bytesWritten;
    }
  } finally {
    await out.close();
  }
  return (await stat(file)).size;
}

function mbPerSecond(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1000);
}

interface AnalysisRun {
  ms: number;
  baselineRss: number;
  peakRss: number;
  findings: string;
}

/**
 * One analysis in a fresh process, as `hlk-assist analyze` runs: its resident memory is measured from a clean
 * start (after loading, before reading) to its peak, untouched by the memory this process used to write the log.
 */
async function analyzeOnce(file: string): Promise<AnalysisRun> {
  (globalThis as { gc?: () => void }).gc?.();
  const baselineRss = process.memoryUsage.rss();
  let peakRss = baselineRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 10);
  const t0 = performance.now();
  const analysis = await analyzeLogFile(file);
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  const findings = analysis.findings.map((f) => `${f.failureId} ${f.lineCount}`).join(', ');
  return { ms, baselineRss, peakRss, findings };
}

function timedAnalysis(file: string): AnalysisRun {
  const run = spawnSync(process.execPath, ['--expose-gc', __filename, ANALYZE_ONE, file], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`analysis failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as AnalysisRun;
}

function timedGrep(patternsFile: string, file: string): { ms: number; count: number } {
  const t0 = performance.now();
  const run = spawnSync('grep', ['-c', '-F', '-f', patternsFile, file], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (run.error || (run.status !== 0 && run.status !== 1)) {
    throw new Error(`grep failed: ${run.error?.message ?? run.stderr}`);
  }
  return { ms, count: Number(run.stdout.trim()) };
}

async function main(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'hlk-bench-analyze-'));
  try {
    const file = join(folder, 'setupapi.dev.log');
    const patternsFile = join(folder, 'signatures.txt');
    const signatures = [...new Set(knownFailures.flatMap((failure) => failure.signatures.map((s) => s.contains)))];
    await writeFile(patternsFile, `${signatures.join('\n')}\n`);

    const g0 = performance.now();
    const bytes = await generateLog(file);
    console.log(
      `generated ${(bytes / 1e6).toFixed(0)} MB setupapi-style log in ${((performance.now() - g0) / 1000).toFixed(1)} s; ` +
        `${signatures.length} signature texts from ${knownFailures.length} known failures`,
    );

    const analyzer: number[] = [];
    const grep: number[] = [];
    let baselineRss = 0;
    let growth = 0;
    let findings = '';
    let grepCount = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate who goes first, so neither always profits from the other warming the page cache.
      const order = round % 2 === 0 ? ['analyzer', 'grep'] : ['grep', 'analyzer'];
      for (const who of order) {
        if (who === 'analyzer') {
          const run = timedAnalysis(file);
          analyzer.push(run.ms);
          baselineRss = run.baselineRss;
          growth = Math.max(growth, run.peakRss - run.baselineRss);
          findings = run.findings;
        } else {
          const run = timedGrep(patternsFile, file);
          grep.push(run.ms);
          grepCount = run.count;
        }
      }
    }

    const analyzerMbs = mbPerSecond(bytes, median(analyzer));
    const grepMbs = mbPerSecond(bytes, median(grep));
    const growthMb = growth / 1e6;
    console.log(`analyzer   median ${(median(analyzer) / 1000).toFixed(2)} s  ${analyzerMbs.toFixed(0)} MB/s  (runs: ${analyzer.map((ms) => (ms / 1000).toFixed(2)).join(' ')} s)`);
    console.log(`grep -c -F -f  median ${(median(grep) / 1000).toFixed(2)} s  ${grepMbs.toFixed(0)} MB/s  (runs: ${grep.map((ms) => (ms / 1000).toFixed(2)).join(' ')} s)`);
    console.log(`analyzer / grep time: ${(median(analyzer) / median(grep)).toFixed(2)}x`);
    console.log(
      `resident memory of the analyzing process: ${(baselineRss / 1e6).toFixed(0)} MB before reading, ` +
        `largest growth while reading ${growthMb.toFixed(1)} MB`,
    );
    console.log(`findings: ${findings}; grep matching lines: ${grepCount}`);

    const ok = analyzerMbs >= GOAL_MB_PER_S && growthMb < GOAL_RSS_GROWTH_MB;
    console.log(
      `${ok ? 'PASS' : 'FAIL'}: goal at least ${GOAL_MB_PER_S} MB/s and under ${GOAL_RSS_GROWTH_MB} MB growth`,
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

const run =
  process.argv[2] === ANALYZE_ONE
    ? analyzeOnce(process.argv[3]).then((result) => console.log(JSON.stringify(result)))
    : main();
run.catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
