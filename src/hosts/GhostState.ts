// The ghost as a host knows it, shared by WordHost and WpsHost (issue 32 §1): which ghost is in the document
// (the host's own handle for it — Word's content-control id, a WPS bookmark's name), the text the host wrote
// there, what it wrote into earlier ghosts (an undo can bring one back, issue 28 §1), and when the host last
// wrote to the document itself, so a change event that follows is known as its own echo (HOST-API-NOTES §3:
// hosts fire events for an add-in's own edits).

/** how long after its own write a host takes a selection/content event as that write's echo */
export const OWN_ECHO_MS = 300;

export class GhostState<Id> {
  private handle: Id | null = null;
  private shown = '';
  private readonly written = new Map<Id, string>();
  private ownWriteAt = -Infinity;

  /** the ghost's handle; null when no ghost is in the document */
  get id(): Id | null {
    return this.handle;
  }

  /** the ghost's text as the host wrote it; '' when none */
  get text(): string {
    return this.shown;
  }

  set(id: Id, text: string): void {
    this.handle = id;
    this.shown = text;
    this.written.set(id, text);
  }

  clear(): void {
    this.handle = null;
    this.shown = '';
  }

  /** `longer` continues the ghost shown now: only the rest needs writing (a streaming ghost extends once) */
  extends(longer: string): boolean {
    return this.shown !== '' && longer.length > this.shown.length && longer.startsWith(this.shown);
  }

  /** what the host last wrote into the ghost with this handle, if it ever did */
  wrote(id: Id): string | undefined {
    return this.written.get(id);
  }

  /** call before each write of the host's own */
  markOwnWrite(now = Date.now()): void {
    this.ownWriteAt = now;
  }

  /** an event now is probably the echo of the host's own write (within `windowMs` of it) */
  ownEcho(now = Date.now(), windowMs = OWN_ECHO_MS): boolean {
    return now - this.ownWriteAt <= windowMs;
  }
}
