/**
 * The one terminal sanitiser. Text that came from outside the kit (a pact's ids and descriptions, a
 * provider's bodies, a spec's prose, file names, JSON errors) could rewrite or hide lines, or write
 * the clipboard (OSC 52), if its control characters reached a terminal. They are shown instead as
 * `\uXXXX` (a valid JSON escape, so JSON output keeps its meaning): C0 and C1 controls (ESC, CSI,
 * OSC, BEL, CR, ...), DEL, and the bidirectional overrides and isolates that reorder what is read.
 */

/** Every control but tab and line feed: the writer's pass, for whole lines the kit composed. */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** Every control, line breaks and tabs included: for one piece of foreign text inside a line. */
const CONTROLS_AND_BREAKS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escape(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Text the kit composed (its own line breaks and tabs kept), with every other control made visible. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROLS, escape);
}

/** One piece of foreign text to show within a line: every control, line breaks included, made visible. */
export function oneLine(text: string): string {
  return text.replace(CONTROLS_AND_BREAKS, escape);
}

/** A writer (stdout, stderr) that sanitises everything written through it. */
export function terminalWriter(write: (text: string) => unknown): (text: string) => void {
  return (text) => {
    write(terminalSafe(text));
  };
}

/**
 * Lines the kit composed, each element one line: a line break inside an element came from outside
 * (a description, a file name) and is shown as `\u000a`, so foreign text can neither add a line
 * (a forged PASS) nor hide one.
 */
export function joinLines(lines: readonly string[]): string {
  return lines.map(oneLine).join('\n');
}
