interface Node<K, V> {
  key: K;
  value: V;
  older: Node<K, V> | undefined;
  newer: Node<K, V> | undefined;
}

/**
 * A Map that keeps its entries in order of use, for bounded caches: `get` makes an entry the most
 * recently used, `oldest` names the one to evict. The order is a linked list beside the Map, so a
 * read moves two pointers and leaves the Map as it is.
 *
 * The usual LRU on a bare Map re-inserts the entry on every read (delete, then set). V8 keeps a
 * deleted entry's slot until the table fills and is copied into a new one, so a cache read
 * thousands of times a second allocated a new table every few hundred reads; each lived long
 * enough to be promoted to the old generation, and the gateway's cached reads paid for it with a
 * full mark-compact pause of 8–31 ms every 20 s or so (docs/benchmarks-history.md, "Session 8").
 */
export class LruMap<K, V> {
  private readonly nodes = new Map<K, Node<K, V>>();
  private oldestNode: Node<K, V> | undefined;
  private newestNode: Node<K, V> | undefined;

  get size(): number {
    return this.nodes.size;
  }

  /** The value, now the most recently used. */
  get(key: K): V | undefined {
    const node = this.nodes.get(key);
    if (!node) return undefined;
    if (node !== this.newestNode) {
      this.unlink(node);
      this.append(node);
    }
    return node.value;
  }

  /** The value, its place in the order unchanged (for lookups that are not uses). */
  peek(key: K): V | undefined {
    return this.nodes.get(key)?.value;
  }

  has(key: K): boolean {
    return this.nodes.has(key);
  }

  /** Stores `value` as the most recently used entry for `key`. */
  set(key: K, value: V): void {
    const node = this.nodes.get(key);
    if (node) {
      node.value = value;
      this.get(key);
      return;
    }
    const fresh: Node<K, V> = { key, value, older: undefined, newer: undefined };
    this.nodes.set(key, fresh);
    this.append(fresh);
  }

  delete(key: K): boolean {
    const node = this.nodes.get(key);
    if (!node) return false;
    this.unlink(node);
    return this.nodes.delete(key);
  }

  clear(): void {
    this.nodes.clear();
    this.oldestNode = this.newestNode = undefined;
  }

  /** The least recently used key (the one to evict), or undefined when empty. */
  oldest(): K | undefined {
    return this.oldestNode?.key;
  }

  /** The keys, least recently used first. */
  *keys(): IterableIterator<K> {
    for (let node = this.oldestNode; node; node = node.newer) yield node.key;
  }

  private unlink(node: Node<K, V>): void {
    if (node.older) node.older.newer = node.newer;
    else this.oldestNode = node.newer;
    if (node.newer) node.newer.older = node.older;
    else this.newestNode = node.older;
    node.older = node.newer = undefined;
  }

  private append(node: Node<K, V>): void {
    node.older = this.newestNode;
    if (this.newestNode) this.newestNode.newer = node;
    else this.oldestNode = node;
    this.newestNode = node;
  }
}
