/**
 * Bracketed paste: the terminal wraps pasted text in ESC[200~ … ESC[201~ once the shell asks
 * for it (ESC[?2004h), and a pasted block becomes one entry, the way `.editor` makes one.
 * So a chain pasted from docs with leading dots (`  .flatMap(…)`) runs as written, instead of
 * each line running on its own and `.flatMap` being taken for a shell command.
 */
import * as readline from 'node:readline';
import type { REPLServer } from 'node:repl';
import type { Writable } from 'node:stream';
import { bufferedCommand, internalsOf, setBufferedCommand } from './repl-internals.js';

const readlineSetPrompt = readline.Interface.prototype.setPrompt;

/** Asks the terminal to bracket pasted text; {@link PASTE_OFF} undoes it. */
export const PASTE_ON = '\x1b[?2004h';
/** Back to plain pasting (written when the shell exits). */
export const PASTE_OFF = '\x1b[?2004l';

/** Routes keys through a paste in progress; `handle` returns true when it took the key. */
export interface PasteHandler {
  handle(data: string | undefined, key: readline.Key | undefined): boolean;
}

/**
 * Creates the handler. `ttyWrite` is readline's own key handler (not the shell's wrapper);
 * `output` is where the pasted lines are echoed, as the prompt would have shown them.
 */
export function createPasteHandler(server: REPLServer, ttyWrite: (d: string | undefined, k: readline.Key | undefined) => void, output: Writable): PasteHandler {
  const s = internalsOf(server);
  let pasting = false;
  let text = '';

  const insert = (chunk: string): void => {
    if (chunk) ttyWrite(chunk, { sequence: chunk, name: undefined, ctrl: false, meta: false, shift: false });
  };

  const finish = (): void => {
    const pasted = text.replace(/\r\n?/g, '\n');
    text = '';
    if (!pasted.includes('\n')) {
      insert(pasted);
      return;
    }
    const before = s.line.slice(0, s.cursor);
    const after = s.line.slice(s.cursor);
    const lines = (before + pasted).split('\n');
    const endsLine = pasted.endsWith('\n');
    // The lines the entry ends with: the last pasted line stays on the prompt for editing unless the paste ended a line.
    const ahead = lines.slice(0, endsLine ? -2 : -1);
    // The line after those ahead (the paste holds a newline, so there is one).
    const last = lines[ahead.length] ?? '';
    // Echo the lines that go into the buffer as if typed at the prompt.
    const { rows } = server.getCursorPos();
    output.write(`\x1b[${rows > 0 ? `${rows}A\x1b[` : ''}1G\x1b[0J`);
    const prompt = server.getPrompt();
    output.write(ahead.map((l, i) => `${i === 0 && bufferedCommand(server) === '' ? prompt : '... '}${l}\n`).join(''));
    s.prevRows = 0;
    setBufferedCommand(server, bufferedCommand(server) + ahead.map((l) => `${l}\n`).join(''));
    s.line = last;
    s.cursor = last.length;
    // readline's own setPrompt: the REPL's would make '... ' the prompt for good.
    readlineSetPrompt.call(server, ahead.length > 0 || bufferedCommand(server) !== '' ? '... ' : prompt);
    s._refreshLine?.();
    if (endsLine) {
      ttyWrite('\r', { sequence: '\r', name: 'return', ctrl: false, meta: false, shift: false });
      insert(after);
    } else {
      insert(after);
      s.cursor = last.length;
      s._refreshLine?.();
    }
  };

  return {
    handle(data, key) {
      if (key?.name === 'paste-start') {
        pasting = true;
        text = '';
        return true;
      }
      if (!pasting) return false;
      if (key?.name === 'paste-end') {
        pasting = false;
        finish();
        return true;
      }
      text += key?.name === 'return' || key?.name === 'enter' ? '\n' : (data ?? key?.sequence ?? '');
      return true;
    },
  };
}
