// A small LRU map for suggestions by context, so returning to the same place answers at once.
// Keys are kept in use order (least recent first) beside a Map used only for get/set/delete: the ES5 lite pane
// runs on IE11's own Map, which cannot be iterated. A capacity of tens makes the key list's linear search free.

export class LruCache<V> {
  private readonly map = new Map<string, V>();
  private readonly order: string[] = [];
  constructor(private capacity: number) {}

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    this.touch(key);
    return v;
  }

  set(key: string, value: V): void {
    this.map.set(key, value);
    this.touch(key);
    this.trim();
  }

  resize(capacity: number): void {
    this.capacity = capacity;
    this.trim();
  }

  clear(): void {
    this.map.clear();
    this.order.length = 0;
  }

  get size(): number {
    return this.order.length;
  }

  /** makes `key` the most recently used */
  private touch(key: string): void {
    const i = this.order.indexOf(key);
    if (i >= 0) this.order.splice(i, 1);
    this.order.push(key);
  }

  private trim(): void {
    while (this.order.length > Math.max(0, this.capacity)) this.map.delete(this.order.shift()!);
  }
}
