/**
 * What a process holds open, read from the kernel rather than from Node's bookkeeping, so sockets
 * opened by native code (Pact's mock servers and verifier live in Rust) are counted too:
 * TCP sockets of this process by state (from /proc/self/fd and /proc/net/tcp{,6}), Node's own
 * active resources, and this process's live child processes (from /proc/<pid>/stat). Linux only.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

interface TcpCounts {
  listening: number;
  /** Every other state (established, time-wait excluded: those belong to no fd). */
  connected: number;
  /** `127.0.0.1:port` of each listening socket, sorted. */
  listeners: string[];
}

function socketInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (match?.[1] !== undefined) inodes.add(match[1]);
    } catch {
      // the fd closed while we looked
    }
  }
  return inodes;
}

function address(hex: string): string {
  const [ip = '', port = '0'] = hex.split(':');
  const host = ip.length === 8 ? [3, 2, 1, 0].map((i) => parseInt(ip.slice(i * 2, i * 2 + 2), 16)).join('.') : `[${ip}]`;
  return `${host}:${parseInt(port, 16)}`;
}

/** TCP sockets this process owns (IPv4 and IPv6), by state. */
function tcpOfThisProcess(): TcpCounts {
  const mine = socketInodes();
  const counts: TcpCounts = { listening: 0, connected: 0, listeners: [] };
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const inode = cols[9];
      if (inode === undefined || inode === '0' || !mine.has(inode)) continue;
      if (cols[3] === '0A') {
        counts.listening += 1;
        counts.listeners.push(address(cols[1] ?? ''));
      } else counts.connected += 1;
    }
  }
  counts.listeners.sort();
  return counts;
}

/** Live (not zombie) child processes of this process, as `pid command`. */
function childProcesses(): string[] {
  const out: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may contain spaces and parentheses, so split after the last ')'.
      const close = stat.lastIndexOf(')');
      const [state, ppid] = stat.slice(close + 2).split(' ');
      if (Number(ppid) === process.pid && state !== 'Z') out.push(`${entry} ${stat.slice(stat.indexOf('(') + 1, close)}`);
    } catch {
      // the process ended while we looked
    }
  }
  return out.sort();
}

/** Node's own active resources by kind (TCPServerWrap, TCPSocketWrap, ProcessWrap, Timeout, ...). */
function nodeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

export interface Snapshot {
  tcp: TcpCounts;
  children: string[];
  servers: number;
  sockets: number;
  processes: number;
}

export function snapshot(): Snapshot {
  const resources = nodeResources();
  return {
    tcp: tcpOfThisProcess(),
    children: childProcesses(),
    servers: resources.TCPServerWrap ?? 0,
    sockets: resources.TCPSocketWrap ?? 0,
    processes: resources.ProcessWrap ?? 0,
  };
}

/**
 * Waits (up to `ms`) until nothing is held beyond `baseline`: sockets close and children are
 * reaped asynchronously, a few ms after the call that ends them returns. Returns as soon as that is
 * so, with the last snapshot; the deadline is generous because a busy machine can take seconds to
 * reap a child, and only a real leak waits it out.
 */
export async function settleTo(baseline: Snapshot, ms = 10_000): Promise<Snapshot> {
  const started = Date.now();
  let now = snapshot();
  while (Date.now() - started < ms && !withinBaseline(now, baseline)) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    now = snapshot();
  }
  return now;
}

export function withinBaseline(now: Snapshot, baseline: Snapshot): boolean {
  return (
    now.tcp.listening <= baseline.tcp.listening &&
    now.tcp.connected <= baseline.tcp.connected &&
    now.children.length <= baseline.children.length &&
    now.servers <= baseline.servers &&
    now.sockets <= baseline.sockets &&
    now.processes <= baseline.processes
  );
}

/** A one-line description of what is held beyond the baseline, for assertion messages. */
export function leakReport(now: Snapshot, baseline: Snapshot): string {
  return JSON.stringify({ baseline: { ...baseline, tcp: { ...baseline.tcp } }, now });
}
