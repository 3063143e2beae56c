// A small streaming multipart/form-data reader (RFC 7578) that never copies file content: each part's body is
// handed on as views of the request's own chunks, so a large upload costs little more memory than the socket's
// buffers. Remix's unstable_parseMultipartFormData copies every chunk twice while searching for boundaries, and
// @remix-run/form-data-parser keeps whole parts in memory; see docs/decisions/006.

export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MultipartError";
  }
}

export interface MultipartPart {
  /** The form field name. */
  name: string;
  /** The file name exactly as the client sent it (not reduced to a base name), or null for a plain field. */
  filename: string | null;
  contentType: string | null;
  /** The content, streamed. Read it (or leave it: it is skipped when the next part is asked for). */
  body: AsyncIterable<Buffer>;
}

export interface MultipartLimits {
  maxParts?: number;
  maxHeaderBytes?: number;
}

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

/** The boundary of a multipart/form-data Content-Type, or null. */
export function multipartBoundary(contentType: string | null): string | null {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return null;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : null;
}

const asBuffer = (c: Uint8Array) => (Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength));

/** Chunks from a stream with the ability to put back what was read too far. */
class Reader {
  private pending: Buffer[] = [];
  private iterator: AsyncIterator<Uint8Array>;
  constructor(source: AsyncIterable<Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]();
  }
  async next(): Promise<Buffer | null> {
    const queued = this.pending.pop();
    if (queued) return queued;
    for (;;) {
      const r = await this.iterator.next();
      if (r.done) return null;
      if (r.value.length) return asBuffer(r.value);
    }
  }
  unshift(chunk: Buffer) {
    if (chunk.length) this.pending.push(chunk);
  }
}

/**
 * Everything up to the next `delimiter`, as views of the incoming chunks. Holds back at most delimiter-1 bytes at a
 * time (the start of a delimiter split across chunks); only those few bytes are ever copied.
 */
async function* untilDelimiter(
  reader: Reader,
  delimiter: Buffer,
  start: Buffer = Buffer.alloc(0),
): AsyncGenerator<Buffer> {
  const keep = delimiter.length - 1;
  let tail = start;
  for (;;) {
    const chunk = await reader.next();
    if (!chunk) throw new MultipartError("unexpected end of multipart body");
    if (chunk.length < delimiter.length || tail.length + chunk.length < delimiter.length * 2) {
      const joined = Buffer.concat([tail, chunk]);
      const at = joined.indexOf(delimiter);
      if (at !== -1) {
        if (at) yield joined.subarray(0, at);
        reader.unshift(joined.subarray(at + delimiter.length));
        return;
      }
      const emit = joined.length - keep;
      if (emit > 0) yield joined.subarray(0, emit);
      tail = joined.subarray(Math.max(0, emit));
      continue;
    }
    const seam = Buffer.concat([tail, chunk.subarray(0, keep)]);
    const atSeam = seam.indexOf(delimiter);
    if (atSeam !== -1) {
      if (atSeam) yield seam.subarray(0, atSeam);
      reader.unshift(chunk.subarray(atSeam + delimiter.length - tail.length));
      return;
    }
    const at = chunk.indexOf(delimiter);
    if (at !== -1) {
      if (tail.length) yield tail;
      if (at) yield chunk.subarray(0, at);
      reader.unshift(chunk.subarray(at + delimiter.length));
      return;
    }
    if (tail.length) yield tail;
    yield chunk.subarray(0, chunk.length - keep);
    tail = chunk.subarray(chunk.length - keep);
  }
}

async function readBytes(reader: Reader, n: number): Promise<Buffer> {
  let buf: Buffer = Buffer.alloc(0);
  while (buf.length < n) {
    const chunk = await reader.next();
    if (!chunk) throw new MultipartError("unexpected end of multipart body");
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
  }
  reader.unshift(buf.subarray(n));
  return buf.subarray(0, n);
}

async function readHeaders(reader: Reader, maxHeaderBytes: number): Promise<Record<string, string>> {
  let buf: Buffer = Buffer.alloc(0);
  let end = -1;
  while (end === -1) {
    const chunk = await reader.next();
    if (!chunk) throw new MultipartError("unexpected end of part headers");
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    end = buf.indexOf(HEADER_END);
    if (end === -1 && buf.length > maxHeaderBytes) throw new MultipartError("part headers too large");
  }
  if (end > maxHeaderBytes) throw new MultipartError("part headers too large");
  reader.unshift(buf.subarray(end + HEADER_END.length));
  const headers: Record<string, string> = {};
  for (const line of buf.subarray(0, end).toString("utf8").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** A parameter of a Content-Disposition header, quoted (with backslash escapes) or not. */
function dispositionParam(header: string, param: string): string | null {
  const re = new RegExp(`;\\s*${param}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, "i");
  const m = re.exec(header);
  if (!m) return null;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2];
}

/**
 * The parts of a multipart/form-data body, one at a time. Each part's body must be read (or is skipped) before the
 * next part is parsed; nothing but the part headers is buffered.
 */
export async function* parseMultipart(
  body: AsyncIterable<Uint8Array>,
  boundary: string,
  limits: MultipartLimits = {},
): AsyncGenerator<MultipartPart> {
  const maxParts = limits.maxParts ?? 20;
  const maxHeaderBytes = limits.maxHeaderBytes ?? 16 * 1024;
  const reader = new Reader(body);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The first delimiter has no CRLF before it: start as if one had been read. Anything before it is a preamble.
  for await (const _preamble of untilDelimiter(reader, delimiter, CRLF)) {
    // ignored
  }
  for (let count = 0; ; count++) {
    const after = await readBytes(reader, 2);
    if (after.equals(Buffer.from("--"))) {
      // The closing delimiter: the rest is an epilogue, read and ignored so the client gets its answer.
      for (let chunk = await reader.next(); chunk; chunk = await reader.next()) {
        // ignored
      }
      return;
    }
    if (!after.equals(CRLF)) throw new MultipartError("malformed multipart delimiter");
    if (count >= maxParts) throw new MultipartError("too many parts");
    const headers = await readHeaders(reader, maxHeaderBytes);
    const disposition = headers["content-disposition"] ?? "";
    if (!/^form-data\b/i.test(disposition)) throw new MultipartError("part without form-data disposition");
    const name = dispositionParam(disposition, "name");
    if (name === null) throw new MultipartError("part without a name");
    const content = untilDelimiter(reader, delimiter);
    // Only `next`: a consumer that stops early (break) cannot end the generator and lose our place in the stream.
    const bodyIterator = { next: () => content.next() };
    const partBody: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => bodyIterator };
    yield {
      name,
      filename: dispositionParam(disposition, "filename"),
      contentType: headers["content-type"] ?? null,
      body: partBody,
    };
    // Whatever the consumer left unread is skipped.
    for await (const _rest of content) {
      // ignored
    }
  }
}
