import { cpus, totalmem } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root (this file runs from dist/bench/support). */
export const ROOT = join(__dirname, '..', '..', '..');

/** One line describing the machine a figure was measured on. */
export function machineLine(): string {
  const cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

/**
 * Replaces the section between `<!-- <name>:start -->` and `<!-- <name>:end -->` in
 * docs/benchmarks.md (appending it when missing), so each benchmark owns its own section.
 */
export function writeBenchmarkSection(name: string, markdown: string): string {
  const file = join(ROOT, 'docs', 'benchmarks.md');
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const at = current.indexOf(start);
  const next =
    at >= 0 && current.indexOf(end, at) > at
      ? current.slice(0, at) + block + current.slice(current.indexOf(end, at) + end.length)
      : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
  return file;
}

export const pad = (value: string | number, width: number) => String(value).padEnd(width);
export const padLeft = (value: string | number, width: number) => String(value).padStart(width);
