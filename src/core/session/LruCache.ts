// A small LRU map for suggestions by context, so returning to the same place answers at once.
// Map keeps insertion order, so re-inserting on read makes the first key the least recently used.

export class LruCache<V> {
  private readonly map = new Map<string, V>();
  constructor(private capacity: number) {}

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    this.trim();
  }

  resize(capacity: number): void {
    this.capacity = capacity;
    this.trim();
  }

  clear(): void {
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }

  private trim(): void {
    while (this.map.size > Math.max(0, this.capacity)) {
      const oldest = this.map.keys().next().value as string;
      this.map.delete(oldest);
    }
  }
}
