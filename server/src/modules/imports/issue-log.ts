/**
 * Row problems of a running import, appended batch by batch to a JSON-lines file beside the
 * upload (a million-row file may have a million problems: they do not stay in memory). Each
 * line carries the index of its batch's first row, so a run resumed after a crash keeps only
 * the lines of batches that committed.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import type { RowIssue } from './row-issues.js';

interface Line extends RowIssue {
  /** Index of the first data row of the batch that found it. */
  b: number;
}

export class IssueLog {
  private committedBytes = 0;

  private constructor(readonly path: string) {}

  /** Opens the log for a run; a resumed run keeps the lines of batches before `resumeFrom`. */
  static async open(path: string, resumeFrom: number): Promise<IssueLog> {
    const log = new IssueLog(path);
    const kept: string[] = [];
    if (resumeFrom > 0 && fs.existsSync(path)) {
      for await (const line of readline.createInterface({ input: fs.createReadStream(path) })) {
        if (line && (JSON.parse(line) as Line).b < resumeFrom) kept.push(line);
      }
    }
    const text = kept.length ? `${kept.join('\n')}\n` : '';
    await fs.promises.writeFile(path, text);
    log.committedBytes = Buffer.byteLength(text);
    return log;
  }

  /** Appends a batch's problems (before its transaction commits). */
  async append(batchStart: number, issues: readonly RowIssue[]): Promise<void> {
    if (issues.length === 0) return;
    await fs.promises.appendFile(this.path, issues.map((i) => `${JSON.stringify({ ...i, b: batchStart })}\n`).join(''));
  }

  /** The batch committed: its lines stay. */
  async commit(): Promise<void> {
    this.committedBytes = (await fs.promises.stat(this.path)).size;
  }

  /** Whether committed batches found any problem. */
  get hasIssues(): boolean {
    return this.committedBytes > 0;
  }

  /** The batch rolled back: its lines go. */
  async rollback(): Promise<void> {
    await fs.promises.truncate(this.path, this.committedBytes);
  }

  async *read(): AsyncGenerator<RowIssue> {
    if (!fs.existsSync(this.path)) return;
    for await (const line of readline.createInterface({ input: fs.createReadStream(this.path) })) {
      if (!line) continue;
      const { b: _b, ...issue } = JSON.parse(line) as Line;
      yield issue;
    }
  }

  async remove(): Promise<void> {
    await fs.promises.rm(this.path, { force: true });
  }
}
