/** Replies nest at most this deep below a top-level comment (which is depth 0). */
export const MAX_REPLY_DEPTH = 3;

/**
 * The path a new comment gets under `parentPath` (ids from the root down to the parent).
 * A reply deeper than `maxDepth` attaches to the deepest allowed ancestor instead, so a thread
 * never grows past `maxDepth` levels and the conversation stays readable on a phone.
 */
export function placeReply(parentPath: readonly number[], maxDepth = MAX_REPLY_DEPTH): { parentPath: number[]; parentId: number; depth: number } {
  if (parentPath.length === 0) throw new Error('a parent path holds at least the root id');
  const kept = parentPath.slice(0, Math.min(parentPath.length, maxDepth));
  return { parentPath: kept, parentId: kept[kept.length - 1], depth: kept.length };
}

export interface ThreadNode {
  id: number;
  parentId: number | null;
  rootId: number;
  path: readonly number[];
}

/**
 * Lays out a page of threads: each root in the given order, followed by its replies depth
 * first, oldest first. A reply whose parent is not shown (hidden, pending for someone else)
 * is left out with its own replies, so no reply appears without its context.
 */
export function assembleThreads<T extends ThreadNode>(roots: readonly T[], replies: readonly T[]): T[] {
  const byRoot = new Map<number, T[]>();
  for (const reply of [...replies].sort(comparePaths)) {
    const list = byRoot.get(reply.rootId) ?? [];
    list.push(reply);
    byRoot.set(reply.rootId, list);
  }
  const out: T[] = [];
  for (const root of roots) {
    const shown = new Set<number>([root.id]);
    out.push(root);
    for (const reply of byRoot.get(root.id) ?? []) {
      if (reply.parentId !== null && shown.has(reply.parentId)) {
        shown.add(reply.id);
        out.push(reply);
      }
    }
  }
  return out;
}

function comparePaths(a: ThreadNode, b: ThreadNode): number {
  const n = Math.min(a.path.length, b.path.length);
  for (let i = 0; i < n; i++) if (a.path[i] !== b.path[i]) return a.path[i] - b.path[i];
  return a.path.length - b.path.length;
}
