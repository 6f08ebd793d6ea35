/**
 * One decoder for every stream, used without `stream: true`, so it keeps no state between
 * calls. A streaming `TextDecoder` per open stream costs an ICU converter (about 1.2 KB of
 * native memory each, measured with thousands of slow streams open in one proxy).
 * `ignoreBOM`: the byte order mark is stripped here, only at the start of a stream.
 */
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** The length of the UTF-8 sequence a byte starts (1 for ASCII and for bytes that start none). */
function sequenceLength(byte: number): number {
  if (byte >= 0xf0 && byte <= 0xf4) return 4;
  if (byte >= 0xe0 && byte <= 0xef) return 3;
  if (byte >= 0xc2 && byte <= 0xdf) return 2;
  return 1;
}

/**
 * Where the incomplete sequence that ends `bytes` starts, or `bytes.length` when it ends
 * whole. Cutting just before a byte that is not a continuation byte never changes the
 * decoded text (the decoder starts afresh there either way), so the text of the head plus
 * that of tail-and-what-follows equals the text of the whole.
 */
function incompleteTailStart(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let i = end - 1; i >= 0 && i >= end - 3; i--) {
    const byte = bytes[i] as number; // i is in range
    if ((byte & 0xc0) !== 0x80) return end - i < sequenceLength(byte) ? i : end;
  }
  return end;
}

/**
 * Decodes a UTF-8 byte stream piece by piece, as a streaming `TextDecoder` does: a character
 * split across pieces is decoded whole, invalid bytes become U+FFFD, a byte order mark at the
 * very start is dropped. Between pieces it keeps only the bytes of a split character (at most 3).
 */
export class Utf8StreamDecoder {
  private tail: Uint8Array | undefined;
  private started = false;

  /** The text of `piece`, short of a character it splits (that one comes with the next piece). */
  decode(piece: Uint8Array): string {
    const bytes = this.tail === undefined ? piece : joined(this.tail, piece);
    const cut = incompleteTailStart(bytes);
    // A copy: a view would keep the whole piece alive.
    this.tail = cut === bytes.length ? undefined : bytes.slice(cut);
    return this.started ? utf8.decode(cut === bytes.length ? bytes : bytes.subarray(0, cut)) : this.first(bytes.subarray(0, cut));
  }

  /** The text of a character left incomplete at the end of the stream (U+FFFD), or ''. */
  end(): string {
    const tail = this.tail;
    this.tail = undefined;
    return tail === undefined ? '' : this.first(tail);
  }

  /** Decodes, dropping a byte order mark that starts the stream's text. */
  private first(bytes: Uint8Array): string {
    const text = utf8.decode(bytes);
    if (this.started || text === '') return text;
    this.started = true;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
}

function joined(head: Uint8Array, rest: Uint8Array): Uint8Array {
  const out = new Uint8Array(head.length + rest.length);
  out.set(head, 0);
  out.set(rest, head.length);
  return out;
}
