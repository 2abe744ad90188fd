import { readdirSync, readFileSync } from 'node:fs';

/** Linux clock ticks a second (`getconf CLK_TCK`; 100 on every mainstream kernel). */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  /** User + system CPU, ms. */
  cpuMs: number;
  rssBytes: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    const rssPages = Number(fields[21]);
    return {
      pid,
      ppid: Number(fields[1]),
      cpuMs: ((utime + stime) * 1000) / TICKS_PER_SECOND,
      rssBytes: rssPages * 4096,
    };
  } catch {
    return undefined; // gone meanwhile
  }
}

/** `root` and every live descendant (a `serve --workers` primary and its workers). */
function tree(root: number): ProcStat[] {
  const all: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat) all.push(stat);
  }
  const members = new Set([root]);
  // Bounded: each pass adds a generation; a tree deeper than 8 is not ours.
  for (let pass = 0; pass < 8; pass++) {
    const before = members.size;
    for (const s of all) if (members.has(s.ppid)) members.add(s.pid);
    if (members.size === before) break;
  }
  return all.filter((s) => members.has(s.pid));
}

/** CPU (ms, user + system) and RSS (bytes) of a process tree, summed. Linux only (/proc). */
export function treeUsage(root: number): { cpuMs: number; rssBytes: number } {
  let cpuMs = 0;
  let rssBytes = 0;
  for (const s of tree(root)) {
    cpuMs += s.cpuMs;
    rssBytes += s.rssBytes;
  }
  return { cpuMs, rssBytes };
}

/** Samples a tree's RSS until stopped; `peak()` is the highest sum seen. */
export function watchRss(root: number, everyMs = 250): { peak(): number; stop(): void } {
  let peak = treeUsage(root).rssBytes;
  const timer = setInterval(() => {
    peak = Math.max(peak, treeUsage(root).rssBytes);
  }, everyMs);
  return { peak: () => peak, stop: () => clearInterval(timer) };
}
