// A response body that is already serialized JSON: endpoints return it to skip JSON.stringify
// (the depth snapshot reuses its serialized levels while the book is unchanged).

/** Serialized JSON text to send as is. */
export class RawJson {
  /** The JSON text. */
  readonly text: string;

  /** Wraps already-serialized JSON. */
  constructor(text: string) {
    this.text = text;
  }

  /** Lets JSON.stringify of an enclosing object embed the value (slow path). */
  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}
