import type { OutlineEntryView } from '@broadsheet/contracts';

/** Headings deeper than this are left out: they are sub-points, not sections. */
export const OUTLINE_MAX_LEVEL = 3;

const ATX_HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The heading text without inline markdown (emphasis, code, links). */
function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]+/g, '')
    .trim();
}

function anchor(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s-]/gu, '')
      .trim()
      .replace(/\s+/g, '-') || 'section'
  );
}

/**
 * The section headings of a markdown body (ATX `#` and setext underlines, levels 1..3), with
 * GitHub-style anchors made unique by a numeric suffix. Headings inside code fences are not
 * headings.
 */
export function outlineOf(body: string): OutlineEntryView[] {
  const entries: OutlineEntryView[] = [];
  const seen = new Map<string, number>();
  const push = (level: number, raw: string) => {
    const text = plainText(raw);
    if (!text || level > OUTLINE_MAX_LEVEL) return;
    const base = anchor(text);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    entries.push({ level, text, id: count === 0 ? base : `${base}-${count}` });
  };
  const lines = body.split(/\r?\n/);
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1];
      if (fence === null) fence = marker[0];
      else if (marker[0] === fence) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const atx = ATX_HEADING.exec(line);
    if (atx) {
      push(atx[1].length, atx[2]);
      continue;
    }
    const next = lines[i + 1];
    if (line.trim() && next !== undefined && /^ {0,3}(=+|-+)[ \t]*$/.test(next) && !/^\s*[-*+>]/.test(line)) {
      push(next.trim().startsWith('=') ? 1 : 2, line);
      i++;
    }
  }
  return entries;
}
