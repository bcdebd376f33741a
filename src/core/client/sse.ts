// Server-sent events as the completion route writes them (`event: NAME\ndata: JSON\n\n`), parsed from
// chunks that may split anywhere — a line, a UTF-16 pair's neighbour, the blank line between events.
export interface SseEvent {
  event: string;
  data: string;
}

/** Feed it text as it arrives; it calls `onEvent` for each complete event. `end()` flushes the last one. */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];

  constructor(private readonly onEvent: (e: SseEvent) => void) {}

  push(chunk: string): void {
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, nl);
      const crlf = this.buffer.slice(nl, nl + 2) === '\r\n';
      // a lone '\r' at the very end may be half of a '\r\n': wait for the next chunk
      if (!crlf && this.buffer[nl] === '\r' && nl === this.buffer.length - 1) return;
      this.buffer = this.buffer.slice(nl + (crlf ? 2 : 1));
      this.line(line);
    }
  }

  end(): void {
    if (this.buffer) this.line(this.buffer);
    this.buffer = '';
    this.line('');
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length) this.onEvent({ event: this.event || 'message', data: this.data.join('\n') });
      this.event = '';
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return; // a comment (keep-alive)
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
  }
}
